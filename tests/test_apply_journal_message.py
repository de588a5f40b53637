"""``audit --apply-journal`` with a missing journal names the option the user typed."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main


def test_a_missing_apply_journal_is_not_told_to_pass_journal(tmp_path: Path, monkeypatch, capsys) -> None:
    """It said '... or pass --journal PATH', an option audit does not have (argparse would then
    refuse it, or abbreviate nothing useful). Now it says to check the --apply-journal path."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    missing = tmp_path / "missing.jsonl"
    assert main(["audit", str(data), "--apply-journal", str(missing), "--cache-dir", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"textaudit: error: no corrections journal at {missing}; "
                                        "check the --apply-journal path"]


def test_export_still_says_to_pass_journal(tmp_path: Path, monkeypatch, capsys) -> None:
    """export has --journal: its default journal missing still gets the old hint."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\na,x\nb,y\n")
    assert main(["export", str(data), "-o", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert "make decisions in the app first, or pass --journal PATH" in err
    assert not (tmp_path / "out.csv").exists()
