"""--label-names (engine/label_names.py): integer labels shown by name. ag_news' 1-4 could not be
named: the picker, lists and chart showed 1, 2, 3, 4. The names are display only: the journal and
the export keep the data's ints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import DataError, UsageError
from engine.label_names import class_display_names, parse_label_names
from engine.load import load_dataset


def test_the_spec_forms(tmp_path: Path) -> None:
    assert parse_label_names("World, Sports,Business,Sci/Tech") == {0: "World", 1: "Sports", 2: "Business",
                                                                    3: "Sci/Tech"}
    assert parse_label_names("1=World,2=Sports") == {1: "World", 2: "Sports"}
    listed = tmp_path / "names.json"
    listed.write_text(json.dumps(["neg", "pos"]))
    assert parse_label_names(str(listed)) == {0: "neg", 1: "pos"}
    keyed = tmp_path / "id2label.json"
    keyed.write_text(json.dumps({"1": "neg", "3": "pos"}))
    assert parse_label_names(str(keyed)) == {1: "neg", 3: "pos"}
    config = tmp_path / "config.json"  # a model's: its id2label
    config.write_text(json.dumps({"architectures": ["X"], "id2label": {"0": "World", "1": "Sports"}}))
    assert parse_label_names(str(config)) == {0: "World", 1: "Sports"}
    lines = tmp_path / "labels.txt"
    lines.write_text("World\nSports\n\n")
    assert parse_label_names(str(lines)) == {0: "World", 1: "Sports"}


@pytest.mark.parametrize("spec, said", [
    ("World,Sports,World", "labels 0 and 2 the same name 'World'"),
    ("World,,Sports", "label 1 an empty name"),
    ("1=World,Sports", "name every label"),
    ("x=World,2=Sports", "names label 'x', not a whole number"),
    ("1=World,1=Sports", "names label 1 twice"),
])
def test_a_bad_spec_is_one_line(spec: str, said: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="^--label-names") as raised:
        parse_label_names(spec)
    assert said in raised.value.message and "\n" not in raised.value.message


def _csv(tmp_path: Path, labels: list) -> Path:
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "".join(f"text {i},{label}\n" for i, label in enumerate(labels)))
    return path


def test_names_follow_the_classes(tmp_path: Path) -> None:
    dataset = load_dataset(_csv(tmp_path, [2, 10, 1, 2, 10, 1]))  # classes by value: 1, 2, 10
    assert class_display_names({1: "one", 2: "two", 10: "ten", 7: "unused"}, dataset) == ["one", "two", "ten"]


def test_names_counted_from_zero_on_labels_from_one_say_how(tmp_path: Path) -> None:
    dataset = load_dataset(_csv(tmp_path, [1, 2, 3, 4] * 3))
    with pytest.raises(UsageError) as raised:
        class_display_names(parse_label_names("World,Sports,Business,Sci/Tech"), dataset)
    assert raised.value.message == (
        "--label-names: label 4 (3 rows) has no name; the names cover 0-3, the column's labels run 1-4: the "
        "names count from 0; name each label, e.g. 1=World,2=Sports,...")


def test_text_labels_are_refused(tmp_path: Path) -> None:
    dataset = load_dataset(_csv(tmp_path, ["neg", "pos"] * 3))
    with pytest.raises(UsageError, match="names integer labels; label column 'label' holds 'neg', 'pos'"):
        class_display_names({0: "a", 1: "b"}, dataset)


def test_browse_says_a_bad_spec_before_the_audit(demo_csv, capsys) -> None:
    from tui.cli import main

    assert main(["browse", str(demo_csv), "--label-names", "a,b,a"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["textaudit: error: --label-names: the list gives labels 0 and 2 the same name 'a'"]


def test_serve_checks_the_names_and_passes_a_file_by_its_full_path(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.cli import main
    from tui.cli_parser import build_parser
    from tui.serve import browse_command

    monkeypatch.chdir(tmp_path)
    data = _csv(tmp_path, ["neg", "pos"] * 3)
    assert main(["serve", str(data), "--label-names", "neg,pos"]) == 2  # text labels: before any server starts
    assert "names integer labels" in capsys.readouterr().err
    (tmp_path / "names.txt").write_text("neg\npos\n")
    args = build_parser().parse_args(["serve", str(data), "--label-names", "names.txt"])
    args.label_names = str((tmp_path / "names.txt").resolve())  # as serve's checks leave it
    command = browse_command(args)
    assert command[command.index("--label-names") + 1] == str(tmp_path / "names.txt")


@pytest.mark.parametrize("name, content, said", [
    ("names.csv", b"World\nSports\n", "names.csv is a file; names are read from a .json or .txt file"),
    ("names.txt", "Monde\nSci\xe9nce\n".encode("latin-1"),
     "cannot read names.txt: not UTF-8 text (byte 0xe9 at offset 9); save it as UTF-8"),
])
def test_a_names_file_that_cannot_be_read_says_why(name: str, content: bytes, said: str, tmp_path: Path,
                                                   monkeypatch) -> None:
    """names.csv was read as one name, for label 0 ('label 1 has no name, nor do 3 more'); a Latin-1
    file said "'utf-8' codec can't decode byte 0xe9 in position 9: invalid continuation byte"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(content)
    with pytest.raises(UsageError if name == "names.csv" else DataError) as raised:  # a file unread: 1
        parse_label_names(name)
    assert raised.value.message.startswith(f"--label-names: {said}")


