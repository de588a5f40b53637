"""engine.atomic: the one writer every output goes through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import atomic
from engine.errors import DataError


def test_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)  # permission bits kept
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failure_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic.atomic_open(target, "w") as handle:
            handle.write("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_symlink_target_is_refused_and_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    with pytest.raises(DataError, match="symbolic link"):
        atomic.write_bytes(link, b"x")
    assert victim.read_text() == "precious"
    atomic.write_bytes(link, b"x", replace_symlink=True)  # the link itself is replaced
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_bytes() == b"x"


def test_folder_target_swapped_in(tmp_path: Path) -> None:
    target = tmp_path / "ds"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with atomic.atomic_path(target, directory=True) as temp:
        (temp / "new.txt").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["ds"]


def test_clean_stale_temps_removes_only_dead_writers(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"{atomic.TEMP_PREFIX}{dead_pid}-0123abcd-out.csv.tmp"
    stale.write_text("half")
    stale_dir = tmp_path / f"{atomic.TEMP_PREFIX}{dead_pid}-0123abce-ds.tmp"
    stale_dir.mkdir()
    (stale_dir / "x").write_text("x")
    live = atomic.temp_name(tmp_path / "out.csv")
    live.write_text("mine, in progress")
    other = tmp_path / ".out.csv.swp"
    other.write_text("not ours")
    removed = atomic.clean_stale_temps(tmp_path)
    assert sorted(removed) == sorted([stale, stale_dir])
    assert live.exists() and other.exists()
    os.utime(live, (0, 0))  # a live pid but a day old: pid reuse or another host
    assert atomic.clean_stale_temps(tmp_path) == [live]
