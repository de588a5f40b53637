"""--label-names naming a folder ('namesdir', '/tmp') was read as one inline name: 'label 1 has no name
... the names cover 0-0' (s24 hostile). A model's folder now gives its config.json's id2label; any other
folder is refused by name."""

from __future__ import annotations

import json

import pytest

from engine.errors import UsageError
from engine.label_names import parse_label_names


def test_a_model_folder_gives_its_configs_names(tmp_path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text(json.dumps({"id2label": {"0": "neg", "1": "pos"}}))
    assert parse_label_names(str(tmp_path / "model")) == {0: "neg", 1: "pos"}


def test_another_folder_is_refused_by_name(tmp_path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        parse_label_names(str(tmp_path))
