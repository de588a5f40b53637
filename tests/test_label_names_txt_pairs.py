"""A names.txt written as pairs, '1=World' a line (the inline form, one a line). A .txt holds one
name a line from 0, so label 0 was named '1=World': on labels 0-2 every screen showed '0=World'
as the name, silently, and on ag_news' 1-4 the 'no name' line offered '1=1=World,2=2=Sports,...'
(s22 hostile22). Such a file is now refused in one line that says how to give the pairs."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.label_names import parse_label_names
from tui.cli import main


@pytest.mark.parametrize("text", ["1=World\n2=Sports\n3=Business\n", "0 = World\n1 = Sports\n", "-1=neg\n0=neu\n1=pos"])
def test_pairs_in_a_txt_are_refused(tmp_path, text):
    names = tmp_path / "names.txt"
    names.write_text(text)
    with pytest.raises(UsageError, match=r"every line of .*names\.txt is a label and its name .*line 1 naming label 0"
                                         r".*inline \(1=World,2=Sports,\.\.\.\) or in a \.json"):
        parse_label_names(str(names))


@pytest.mark.parametrize("text, expected", [
    ("World\nSports\n", {0: "World", 1: "Sports"}),
    ("World\n1=Sci=Tech\n", {0: "World", 1: "1=Sci=Tech"}),  # one name holding '=': a name, as before
    ("Sci=Tech\nWorld\n", {0: "Sci=Tech", 1: "World"}),
    ("10 km\n20 km\n", {0: "10 km", 1: "20 km"}),
])
def test_names_alone_are_read_as_before(tmp_path, text, expected):
    names = tmp_path / "names.txt"
    names.write_text(text)
    assert parse_label_names(str(names)) == expected


def test_the_cli_says_it_before_the_audit(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\n" + "".join(f"row {i},{i % 3 + 1}\n" for i in range(9)))
    (tmp_path / "names.txt").write_text("1=World\n2=Sports\n3=Business\n")
    code = main(["audit", "d.csv", "--model", "tfidf", "--no-cache", "--label-names", "names.txt"])
    err = capsys.readouterr().err
    assert code == 2 and "1=1=World" not in err and "every line of names.txt is a label and its name" in err
