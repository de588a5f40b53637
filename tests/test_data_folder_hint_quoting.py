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
@pytest.mark.parametrize("name", ["it's $HOME", 'a "quoted" `name`', "out"])
def test_the_printed_join_command_runs_as_printed(tmp_path: Path, name: str) -> None:
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
    assert pq.read_table(tmp_path / f"{name}.parquet").num_rows == 8
