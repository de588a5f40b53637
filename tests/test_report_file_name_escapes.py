"""``textaudit audit``'s text and Markdown reports print the data file's name ('Dataset: NAME', a
note naming the file). Texts and labels were drawn as symbols, but the name was printed raw: a file
named 'x\\x1b[2J.csv' cleared the terminal the report was read on (s22 hostile22). It is now written
as escapes, as every error line writes it; line breaks and tabs of the report stay."""

from __future__ import annotations

import pytest

from tui.cli import main

NAME = "esc\x1b[31mred\x07"
BODY = "text\tlabel\n" + '"He said ""hi"" ok"\ta\n' + "".join(f"row {i} says {'yes' if i % 2 else 'no'}\t{'ab'[i % 2]}\n"
                                                            for i in range(11))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("cached", [False, True])  # True: the second run prints from the result index
def test_the_file_name_is_escaped_in_the_report(tmp_path, capsys, monkeypatch, fmt, cached):
    monkeypatch.chdir(tmp_path)
    (tmp_path / f"{NAME}.tsv").write_text(BODY)
    argv = ["audit", f"{NAME}.tsv", "--model", "tfidf", "--folds", "2", "--format", fmt,
            *(["--cache-dir", str(tmp_path / "cache")] if cached else ["--no-cache"])]
    if cached:
        assert main(argv) == 0
        capsys.readouterr()
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "esc\\x1b[31mred\\x07.tsv" in out or "esc\\x1b\\[31mred\\x07.tsv" in out  # Markdown escapes '['
    assert "1 field looks CSV-quoted" in out  # the note naming the file is there too
    assert "\n" in out.strip() and out.count("\n") > 10  # still a report of lines


def test_datalabs_tabs_stay(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plain.tsv").write_text(BODY)
    assert main(["audit", "plain.tsv", "--model", "tfidf", "--folds", "2", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "\\x09" not in out and "\\x0a" not in out
