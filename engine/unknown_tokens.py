"""A note where the embedding model reads most texts as unknown tokens ([UNK]).

The bundled all-MiniLM-L6-v2 knows English WordPiece pieces: Thai, most Chinese characters and emoji
are each one ``[UNK]``, so texts of as many unknown tokens get the same vector. Audited as they were,
150 Thai texts gave 149 near-duplicates (distance 0 between different texts) and a non-IID verdict on
shuffled rows, 150 emoji texts 150 near-duplicates, without a word (review39). The note says so; the
audit runs (a multilingual model is the user's choice, and the hub may be out of reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

#: texts tokenised for the note: evenly spaced over the data (1,000 ag_news texts: ~0.2 s at load 2, 0.5 s at 11)
SAMPLE = 1000
#: characters of a text tokenised (a 2 MB text is judged by its start)
HEAD_CHARS = 1000
#: a text is "mostly unknown" when the unknown token stands for more than this share of its characters read
#: ('ok 👍' is not; a Thai text ending in '。' is, though the '。' is a token of its own)
UNKNOWN_SHARE = 0.5
#: the note is said when at least this share of the sampled texts, and ``MIN_TEXTS`` of them, are mostly unknown
#: (a few emoji-only replies among English tweets are each other's near-duplicates too)
TEXTS_SHARE = 0.01
MIN_TEXTS = 3


def unknown_token_note(texts: Sequence[str], model: str | None, *, pred_probs_given: bool = False) -> str | None:
    """The note, or None: a model without a ``tokenizer.json`` with an unknown token (TF-IDF, a hub
    name, byte-level BPE) or a tokenizer that cannot be read says nothing (the audit is not its place to fail).
    ``pred_probs_given`` (--pred-probs): the label flags use the user's probabilities, not the model's vectors."""
    from engine.embed_model import resolve_model_name

    name = resolve_model_name(model)
    tokenizer = model_tokenizer(name, texts)
    if tokenizer is None:
        return None
    try:
        unknown = getattr(tokenizer.model, "unk_token", None)
        unknown_id = tokenizer.token_to_id(unknown) if unknown else None
        if unknown_id is None:
            return None
        picked, whole = even_sample(texts)
        sample = [utf8_safe(str(text)[:HEAD_CHARS]) for text in picked]
        encoded = tokenizer.encode_batch(sample, add_special_tokens=False)
    except Exception:  # noqa: BLE001 - a tokenizer this tokenizers cannot read: no note, the audit goes on
        return None
    read = sum(1 for e in encoded if e.ids)
    mostly = sum(_unknown_share(e.ids, e.offsets, unknown_id) > UNKNOWN_SHARE for e in encoded)
    if mostly < max(MIN_TEXTS, TEXTS_SHARE * read):
        return None
    counted = f"{mostly:,} of the {read:,} texts" if whole else f"{mostly:,} of {read:,} texts sampled evenly"
    return (f"{counted} are mostly unknown to {name} (most of their characters read as {unknown}: a script or "
            "emoji its vocabulary lacks): it reads them as runs of one token, so different texts get the same "
            "vector; near-duplicate, outlier and non-IID flags then say nothing of their words"
            + (" (the label flags use the --pred-probs probabilities, not its vectors)" if pred_probs_given
               else ", nor do label flags from its vectors")
            + ". Use a model trained on their language (--model, e.g. a multilingual sentence-transformers model)")


def _unknown_share(ids: list[int], offsets: list[tuple[int, int]], unknown_id: int) -> float:
    """The share of a text's characters (those its tokens cover) that the unknown token stands for."""
    total = sum(end - start for start, end in offsets)
    unknown = sum(end - start for token, (start, end) in zip(ids, offsets) if token == unknown_id)
    return unknown / total if total else 0.0


def model_tokenizer(name: str, texts: Sequence[str]):  # -> tokenizers.Tokenizer | None
    """The model folder's ``tokenizer.json`` through ``tokenizers`` (no model load), padding and truncation off;
    None for TF-IDF, no texts, a hub name or folder without the file, or one that cannot be read."""
    from engine.embed_model import TFIDF_MODEL, model_path

    if name == TFIDF_MODEL or not texts:
        return None
    try:
        path = Path(model_path(name)) / "tokenizer.json"
        return _read_tokenizer(str(path), path.stat().st_mtime_ns) if path.is_file() else None
    except Exception:  # noqa: BLE001 - a tokenizer this tokenizers cannot read: no note, the audit goes on
        return None


@lru_cache(maxsize=2)
def _read_tokenizer(path: str, mtime_ns: int):  # -> tokenizers.Tokenizer
    """``path`` read once per audit, not once per note (the [UNK] note and engine/long_texts' both use it; read
    only, encode is thread-safe); ``mtime_ns`` keys a file replaced since."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def even_sample(texts: Sequence[str], size: int = SAMPLE) -> tuple[list[str], bool]:
    """Up to ``size`` texts evenly spaced over all of them, and whether that is all of them."""
    # evenly over all of them: texts[::len // SAMPLE][:SAMPLE] left out the rows past step * SAMPLE (1,999
    # texts: the last 999, and 'of the 1,000 texts' said; diff39)
    if len(texts) <= size:
        return list(texts), True
    return [texts[len(texts) * i // size] for i in range(size)], False


def utf8_safe(text: str) -> str:
    """``text`` with lone surrogates replaced: a JSON '\\udce9' made tokenizers refuse the whole batch."""
    return text.encode("utf-8", "replace").decode("utf-8")
