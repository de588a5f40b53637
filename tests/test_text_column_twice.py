"""``--text-column text+text`` joined a column with itself (every text audited twice over, its
vectors those of a doubled text) and ``a++b`` asked for a column named ''. One line, exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset
from tui.cli import main

FRAME = pd.DataFrame({"title": ["a b", "c d", "e f"], "body": ["x", "y", "z"], "label": ["p", "q", "p"]})


@pytest.mark.parametrize("spec,why", [("title+title", "'title' twice"), ("title+ title", "'title' twice"),
                                      ("title+body+title", "'title' twice"), ("title++body", "an empty part")])
def test_a_join_naming_a_column_twice_or_nothing_is_refused(spec: str, why: str) -> None:
    from engine.paths import shell_word  # the value as one shell word ('title+ title' quoted, 4db4108)

    said = f"--text-column {shell_word(spec)} names {why}; name each column once"
    with pytest.raises(UsageError, match=re.escape(said)):
        load_dataset(FRAME, text_column=spec)


def test_the_cli_says_it_in_one_line(tmp_path: Path, capsys) -> None:
    data = tmp_path / "d.csv"
    FRAME.to_csv(data, index=False)
    assert main(["audit", str(data), "--text-column", "title+title", "--model", "tfidf", "--no-cache"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1:] == [
        f"textaudit: error: {data}: --text-column title+title names 'title' twice; name each column once (A+B)"]


def test_a_plain_join_and_a_column_named_with_a_plus_still_load() -> None:
    assert load_dataset(FRAME, text_column="title+body").texts == ["a b\nx", "c d\ny", "e f\nz"]
    literal = FRAME.rename(columns={"title": "a+a"})
    assert load_dataset(literal, text_column="a+a").texts == ["a b", "c d", "e f"]
