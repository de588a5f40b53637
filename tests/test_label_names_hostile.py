"""--label-names given a FIFO (names.txt made with mkfifo): the read waited for a writer forever,
browse and serve hung before the audit; a JSON file nested past the stack ended in 'internal
error: RecursionError', exit 70 (s17 hostile). Each is one line now, exit 2."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from engine.errors import DataError, UsageError
from engine.label_names import parse_label_names


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "names.txt"
    os.mkfifo(fifo)
    said: list[str] = []

    def parse() -> None:
        try:
            parse_label_names(str(fifo))
        except DataError as error:  # a file that cannot be read: exit 1
            said.append(error.message)

    reader = threading.Thread(target=parse, daemon=True)
    reader.start()
    reader.join(10)  # a ceiling for a hang, not a speed check: the refusal reads nothing
    if reader.is_alive():  # the old code, blocked opening the FIFO: let it go before failing
        os.close(os.open(fifo, os.O_WRONLY))
        reader.join(10)
    assert said == [f"--label-names: cannot read {fifo}: not a regular file (a folder, FIFO or device)"]


def test_json_nested_past_the_stack_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "names.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(DataError, match="is JSON nested too deeply for names"):
        parse_label_names(str(deep))


def test_whole_float_labels_take_names(tmp_path: Path) -> None:
    """JSON's 1.0, 2.0 are the classes 1, 2 on every screen, but --label-names said 'names integer
    labels; label column 'label' holds '1', '2''. A fractional column is still refused."""
    import json

    from engine.label_names import class_display_names
    from engine.load import load_dataset

    whole, fractional = tmp_path / "whole.jsonl", tmp_path / "fractional.jsonl"
    whole.write_text("".join(json.dumps({"text": f"text {i}", "label": [1.0, 2.0][i % 2]}) + "\n" for i in range(6)))
    fractional.write_text("".join(json.dumps({"text": f"text {i}", "label": [1.0, 2.5][i % 2]}) + "\n"
                                  for i in range(6)))
    assert class_display_names(parse_label_names("1=World,2=Sports"), load_dataset(whole)) == ["World", "Sports"]
    with pytest.raises(UsageError, match="names integer labels"):
        class_display_names(parse_label_names("1=World,2=Sports"), load_dataset(fractional))


def test_a_long_list_of_names_is_read_as_names() -> None:
    """banking77's 77 names listed inline are past the 255 bytes a file name may have: the check
    for a names file raised 'File name too long' (s17 hostile2: 'textaudit: error: ...: File name
    too long', exit 1); the list is names."""
    spec = ",".join(f"{i}=class_name_number_{i}" for i in range(77))
    names = parse_label_names(spec)
    assert len(names) == 77 and names[76] == "class_name_number_76"
    listed = parse_label_names(",".join(f"class_name_number_{i}" for i in range(77)))
    assert listed[0] == "class_name_number_0" and len(listed) == 77


@pytest.mark.parametrize(("name", "text"), [("names.txt", ""), ("names.txt", "\n \n"), ("names.json", "[]"),
                                            ("names.json", "{}"), ("names.json", '{"id2label": {}}')])
def test_a_file_giving_no_name_is_one_line(tmp_path: Path, name: str, text: str) -> None:
    """An empty names file was accepted, and after the whole audit every command ended in
    'internal error: IndexError', exit 70 (s17 hostile2)."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(UsageError, match=r"gives no name$"):
        parse_label_names(str(path))


def test_a_csv_of_whole_floats_takes_names(tmp_path: Path) -> None:
    """A CSV whose label column pandas once wrote as floats (1.0, 2.0: a column that held a NaN)
    keeps them as the text '1.0', and --label-names said 'names integer labels; label column 'label'
    holds '1.0', '2.0'' (s17 hostile2). '1.0' is label 1 now; a column holding both '1' and '1.0'
    (two classes) is refused, as a fractional '2.5' still is."""
    from engine.label_names import class_display_names
    from engine.load import load_dataset

    def csv(name: str, labels: list[str]) -> Path:
        path = tmp_path / name
        path.write_text("text,label\n" + "".join(f"text {i},{labels[i % len(labels)]}\n" for i in range(8)))
        return path

    names = parse_label_names("1=World,2=Sports")
    assert class_display_names(names, load_dataset(csv("whole.csv", ["1.0", "2.0"]))) == ["World", "Sports"]
    with pytest.raises(UsageError, match="holds '1' and '1.0', two classes"):
        class_display_names(names, load_dataset(csv("both.csv", ["1", "1.0", "2"])))
    with pytest.raises(UsageError, match="names integer labels"):
        class_display_names(names, load_dataset(csv("fractional.csv", ["1.0", "2.5"])))


@pytest.mark.parametrize("labels", [["1", "2"], ["1.0", "2.0"]])
def test_a_name_spelling_another_label_as_a_float_is_refused(tmp_path: Path, labels: list[str]) -> None:
    """'1=2.0,2=Sports' showed label 1 as '2.0' beside label 2 (a CSV's '2.0' once 468a5ad named
    such columns): '2' was refused as another label's value, '2.0' was not (s17 hostile2)."""
    from engine.label_names import class_display_names
    from engine.load import load_dataset

    path = tmp_path / "labels.csv"
    path.write_text("text,label\n" + "".join(f"text {i},{labels[i % 2]}\n" for i in range(8)))
    with pytest.raises(UsageError, match=r"label 1 is named '2\.0', label 2's own value"):
        class_display_names(parse_label_names("1=2.0,2=Sports"), load_dataset(path))
    assert class_display_names(parse_label_names("1=3.0,2=Sports"), load_dataset(path)) == ["3.0", "Sports"]
