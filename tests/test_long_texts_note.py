"""The model reads the first max_seq_length tokens of a text (256 for the bundled MiniLM): where many texts are
longer, the audit says their ends are not in its vectors (review39: nothing said so). No model load: the bundled
model's tokenizer.json and sentence_bert_config.json only, the sentence model stood in for."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
from synthetic import audit_notes

WORDS = "card payment refund transfer account balance fee exchange rate arrived pending declined".split()


def _long(i: int, words: int = 300) -> str:
    return " ".join(WORDS[(i + j * 7) % len(WORDS)] for j in range(words))


def _audit_notes(monkeypatch, tmp_path, texts: list[str], **options) -> list[str]:
    return audit_notes(monkeypatch, tmp_path, texts, "tokens of a text", **options)



def test_long_texts_are_said_to_be_cut(monkeypatch, tmp_path) -> None:
    notes = _audit_notes(monkeypatch, tmp_path, [_long(i) for i in range(30)], second_view="none")
    assert len(notes) == 1, notes
    assert notes[0].startswith("all-MiniLM-L6-v2 reads the first 256 tokens of a text (254 word pieces"), notes
    assert "all of the texts are longer (30 of the 30)" in notes[0] and "--second-view tfidf adds" in notes[0], notes


def test_user_pred_probs_still_get_the_note(monkeypatch, tmp_path) -> None:
    """--pred-probs gives the label flags' probabilities, but the model's cut vectors still drive the
    near-duplicate, outlier and non-IID flags: the note was silent there (fix40b)."""
    probs = tmp_path / "p.npy"
    np.save(probs, np.full((30, 3), 1 / 3, dtype=np.float32))
    notes = _audit_notes(monkeypatch, tmp_path, [_long(i) for i in range(30)], pred_probs_path=str(probs))
    assert len(notes) == 1 and "all of the texts are longer (30 of the 30)" in notes[0], notes
    assert notes[0].endswith("so their ends are not in its vectors: its near-duplicate, outlier and non-IID flags "
                             "judge them by their starts (the label flags use the --pred-probs probabilities, "
                             "not its vectors)"), notes
    assert "TF-IDF" not in notes[0], notes


def test_short_texts_few_long_texts_and_no_limit_say_nothing(tmp_path, demo_csv) -> None:
    from engine.embed_model import model_path, resolve_model_name
    from engine.long_texts import long_text_note

    short = pd.read_csv(demo_csv)["text"].head(60).tolist()
    assert long_text_note(short, None, second_view="pooled") is None
    assert long_text_note(short[:58] + [_long(1), _long(2)], None, second_view="pooled") is None  # 2: under 3
    assert long_text_note(short * 2 + [_long(i) for i in range(5)], None, second_view="pooled") is None  # 4% < 5%
    assert long_text_note([_long(i) for i in range(5)], "tfidf", second_view="off") is None
    folder = tmp_path / "m"  # a tokenizer.json without sentence_bert_config.json: no max_seq_length to say
    folder.mkdir()
    shutil.copy(Path(model_path(resolve_model_name(None))) / "tokenizer.json", folder)
    assert long_text_note([_long(i) for i in range(5)], str(folder), second_view="off") is None
    texts = short + [_long(i, 260) for i in range(3)] + [" " * 3000 + _long(0)]  # spaces first: read further
    note = long_text_note(texts, None, second_view="pooled")
    assert note is not None and "6% of the texts are longer (4 of the 64)" in note, note
    assert "the TF-IDF view, pooled into the label flags, reads them to 100,000 characters" in note, note
