"""A note where the embedding model reads most texts as unknown tokens ([UNK]).

The bundled all-MiniLM-L6-v2 knows English WordPiece pieces: Thai, most Chinese characters and emoji
are each one ``[UNK]``, so texts of as many unknown tokens get the same vector. Audited as they were,
150 Thai texts gave 149 near-duplicates (distance 0 between different texts) and a non-IID verdict on
shuffled rows, 150 emoji texts 150 near-duplicates, without a word (review39). The note says so; the
audit runs (a multilingual model is the user's choice, and the hub may be out of reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: texts tokenised for the note: evenly spaced over the data (2,000 banking77 texts: ~0.15 s)
SAMPLE = 2000
#: characters of a text tokenised (a 2 MB text is judged by its start)
HEAD_CHARS = 2000
#: a text is "mostly unknown" when at least this share of its tokens is the unknown token
UNKNOWN_SHARE = 0.5
#: the note is said when at least this share of the sampled texts is mostly unknown
TEXTS_SHARE = 0.2


def unknown_token_note(texts: Sequence[str], model: str | None) -> str | None:
    """The note, or None: a model without a ``tokenizer.json`` with an unknown token (TF-IDF, a hub
    name, byte-level BPE) or a tokenizer that cannot be read says nothing (the audit is not its place to fail)."""
    from engine.embed_model import TFIDF_MODEL, model_path, resolve_model_name

    name = resolve_model_name(model)
    if name == TFIDF_MODEL or not texts:
        return None
    try:
        path = Path(model_path(name)) / "tokenizer.json"
        if not path.is_file():
            return None
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(path))
        unknown = getattr(tokenizer.model, "unk_token", None)
        unknown_id = tokenizer.token_to_id(unknown) if unknown else None
        if unknown_id is None:
            return None
        tokenizer.no_padding()
        tokenizer.no_truncation()
        step = max(1, len(texts) // SAMPLE)
        sample = [str(text)[:HEAD_CHARS] for text in texts[::step][:SAMPLE]]
        encoded = tokenizer.encode_batch(sample, add_special_tokens=False)
    except Exception:  # noqa: BLE001 - a tokenizer this tokenizers cannot read: no note, the audit goes on
        return None
    read = [ids for ids in (e.ids for e in encoded) if ids]
    mostly = sum(ids.count(unknown_id) >= UNKNOWN_SHARE * len(ids) for ids in read)
    if not read or mostly < TEXTS_SHARE * len(read):
        return None
    counted = (f"{mostly:,} of the {len(read):,} texts" if step == 1
               else f"{mostly:,} of {len(read):,} texts sampled evenly")
    return (f"{counted} are mostly unknown to {name} (half their tokens or more are {unknown}: a script or "
            "emoji its vocabulary lacks): it reads them as runs of one token, so different texts get the same "
            "vector; near-duplicate, outlier and non-IID flags then say nothing of their words, nor do label "
            "flags from its vectors. Use a model trained on their language (--model, e.g. a multilingual "
            "sentence-transformers model)")
