"""A journal re-saved as UTF-16 (an editor's 'Unicode'). json.loads of bytes detects UTF-16, so
its first line was read alone and the rest, split at b'\\n' inside UTF-16 code units, were
'unreadable lines': export applied 1 of 3 decisions, exit 0 (s15 hostile). A journal is UTF-8
(a leading BOM allowed); a UTF-16 one is now refused in one line."""

from __future__ import annotations

from pathlib import Path

from journal_helpers import THREE_DECISIONS, recorded_journal

from tui.cli import main


def _journal(tmp_path: Path) -> tuple[Path, Path]:
    return recorded_journal(tmp_path, THREE_DECISIONS)


def test_a_utf16_journal_is_refused(tmp_path: Path, capsys) -> None:
    data, journal = _journal(tmp_path)
    journal.write_bytes(journal.read_text(encoding="utf-8").encode("utf-16"))
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 1
    assert "is not a textaudit journal" in capsys.readouterr().err
    assert not out.exists()


def test_a_utf8_bom_still_reads(tmp_path: Path, capsys) -> None:
    data, journal = _journal(tmp_path)
    journal.write_bytes(b"\xef\xbb\xbf" + journal.read_bytes())
    out = tmp_path / "out.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    assert out.read_text().splitlines() == ["text,label", "a1,b", "a2,b", "b2,b"]
