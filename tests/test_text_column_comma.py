"""--text-column title,description (or with a space) on ag_news' two text columns: the error said
"did you mean 'description'?", where the user meant to join both. It now offers 'title+description'
(s15 hostile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("given", ["title,description", "title description", "title, description"])
def test_a_list_of_columns_is_offered_as_their_join(tmp_path: Path, capsys, given: str) -> None:
    data = tmp_path / "ag.csv"
    data.write_text("label,title,description\n1,a,b\n2,c,d\n1,e,f\n2,g,h\n")
    assert main(["audit", str(data), "--text-column", given, "--model", "tfidf", "--no-cache"]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("textaudit: error:")]
    assert len(errors) == 1 and "did you mean 'title+description'?" in errors[0], err
