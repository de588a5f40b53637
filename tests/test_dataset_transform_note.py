"""A ``datasets.Dataset`` with a transform set is audited on its stored columns: said in the warnings."""

from __future__ import annotations

import pytest

from engine.load import load_dataset

datasets = pytest.importorskip("datasets")


def _data():
    return datasets.Dataset.from_dict({"text": ["a cat", "a dog", "a cow", "a hen"], "label": ["x", "y", "x", "y"]})


def test_a_transform_is_said_and_the_stored_texts_are_read() -> None:
    shown = _data().with_transform(lambda batch: {"text": [t.upper() for t in batch["text"]], "label": batch["label"]})
    loaded = load_dataset(shown)
    said = [w for w in loaded.warnings if "transform" in w]
    assert len(said) == 1 and "stored columns, not what the transform returns" in said[0]
    assert list(loaded.texts) == ["a cat", "a dog", "a cow", "a hen"]  # the stored ones, as the note says


@pytest.mark.parametrize("form", [None, "numpy", "pandas"])
def test_no_note_without_a_transform(form) -> None:
    data = _data() if form is None else _data().with_format(form)
    assert not [w for w in load_dataset(data).warnings if "transform" in w]
