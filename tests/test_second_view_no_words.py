"""A default audit of texts with no word TF-IDF reads (emoji, single characters) stopped with '--model tfidf found
no words in the texts ...; use a sentence-transformers model', exit 1, though it used one: the TF-IDF view (22e1243)
could not be fitted. The view is left out with a note; ``--model tfidf`` itself still stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import stand_in_sentence_model


@pytest.fixture
def emoji_csv(tmp_path: Path) -> Path:
    path = tmp_path / "emoji.csv"
    faces = ["😀", "👍", "🎉", "😢", "🔥", "a", "?", "1 x"]
    path.write_text("text,label\n" + "".join(f"{faces[i % 8]} {'!' * (i % 3)},{'pn'[i % 2]}\n" for i in range(24)),
                    encoding="utf-8")
    return path


def test_texts_without_words_audit_with_the_model_alone(emoji_csv: Path, tmp_path: Path, monkeypatch) -> None:
    from engine.errors import DataError
    from engine.pipeline import AuditOptions, run_audit

    stand_in_sentence_model(monkeypatch)
    result = run_audit(emoji_csv, AuditOptions(issue_types=("label",), cache_root=str(tmp_path / "cache")))
    assert result.view_weight is None and any(n.startswith("TF-IDF view left out") for n in result.notes)
    with pytest.raises(DataError, match="found no words"):
        run_audit(emoji_csv, AuditOptions(model="tfidf", issue_types=("label",), cache_root=str(tmp_path / "c2")))
