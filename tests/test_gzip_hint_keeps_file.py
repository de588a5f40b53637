"""The hint for a gzip file under a data name ('decompress it first (gunzip -c NAME > OUT)') never writes over a file:
a gzip named data.csv was told 'gunzip -c data.csv > data.csv', which the shell empties before gunzip reads it, and
d.csv beside the user's own data.csv was told to write over that one; a name with a space was not quoted (diff38)."""

from __future__ import annotations

import gzip
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.table_read import read_table

CSV = b"text,label\nhello there,a\n" * 20


def _hint(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        read_table(path)
    found = re.search(r"\((gunzip -c [^()]+)\)", caught.value.message)
    assert found, caught.value.message
    return found.group(1)


@pytest.mark.parametrize("name, beside", [("data.csv", None), ("d.csv", "data.csv"), ("data.jsonl", None),
                                          ("my data.csv", "data.csv")])
def test_the_gzip_hint_writes_a_new_file(tmp_path: Path, name: str, beside: str | None) -> None:
    packed = gzip.compress(CSV)
    (tmp_path / name).write_bytes(packed)
    if beside:
        (tmp_path / beside).write_bytes(b"text,label\nmine,b\n")
    command = _hint(tmp_path / name)
    out = shlex.split(command)[-1]
    assert out != name and out != beside and shlex.split(command)[2] == name, command
    if shutil.which("gunzip"):  # as the user would run it, in the file's folder
        subprocess.run(["sh", "-c", command], cwd=tmp_path, check=True)
        assert (tmp_path / name).read_bytes() == packed and (tmp_path / out).read_bytes() == CSV
        if beside:
            assert (tmp_path / beside).read_bytes() == b"text,label\nmine,b\n"


def test_nor_a_file_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'textaudit audit sub/d.csv' names the file alone ('gunzip -c d.csv > data.csv'): run where the user is, the
    shell emptied that folder's data.csv before gunzip found no d.csv there."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.csv").write_bytes(gzip.compress(CSV))
    (tmp_path / "data.csv").write_bytes(b"text,label\nmine,b\n")
    monkeypatch.chdir(tmp_path)
    command = _hint(Path("sub/d.csv"))
    assert shlex.split(command)[-1] not in ("data.csv", "d.csv"), command


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("gunzip") is None, reason="needs bash and gunzip")
def test_a_latin1_name_as_the_cli_prints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """A Latin-1 name's byte, printed $'\\xe9' (bc5cdf5), is outside the hint's quotes: inside them ('caf$'\\xe9'.csv')
    bash read 'caf$xe9.csv', so gunzip found no file and the redirect made an empty one (diff39)."""
    import os

    from tui.cli import main

    name = os.fsdecode(b"my caf\xe9.csv")
    (tmp_path / name).write_bytes(gzip.compress(CSV))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["audit", name]) != 0
    found = re.search(r"\((gunzip -c [^()]+)\)", capsys.readouterr().err)
    assert found
    subprocess.run(["bash", "-c", found.group(1)], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "data.csv").read_bytes() == CSV, found.group(1)
