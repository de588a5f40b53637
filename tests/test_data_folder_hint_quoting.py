"""The command that joins a folder of Parquet parts (engine/source_checks.folder_problem) works as
printed whatever the folder is called: it was ``python -c "...read_table('it's $HOME')..."``, so a
quote in the name ended the shell's string and a ``$`` in it was expanded by the shell."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset


@pytest.mark.skipif(shutil.which("bash") is None, reason="runs the printed command in bash")
@pytest.mark.parametrize(("name", "joined"), [
    ("it's $HOME", "it's $HOME.parquet"), ('a "quoted" `name`', 'a "quoted" `name`.parquet'), ("out", "out.parquet"),
    ("x.parquet", "x.joined.parquet"),  # Spark's folder name: was told to write x.parquet.parquet
    ("d" * 250, None),  # was 258 bytes: too long a file name to write
])
def test_the_printed_join_command_runs_as_printed(tmp_path: Path, name: str, joined: str | None) -> None:
    folder = tmp_path / name
    folder.mkdir()
    for part in range(2):
        rows = range(4 * part, 4 * part + 4)
        pq.write_table(pa.table({"text": [f"a sample text {i}" for i in rows], "label": ["ab"[i % 2] for i in rows]}),
                       folder / f"part-0000{part}.parquet")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    command = caught.value.message.split("join them first (", 1)[1].rsplit(") or give one part", 1)[0]
    assert command.startswith("python -c "), command
    ran = subprocess.run(["bash", "-c", shlex.quote(sys.executable) + command[len("python"):]], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    (written,) = [p for p in tmp_path.iterdir() if p.is_file()]
    assert written.name == joined or joined is None and written.name.startswith("d" * 200)
    assert pq.read_table(written).num_rows == 8


@pytest.mark.skipif(shutil.which("bash") is None, reason="runs the printed command in bash")
def test_the_join_writes_over_no_file(tmp_path: Path) -> None:
    """It wrote out.parquet in the current folder whatever was there: a user's own out.parquet was replaced (diff39)."""
    folder = tmp_path / "out"
    folder.mkdir()
    pq.write_table(pa.table({"text": ["a sample text"], "label": ["a"]}), folder / "part-00000.parquet")
    (tmp_path / "out.parquet").write_bytes(b"mine")
    (tmp_path / "out.joined-2.parquet").write_bytes(b"mine too")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    command = caught.value.message.split("join them first (", 1)[1].rsplit(") or give one part", 1)[0]
    ran = subprocess.run(["bash", "-c", shlex.quote(sys.executable) + command[len("python"):]], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "out.parquet").read_bytes() == b"mine" and (tmp_path / "out.joined-2.parquet").read_bytes() \
        == b"mine too"
    assert pq.read_table(tmp_path / "out.joined-3.parquet").num_rows == 1
