"""A stderr that cannot be written (``2>/dev/full``, a full disk under the redirect, a reader gone):
the first progress or note line raised, so ``audit`` printed no report and ``export`` wrote no file,
exit 1, nothing said anywhere. Now what goes to stderr is dropped and the run does its work."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from journal_helpers import says_csv

from engine.corrections import Journal
from engine.load import load_dataset

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def _stderr(kind: str) -> Iterator[int]:
    """A descriptor whose writes fail: /dev/full (ENOSPC) or a pipe whose reader closed (EPIPE)."""
    if kind == "full":
        fd = os.open("/dev/full", os.O_WRONLY)
    else:
        read, fd = os.pipe()
        os.close(read)
    try:
        yield fd
    finally:
        os.close(fd)


def _run(argv: list[str], tmp_path: Path, stderr: int | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "TEXTAUDIT_DEBUG": ""}
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE if stderr is None else stderr, text=True, timeout=300)


def _data(tmp_path: Path) -> Path:
    return says_csv(tmp_path / "d.csv", 30, "category")  # 'category': a guessed label column, said on stderr


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> tuple[Path, list[str], str]:
    """The folder, argv and report of one audit with a writable stderr (which it wrote to): what
    each unwritable stderr's run must print (run once; later runs find its cache, as before)."""
    folder = tmp_path_factory.mktemp("audited")
    argv = ["audit", str(_data(folder)), "--model", "tfidf"]
    whole = _run(argv, folder, None)
    assert whole.returncode == 0 and whole.stderr, whole.stderr
    return folder, argv, whole.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("kind", ["full", "reader-gone"])
def test_audit_prints_its_report_with_stderr_unwritable(audited, kind: str) -> None:
    folder, argv, report = audited
    with _stderr(kind) as fd:
        done = _run(argv, folder, fd)
    assert done.returncode == 0
    assert done.stdout == report


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_writes_its_file_with_stderr_full(tmp_path: Path) -> None:
    data = _data(tmp_path)
    with Journal.open(tmp_path / "j.jsonl", load_dataset(data, label_column="category")) as journal:
        journal.record("relabel", 3, label_after="a", issue_type="label")
    out = tmp_path / "out.csv"
    with _stderr("full") as fd:
        done = _run(["export", str(data), "--journal", str(tmp_path / "j.jsonl"), "-o", str(out)], tmp_path, fd)
    assert done.returncode == 0
    assert out.read_text().splitlines()[4] == "row 3 says yes,a"
    assert done.stdout.startswith("wrote 30 rows to ")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_error_still_exits_non_zero_with_stderr_full(tmp_path: Path) -> None:
    with _stderr("full") as fd:
        done = _run(["audit", str(tmp_path / "missing.csv")], tmp_path, fd)
    assert done.returncode == 1
    assert done.stdout == ""
