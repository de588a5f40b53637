"""`textaudit export demo -o OUT` in a folder without the demo's journal said only 'demo: no such file or
directory' (walk40): the demo's data lies in the package and its journal where `textaudit demo` ran, and the line
named neither. Now that one line says the journal is not in this folder, where it is kept and the command that
names both; the exit stays 1 and nothing is written."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from engine.demo import demo_path
from engine.demo_multilabel import demo_multilabel_path
from tui.cli import main


@pytest.mark.parametrize(("word", "bundled", "journal", "command"), [
    ("demo", demo_path(), "demo.corrections.jsonl", "textaudit demo ran"),
    ("demo.csv", demo_path(), "demo.corrections.jsonl", "textaudit demo ran"),
    ("demo_multilabel", demo_multilabel_path(), "demo_multilabel.corrections.jsonl", "textaudit demo --multilabel ran")])
def test_export_of_the_demo_without_its_journal_says_what_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        word: str, bundled: Path, journal: str, command: str) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    capsys.readouterr()
    assert main(["export", word, "-o", "out.csv"]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 1 and not out, (out, err)
    assert lines[0].startswith(f"textaudit: error: {word}: no such file or directory; ")
    assert f"the demo's journal, {journal}, is not in this folder ({folder}) either" in lines[0], lines[0]
    assert command in lines[0], lines[0]
    assert f"textaudit export {shlex.quote(str(bundled))} --journal DIR/{journal} -o OUT" in lines[0], lines[0]
    assert list(folder.iterdir()) == []  # no output, no journal made


def test_a_given_journal_that_is_missing_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "my demo" / "demo.corrections.jsonl"
    assert main(["export", "demo", "--journal", str(missing), "-o", "out.csv"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and f"the journal {shlex.quote(str(missing))} does not exist either" in lines[0], lines
    assert not (tmp_path / "out.csv").exists()


def test_DEMO_finds_the_demos_journal_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """'export DEMO' looked for DEMO.corrections.jsonl; the demo writes demo.corrections.jsonl: named."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.corrections.jsonl").write_text("")
    assert main(["export", "DEMO", "-o", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert (f"the demo's data is bundled: textaudit export {shlex.quote(str(demo_path()))} --journal "
            f"{shlex.quote(str(tmp_path / 'demo.corrections.jsonl'))} -o OUT") in err, err


def test_export_demo_exports_the_bundled_demo_with_its_journal_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """'textaudit export demo -o OUT' where textaudit demo ran printed a command to copy (exit 1) for the one typed;
    it exports the bundled demo with the journal here, as 'serve demo' serves it (lead, session 41)."""
    import json

    monkeypatch.chdir(tmp_path)
    rows = demo_path().read_text(encoding="utf-8").splitlines()
    decision = {  # the line the demo wrote for 'a' on row 119 (tmux)
        "v": 1, "seq": 1, "group": 1, "group_size": 1, "ts": "2026-12-07T21:03:34.700Z", "action": "relabel",
        "row": 119, "id": "d0119", "text_sha256": "6bda26ca36d3e6b575e734e4642be8b622e92fb9e33716f91ef3f4ed2c7f7e22",
        "label_before": "check_balance", "row_hash": "dee36b99cec0a489-fc949a4d", "label_after": "card_lost",
        "issue_type": "label", "suggested_label": "card_lost", "id_column": "id", "label_column": "label",
        "text_column": "text", "data_version": "258-39122a2bdfae"}
    (tmp_path / "demo.corrections.jsonl").write_text(json.dumps(decision) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "demo", "-o", "out.csv"]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("wrote 258 rows to out.csv (csv): 1 relabelled")
    written = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(rows, written) if old != new]
    assert len(written) == len(rows) and changed == [(rows[120], rows[120].replace("check_balance", "card_lost"))]
