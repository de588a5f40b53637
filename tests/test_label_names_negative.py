"""``--label-names -1=neg,0=neutral,1=pos``: a spec that names a negative label first.

argparse took '-1=neg,...' for an option: 'argument --label-names: expected one argument', with
no word on how to pass it. No option looks like '-1=', so the value is now taken as written; any
other value that starts with '-' is told to go after '=' (--text-column=-x). serve passed its
values on after a space, so a '--label-names=-1=...' it accepted failed in every tab's app.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.errors import EXIT_USAGE
from tui.cli import main


@pytest.fixture
def signed_csv(tmp_path: Path) -> Path:
    path = tmp_path / "signed.csv"
    rows = [f"text {i},{label}" for i in range(10) for label in (-1, 0, 1)]
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    return path


def test_browse_takes_a_spec_that_starts_with_a_negative_label(signed_csv, tmp_path, monkeypatch):
    from tui import launch

    seen = {}

    def fake_run_app(source, options, journal_path, label_names=None, **_) -> int:
        seen["names"] = label_names
        return 0

    monkeypatch.setattr(launch, "run_app", fake_run_app)
    assert main(["browse", str(signed_csv), "--journal", str(tmp_path / "j.jsonl"),
                 "--label-names", "-1=neg,0=neutral,1=pos"]) == 0
    assert seen["names"] == {-1: "neg", 0: "neutral", 1: "pos"}


def test_another_value_that_starts_with_a_dash_is_told_to_use_equals(signed_csv, capsys):
    assert main(["audit", str(signed_csv), "--text-column", "-x"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--text-column=-" in err and "goes after '='" in err, err
    assert main(["audit", str(signed_csv), "--label-names", "-neg,pos"]) == EXIT_USAGE
    assert "--label-names=-1=neg" in capsys.readouterr().err


def test_serve_passes_a_dash_value_on_to_the_app(signed_csv):
    from tui.cli_parser import build_parser
    from tui.serve import browse_command

    args = build_parser().parse_args(["serve", str(signed_csv), "--label-names=-1=neg,0=neutral,1=pos",
                                      "--text-column=-t"])
    again = build_parser().parse_args(browse_command(args)[3:])  # what each tab's app process parses
    assert (again.label_names, again.text_column) == ("-1=neg,0=neutral,1=pos", "-t")
