"""A model folder's fingerprint (cache keys): file names as the file system spells them, no walk of a folder with
no model. A stray Latin-1-named file in a model folder was 'internal error: UnicodeEncodeError', exit 70 (review38)."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from engine.embed_model import model_fingerprint

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs Linux")


def test_non_utf8_file_name_in_model_folder(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (Path(os.fsdecode(bytes(tmp_path) + b"/notes\xe9.txt"))).write_bytes(b"x")
    first = model_fingerprint(str(tmp_path))
    assert first.startswith(f"folder:{tmp_path.resolve()}@") and first == model_fingerprint(str(tmp_path))


def test_utf8_folder_keeps_its_key(tmp_path: Path) -> None:
    """The cache keys of every model folder cached so far are unchanged (the old formula, by hand)."""
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "vocab é.txt").write_text("a")
    digest = hashlib.sha256(str(tmp_path.resolve()).encode())
    for file in sorted(tmp_path.rglob("*")):
        stat = file.stat()
        digest.update(f"{file.relative_to(tmp_path)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    assert model_fingerprint(str(tmp_path)) == f"folder:{tmp_path.resolve()}@{digest.hexdigest()[:16]}"


def test_folder_without_model_not_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'--model /usr' walked 140,000 files (22 s) before 'the folder holds no model'."""
    (tmp_path / "sub").mkdir()
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: pytest.fail("walked a folder with no model"))
    assert model_fingerprint(str(tmp_path)) == f"folder:{tmp_path.resolve()}"
