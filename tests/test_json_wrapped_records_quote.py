"""The command the wrapped-records line gives (34220b9) runs in a shell with a ' in the file's name or the key:
it sat in '...' as written, and such a quote ended it early (review30)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.load import load_dataset

RECORDS = [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(4)]


@pytest.mark.parametrize(("name", "key"), [("it's.json", "data"), ("d.json", "it's")])
def test_the_command_runs_in_a_shell_with_a_quote_in_the_name_or_key(tmp_path: Path, monkeypatch, name, key) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(json.dumps({"version": 1, key: RECORDS}))
    with pytest.raises(DataError) as error:
        load_dataset(name)
    command = str(error.value).split("(python -c ", 1)[1].removesuffix(")")
    subprocess.run(f"{shlex.quote(sys.executable)} -c {command}", shell=True, check=True)
    assert list(load_dataset("records.json").texts) == [r["text"] for r in RECORDS]


@pytest.mark.parametrize("name", ["records.json", "d.json"])
def test_the_command_writes_over_no_file(tmp_path: Path, monkeypatch, name) -> None:
    """It wrote 'records.json' in the current folder: a user's records.json there was replaced, and a wrapped file
    itself named records.json lost its other keys (diff39)."""
    monkeypatch.chdir(tmp_path)
    wrapped = json.dumps({"version": 1, "data": RECORDS})
    Path(name).write_text(wrapped)
    if name != "records.json":
        Path("records.json").write_text("[]")  # the user's own
    with pytest.raises(DataError) as error:
        load_dataset(name)
    command = str(error.value).split("(python -c ", 1)[1].removesuffix(")")
    subprocess.run(f"{shlex.quote(sys.executable)} -c {command}", shell=True, check=True)
    assert Path(name).read_text() == wrapped
    if name != "records.json":
        assert Path("records.json").read_text() == "[]"
    written = [p for p in tmp_path.iterdir() if p.name not in (name, "records.json")]
    assert len(written) == 1 and list(load_dataset(written[0]).texts) == [r["text"] for r in RECORDS], written
