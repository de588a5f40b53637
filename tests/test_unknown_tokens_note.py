"""Texts the model reads as [UNK] (Thai, most Chinese, emoji for the bundled MiniLM) get the same vector: the audit
says so in its notes (review39: 150 Thai texts gave 149 near-duplicates without a word). No model load: the
bundled model's tokenizer.json only, the sentence model stood in for."""

from __future__ import annotations

import pandas as pd
from synthetic import audit_notes

THAI = ["ธนาคาร", "บัญชี", "โอนเงิน", "ฝนตก", "อากาศ", "หนาว", "ฟุตบอล", "ทีม", "แชมป์"]


def _audit_notes(monkeypatch, tmp_path, texts: list[str]) -> list[str]:
    return audit_notes(monkeypatch, tmp_path, texts, "unknown to all-MiniLM-L6-v2", second_view="none")



def test_thai_texts_are_said_to_be_unknown_to_the_model(monkeypatch, tmp_path) -> None:
    texts = [THAI[i % 9] + THAI[(i * 4) % 9] + "ครับ" * (i % 3) for i in range(30)]
    notes = _audit_notes(monkeypatch, tmp_path, texts)
    assert len(notes) == 1 and notes[0].startswith("30 of the 30 texts are mostly unknown"), notes


def test_english_texts_say_nothing(monkeypatch, tmp_path, demo_csv) -> None:
    texts = pd.read_csv(demo_csv)["text"].head(30).tolist()
    assert _audit_notes(monkeypatch, tmp_path, texts) == []


def test_model_without_tokenizer_and_tfidf_say_nothing(tmp_path) -> None:
    from engine.unknown_tokens import unknown_token_note

    assert unknown_token_note(["😀😂"] * 5, "tfidf") is None
    assert unknown_token_note(["😀😂"] * 5, str(tmp_path)) is None  # a folder without tokenizer.json
    assert unknown_token_note(["😀😂"] * 2 + ["hello there"] * 20, None) is None  # 2 texts: under 3
    assert unknown_token_note(["😀😂"] * 4 + ["hello there"] * 496, None) is None  # 4 of 500: under 1%
    assert unknown_token_note(["ok 👍"] * 30, None) is None  # half its tokens: the model reads the rest
    assert unknown_token_note(["😀😂"] * 5 + ["hello there"] * 395, None).startswith("5 of the 400 texts")


def test_the_sample_spans_every_row() -> None:
    """texts[::len // 1000][:1000] read only the rows before step * 1000: 1,000 English texts then 900 emoji ones
    (a file sorted by language) said nothing, and 1,900 texts were 'the 1,000 texts' (diff39)."""
    from engine.unknown_tokens import unknown_token_note

    note = unknown_token_note(["hello there"] * 1000 + ["😀😂"] * 900, None)
    assert note is not None and note.startswith("473 of 1,000 texts sampled evenly"), note


def test_a_lone_surrogate_text_does_not_silence_the_note() -> None:
    """tokenizers refuses a batch holding a lone surrogate (a JSON text '\\udce9', which the audit reads): one such
    text among 30 Thai ones left the whole dataset without the note (review39)."""
    from engine.unknown_tokens import unknown_token_note

    texts = [THAI[i % 9] + THAI[(i * 4) % 9] for i in range(30)] + ["caf\udce9"]
    note = unknown_token_note(texts, None)
    assert note is not None and note.startswith("30 of the 31 texts"), note


def test_user_pred_probs_are_named_not_the_model_vectors(monkeypatch, tmp_path) -> None:
    """--pred-probs: the label flags use the user's probabilities, so 'nor do label flags from its vectors' named
    flags the audit did not compute; the neighbour flags, still the model's, are said as before (fix40b)."""
    import numpy as np

    probs = tmp_path / "p.npy"
    np.save(probs, np.full((30, 3), 1 / 3, dtype=np.float32))
    texts = [THAI[i % 9] + THAI[(i * 4) % 9] + "ครับ" * (i % 3) for i in range(30)]
    notes = audit_notes(monkeypatch, tmp_path, texts, "unknown to all-MiniLM-L6-v2", pred_probs_path=str(probs))
    assert len(notes) == 1 and "near-duplicate, outlier and non-IID flags then say nothing of their words" in notes[0]
    assert "nor do label flags" not in notes[0], notes
    assert "(the label flags use the --pred-probs probabilities, not its vectors). Use a model" in notes[0], notes