def test_a_name_holding_an_equals_sign_or_a_comma_is_told_where_to_go() -> None:
    with pytest.raises(UsageError, match=r"not some; a name holding ',' or '=' goes in a \.txt file"):
        parse_label_names("World=Earth,Sports")
    with pytest.raises(UsageError, match=r"not a whole number: the option names integer labels \(a name holding"):
        parse_label_names("World=Earth,Sports=Games")
    assert parse_label_names("01=World,02=Sports") == {1: "World", 2: "Sports"}  # '01' is 1, a whole number


@pytest.mark.parametrize("spec, said", [
    # one name too many, counted from 0: every label took the next one's name, without a word
    ("World,Sports,Business,Sci/Tech,Extra", "the names count from 0, but no row has label 0 (the column's labels "
                                             "run 1-4): label 1 would be 'Sports', not 'World'; name each label"),
    ("1=2,2=1,3=Business,4=Sci/Tech", "label 1 is named '2', label 2's own value"),  # swapped: 2 shown for 1
    ("1=World,2=3,3=Business,4=Sci/Tech", "label 2 is named '3', label 3's own value"),
])
def test_names_that_would_show_labels_wrongly_are_refused(spec: str, said: str, tmp_path: Path) -> None:
    dataset = load_dataset(_csv(tmp_path, [1, 2, 3, 4] * 3))
    with pytest.raises(UsageError) as raised:
        class_display_names(parse_label_names(spec), dataset)
    assert said in raised.value.message and "\n" not in raised.value.message


def test_names_that_fit_are_taken(tmp_path: Path) -> None:
    from_zero = load_dataset(_csv(tmp_path, [0, 1, 2] * 3))
    assert class_display_names(parse_label_names("a,b,c,unused"), from_zero) == ["a", "b", "c"]
    from_one = load_dataset(_csv(tmp_path, [1, 2, 3, 4] * 3))
    assert class_display_names(parse_label_names("1=1,2=B,3=Sci=Tech,4=D,5=Extra"), from_one) == [
        "1", "B", "Sci=Tech", "D"]


def test_a_label2id_is_read_the_other_way(tmp_path: Path) -> None:
    """A config.json with only label2id, or a name -> label object, said "names label 'architectures',
    not a whole number" (its keys taken for labels)."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"architectures": ["X"], "label2id": {"World": 1, "Sports": 2}}))
    assert parse_label_names(str(config)) == {1: "World", 2: "Sports"}
    inverse = tmp_path / "label2id.json"
    inverse.write_text(json.dumps({"World": 1, "Sports": 2}))
    assert parse_label_names(str(inverse)) == {1: "World", 2: "Sports"}


def test_a_json_value_that_is_no_name_is_said_in_words(tmp_path: Path) -> None:
    numbers = tmp_path / "numbers.json"
    numbers.write_text("[1, 2]")
    with pytest.raises(UsageError, match="gives label 0 a number, not a name$"):  # was 'a int'
        parse_label_names(str(numbers))
