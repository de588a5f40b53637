"""A data file whose name is not UTF-8 ('caf\\xe9.csv', Latin-1) is named with the byte escaped in the app's title
and the exit line: Python reads it as 'caf\\udce9.csv', the byte written back for the escape was dropped by a UTF-8
terminal, and both read 'caf.csv', the name of another file (review37 #2, ui38)."""

from __future__ import annotations

from textual.widgets import Static
from tui_synthetic import fixed_app

from tui.launch import exit_lines


async def test_title_and_exit_line_escape_the_byte(pinned_result, tmp_path):
    journal = tmp_path / "caf\udce9.corrections.jsonl"
    app = fixed_app(pinned_result, journal)
    app._given_view.source = str(tmp_path / "caf\udce9.csv")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#title-bar", Static).render())
        assert "caf$'\\xe9'.csv · " in title and "journal caf$'\\xe9'.corrections.jsonl" in title
        assert not any(0xD800 <= ord(c) < 0xE000 for c in title)  # no surrogate left to write as a raw byte
    line = exit_lines(app)[0]
    assert "caf$'\\xe9'.corrections.jsonl" in line and "\udce9" not in line


def test_the_cli_escapes_the_byte_as_the_app_does():
    from tui.cli import report_safe, shell_safe

    said = shell_safe("textaudit: error: caf\udce9.csv: no such file")
    assert said == "textaudit: error: caf$'\\xe9'.csv: no such file"
    assert report_safe("Dataset: caf\udce9.csv  (80 rows)\n") == "Dataset: caf$'\\xe9'.csv  (80 rows)\n"
    assert shell_safe("caf\udcc3\udca9.csv") == "caf\udcc3\udca9.csv"  # UTF-8 bytes (C locale): written back as bytes
