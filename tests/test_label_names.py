"""--label-names (engine/label_names.py): integer labels shown by name. ag_news' 1-4 could not be
named: the picker, lists and chart showed 1, 2, 3, 4. The names are display only: the journal and
the export keep the data's ints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import UsageError
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
    ("missing.json", "cannot read missing.json: no such file"),
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
