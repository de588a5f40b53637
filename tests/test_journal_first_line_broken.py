"""A journal whose first line was broken by a hand edit (its '{' deleted): it was 'not a textaudit
journal' as a whole (export refused it, though a broken line anywhere else is skipped and
reported), and `export -o journal.jsonl --force` overwrote it, its 3 good decisions lost (s17
hostile). It is known by its next lines now: replayed without line 1, and never overwritten."""

from __future__ import annotations

from pathlib import Path

from journal_helpers import recorded_journal

from tui.cli import main


def _broken(tmp_path: Path, lines: int = 3) -> tuple[Path, Path]:
    data, journal = recorded_journal(tmp_path, [("exclude", 3, None), ("relabel", 0, "b"), ("exclude", 1, None)][:lines])
    journal.write_bytes(journal.read_bytes()[1:])  # the first line's '{'
    return data, journal


def test_a_broken_first_line_is_skipped_like_any_other(tmp_path: Path, capsys) -> None:
    data, journal = _broken(tmp_path)
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "skipped 1 unreadable line: 1" in capsys.readouterr().err
    assert out.read_text().splitlines() == ["text,label", "a1,b", "a2,a", "b2,b"]


def test_a_journal_with_a_broken_first_line_is_not_overwritten(tmp_path: Path, capsys) -> None:
    data, journal = _broken(tmp_path)
    before = journal.read_bytes()
    other = tmp_path / "other.jsonl"
    other.write_text("")
    assert main(["export", str(data), "--journal", str(other), "-o", str(journal), "--force"]) == 2
    assert "is a corrections journal; refusing to overwrite it" in capsys.readouterr().err
    assert journal.read_bytes() == before


def test_a_data_file_is_still_not_a_journal(tmp_path: Path, capsys) -> None:
    data, _ = _broken(tmp_path)
    notes = tmp_path / "notes.jsonl"
    notes.write_text("".join(f'{{"text": "row {i}", "label": "a"}}\n' for i in range(20)))
    assert main(["export", str(data), "--journal", str(notes), "-o", str(tmp_path / "out.csv")]) == 1
    assert "is not a textaudit journal (none of its first lines is a journal entry)" in capsys.readouterr().err


def test_two_lines_the_first_broken_the_last_without_its_newline(tmp_path: Path, capsys) -> None:
    """Both hand edits at once on a journal of two lines (its first '{' deleted, saved without a final
    newline): no whole line was left to know it by, so export said 'not a textaudit journal' and
    'export -o it --force' overwrote it (s17 hostile2; the unterminated line is read since 8225f0c)."""
    data, journal = _broken(tmp_path, lines=2)
    journal.write_bytes(journal.read_bytes().rstrip(b"\n"))
    before = journal.read_bytes()
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert "skipped 1 unreadable line: 1" in capsys.readouterr().err
    assert out.read_text().splitlines() == ["text,label", "a1,b", "b1,b", "a2,a", "b2,b"]
    other = tmp_path / "other.jsonl"
    other.write_text("")
    assert main(["export", str(data), "--journal", str(other), "-o", str(journal), "--force"]) == 2
    assert journal.read_bytes() == before
