"""'textaudit browse' of a CSV whose columns do not resolve fails in the shell, before the app opens
(walk39: ag_news test.csv, columns label,title,description, opened the app only to say "no text column
'text' ... --text-column title+description" and wait for q). A file that resolves opens the app as before."""

from __future__ import annotations

import pytest

import tui.launch
from tui.cli import main


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The sources the app was opened on (run_app stubbed: no terminal, no audit)."""
    sources: list[str] = []
    monkeypatch.setattr(tui.launch, "run_app", lambda source, *args, **kwargs: sources.append(source) or 0)
    return sources


def test_two_text_columns_fail_before_the_app(tmp_path, opened, capsys) -> None:
    data = tmp_path / "news.csv"
    data.write_text("label,title,description\n1,Wall St. Bears,Short-sellers are back\n"
                    "2,Oil prices,Crude rises again\n3,New phone,A faster chip\n")
    assert main(["browse", str(data)]) == 2
    assert opened == []
    err = capsys.readouterr().err
    assert "no text column 'text'" in err and "--text-column title+description" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_a_given_column_missing_fails_before_the_app(tmp_path, opened, capsys) -> None:
    data = tmp_path / "d.tsv"
    data.write_text("text\tlabel\nhello there\ta\nsee you\tb\n")
    assert main(["browse", str(data), "--text-column", "body"]) == 2
    assert opened == [] and "no text column 'body'" in capsys.readouterr().err


def test_a_guessed_column_still_opens_the_app(tmp_path, opened) -> None:
    data = tmp_path / "b.csv"
    data.write_text("text,category\nmy card is lost,card_lost\nwhere is my card,card_arrival\n"
                    "lost card again,card_lost\n")
    assert main(["browse", str(data)]) == 0
    assert opened == [str(data)]

