"""'textaudit serve demo' (or browse, audit) where no file 'demo' is: the line names the bundled demo's data.

After 'textaudit demo', 'textaudit serve demo' said only 'demo: no such file or directory' (walk36); the demo's
file lies in the package, so the line now says where. ``export`` says its own hint (with the journal) by the same
rule of which names mean the demo (engine/demo.bundled_demo_named).
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from engine.demo import bundled_demo_named, demo_path
from engine.demo_multilabel import demo_multilabel_path
from engine.errors import DataError
from engine.source_checks import check_source
from tui.cli import main


@pytest.mark.parametrize(("word", "bundled", "command"), [
    ("demo", demo_path(), "textaudit demo,"), ("demo.csv", demo_path(), "textaudit demo,"),
    ("demo_multilabel", demo_multilabel_path(), "textaudit demo --multilabel,")])
def test_missing_demo_word_names_the_bundled_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  word: str, bundled: Path, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as raised:
        check_source(word)
    message = str(raised.value)
    assert message.startswith(f"{word}: no such file or directory; the bundled demo is {command}")  # multi-label:
    # its own command (it said plain 'textaudit demo', which opens the single-label demo; review diff36)
    assert str(bundled) in message


def test_other_missing_names_get_no_demo_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as raised:
        check_source("demos.csv")
    assert str(raised.value) == "demos.csv: no such file or directory"


@pytest.mark.parametrize(("name", "expected"), [
    ("demo", (demo_path(), "")), ("DEMO", (demo_path(), "")), ("sub/Demo.CSV", (demo_path(), "")),
    ("demo_multilabel.JSONL", (demo_multilabel_path(), " --multilabel")), ("demo.jsonl", None),
    ("demos.csv", None), ("demo_multilabel.csv", None), ("hf:demo", None)])
def test_which_names_mean_the_bundled_demo(name: str, expected: tuple[Path, str] | None) -> None:
    assert bundled_demo_named(name) == expected


def test_export_names_the_demo_by_the_same_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """export's hint took only the exact name or stem ('DEMO' got none, as the missing-file hint gave one) and
    printed the journal's path unquoted: a folder with a space split the command it offers."""
    folder = tmp_path / "my demo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    journal = folder / "demo.corrections.jsonl"
    journal.write_text("")
    assert main(["export", "DEMO", "--journal", str(journal), "-o", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert f"the demo's data is bundled: textaudit export {shlex.quote(str(demo_path()))} --journal '{journal}' -o OUT" in err
