"""A path '~name/...' for a user this machine does not have ended in 'internal error:
RuntimeError: Could not determine home directory', exit 70. One line naming the option, exit 2;
a column name or --label-sep starting with '~' is data, not a path."""

from __future__ import annotations

import argparse
import pwd
from pathlib import Path

import pytest

from engine.errors import UsageError
from tui.cli import main
from tui.cli_values import refuse_unknown_home

NOBODY = "textaudit_no_such_user_x"


@pytest.fixture(autouse=True)
def _no_such_user() -> None:
    with pytest.raises(KeyError):
        pwd.getpwnam(NOBODY)


@pytest.mark.parametrize("args, option", [
    (["export", "d.csv", "-o", f"~{NOBODY}/x.csv"], "--output"),
    (["audit", f"~{NOBODY}/d.csv"], "the data path"),
    (["audit", "d.csv", "--issues-out", f"~{NOBODY}/t.csv"], "--issues-out"),
])
def test_a_home_of_no_user_is_one_line(tmp_path: Path, monkeypatch, capsys, args: list[str], option: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    assert main(args) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert len(lines) == 1 and lines[0].startswith(f"textaudit: error: {option} ~{NOBODY}/"), lines
    assert f"no user '{NOBODY}'" in lines[0]


def test_columns_and_separators_may_start_with_a_tilde() -> None:
    refuse_unknown_home(argparse.Namespace(data="d.csv", text_column=f"~{NOBODY}", label_sep=f"~{NOBODY}"))
    with pytest.raises(UsageError, match="--journal"):
        refuse_unknown_home(argparse.Namespace(data="d.csv", journal=f"~{NOBODY}/j.jsonl"))
