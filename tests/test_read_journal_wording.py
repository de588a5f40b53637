"""A journal that is only read (export, ``audit --apply-journal``) is refused in words that are
true there. It said "choose another --journal so it is not overwritten" (export never writes the
journal; audit has no --journal) and "textaudit never writes through a link". browse, which
writes the journal, keeps its words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    (tmp_path / "g.jsonl").write_text('{"a": 1}\n')
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "g.jsonl")
    return tmp_path


def _line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("journal", ["g.jsonl", "d.csv", "link.jsonl"])
@pytest.mark.parametrize("command", [["export", "d.csv", "-o", "out.csv", "--journal"],
                                     ["audit", "d.csv", "--model", "tfidf", "--no-cache", "--apply-journal"]])
def test_a_read_journal_is_refused_without_talk_of_writing(folder: Path, capsys, journal: str,
                                                           command: list[str]) -> None:
    before = (folder / "g.jsonl").read_bytes()
    assert main([*command, journal]) == 1
    line = _line(capsys.readouterr().err)
    for untrue in ("overwritten", "choose another --journal", "writes through", "--journal)"):
        assert untrue not in line, line
    assert ("not a textaudit journal" in line or "is the data file itself" in line
            or "is a symbolic link; textaudit does not follow one" in line), line
    assert (folder / "g.jsonl").read_bytes() == before and not (folder / "out.csv").exists()


def test_browse_still_says_it_would_be_overwritten(folder: Path, capsys, monkeypatch) -> None:
    import tui.launch

    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the TUI started"))
    assert main(["browse", "d.csv", "--journal", "g.jsonl", "--model", "tfidf"]) == 1
    assert "choose another --journal so it is not overwritten" in _line(capsys.readouterr().err)
