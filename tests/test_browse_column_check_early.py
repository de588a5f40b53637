"""'textaudit browse' of a CSV whose columns do not resolve fails in the shell, before the app opens
(walk39: ag_news test.csv, columns label,title,description, opened the app only to say "no text column
'text' ... --text-column title+description" and wait for q). A file that resolves opens the app as before."""

from __future__ import annotations

from browse_helpers import refused_before_app, sources

from tui.cli import main


def test_two_text_columns_fail_before_the_app(tmp_path, opened, capsys) -> None:
    data = tmp_path / "news.csv"
    data.write_text("label,title,description\n1,Wall St. Bears,Short-sellers are back\n"
                    "2,Oil prices,Crude rises again\n3,New phone,A faster chip\n")
    refused_before_app(capsys, opened, [str(data)], "no text column 'text'", "--text-column title+description")


def test_a_given_column_missing_fails_before_the_app(tmp_path, opened, capsys) -> None:
    data = tmp_path / "d.tsv"
    data.write_text("text\tlabel\nhello there\ta\nsee you\tb\n")
    refused_before_app(capsys, opened, [str(data), "--text-column", "body"], "no text column 'body'")


def test_a_guessed_column_still_opens_the_app(tmp_path, opened) -> None:
    data = tmp_path / "b.csv"
    data.write_text("text,category\nmy card is lost,card_lost\nwhere is my card,card_arrival\n"
                    "lost card again,card_lost\n")
    assert main(["browse", str(data)]) == 0
    assert sources(opened) == [str(data)]

