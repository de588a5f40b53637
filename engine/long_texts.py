"""A note where many texts are longer than the embedding model reads.

A sentence-transformer reads the first ``max_seq_length`` tokens of a text (256 for the bundled
all-MiniLM-L6-v2, its [CLS] and [SEP] markers included) and drops the rest, so the end of a long review or
article is in none of its vectors; the TF-IDF view reads up to 100,000 characters. Nothing said so
(review39). Counted like the [UNK] note (engine/unknown_tokens.py): the model folder's tokenizer.json
through ``tokenizers``, no model load, on texts sampled evenly.
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.unknown_tokens import MIN_TEXTS, even_sample, model_tokenizer, utf8_safe

#: the note is said when at least this share of the sampled texts (and ``MIN_TEXTS`` of them) are cut: a few long
#: texts among short ones lose little of the data; from one in twenty, a visible part of it is judged by its start
LONG_SHARE = 0.05
#: characters of a text tokenised first, per token the model reads (2,048 for 256 tokens); a text whose start
#: holds fewer tokens than that is tokenised again to the embed stage's own cut (engine/embed_model.char_limit)
HEAD_CHARS_PER_TOKEN = 8


def long_text_note(texts: Sequence[str], model: str | None, *, second_view: str) -> str | None:
    """The note, or None: TF-IDF, a hub name, a folder without tokenizer.json or ``max_seq_length``, or a
    tokenizer that cannot be read says nothing. ``second_view``: "pooled" (the TF-IDF view is pooled in), "off"
    (--second-view tfidf would pool it), "never" (multi-label data: no view to add) or "given" (--pred-probs: the
    label flags use the user's probabilities; the model's vectors still drive the neighbour flags)."""
    from engine.embed_model import CHARS_PER_TOKEN, TFIDF_MAX_CHARS, model_max_seq_length, resolve_model_name

    name = resolve_model_name(model)
    tokenizer = model_tokenizer(name, texts)
    limit = model_max_seq_length(name) if tokenizer is not None else None
    if tokenizer is None or limit is None:
        return None
    try:
        pieces = limit - tokenizer.num_special_tokens_to_add(False)  # [CLS] and [SEP] count in max_seq_length
        head = limit * HEAD_CHARS_PER_TOKEN
        picked, whole = even_sample(texts)
        texts_read = [str(text) for text in picked]
        encoded = tokenizer.encode_batch([utf8_safe(text[:head]) for text in texts_read], add_special_tokens=False)
        cut = 0
        for text, tokens in zip(texts_read, encoded):
            if len(tokens.ids) <= pieces and len(text) > head:  # a start of very long words or spaces: read further
                tokens = tokenizer.encode(utf8_safe(text[:limit * CHARS_PER_TOKEN]), add_special_tokens=False)
            cut += len(tokens.ids) > pieces
    except Exception:  # noqa: BLE001 - a tokenizer this tokenizers cannot read: no note, the audit goes on
        return None
    read = len(picked)
    if cut < max(MIN_TEXTS, LONG_SHARE * read):
        return None
    counted = f"{cut:,} of the {read:,}" if whole else f"{cut:,} of {read:,} sampled evenly"
    share = f"{cut / read:.0%}" if cut < read else "all"
    judged = "its near-duplicate, outlier, non-IID and label flags judge them by their starts"
    view = ("its near-duplicate, outlier and non-IID flags judge them by their starts (the label flags use the "
            "--pred-probs probabilities, not its vectors)" if second_view == "given" else
            f"the TF-IDF view, pooled into the label flags, reads them to {TFIDF_MAX_CHARS:,} characters; "
            "near-duplicate, outlier and non-IID flags come from the model's vectors alone"
            if second_view == "pooled" else
            f"{judged} (--second-view tfidf adds a TF-IDF view that reads them to {TFIDF_MAX_CHARS:,} characters "
            "to the label flags)" if second_view == "off" else judged)
    return (f"{name} reads the first {limit:,} tokens of a text ({pieces:,} word pieces and its markers; "
            f"max_seq_length): {share} of the texts are longer ({counted}), so their ends are not in its "
            f"vectors: {view}")
