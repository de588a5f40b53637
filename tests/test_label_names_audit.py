"""--label-names for ``textaudit audit``: the report, ``--format json`` and ``--issues-out`` show the
names of integer labels beside the values, which stay wherever they identify a class. Before, the
option was browse and serve only: ``audit --label-names`` was a usage error, and the report's example
tables read 'given_label 1, predicted_label 3'."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main

NAMES = ["Billing", "Cards", "Balance", "Exchange", "Pin", "Refunds", "Transfers"]
SPEC = ",".join(f"{i + 1}={name}" for i, name in enumerate(NAMES))


@pytest.fixture(scope="module")
def ints_csv(demo_csv, tmp_path_factory) -> Path:
    """The demo with its 7 classes written as the ints 1-7."""
    frame = pd.read_csv(demo_csv)
    classes = sorted(frame["label"].unique())
    frame["label"] = [classes.index(label) + 1 for label in frame["label"]]
    path = tmp_path_factory.mktemp("ints") / "ints.csv"
    frame.to_csv(path, index=False)
    return path


def _audit(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["audit", *map(str, args), "--id-column", "id", "--model", "tfidf"])
    out, err = capsys.readouterr()
    return code, out, err


def _example_rows(report: str) -> list[list[str]]:
    """The label section's example table rows, split on runs of spaces (the names hold none)."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if "given_label" in line and "is_label_issue" in line)
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


def test_the_text_report_names_the_classes_and_says_how(ints_csv, capsys) -> None:
    code, out, _ = _audit(capsys, ints_csv, "--label-names", SPEC)
    assert code == 0
    assert f"Label names (--label-names; the data, journal and exported tables keep the values): {SPEC}" in out
    rows = _example_rows(out)
    assert rows and all(row[-2] in NAMES and row[-1] in NAMES for row in rows)
    # the same run again comes from the result index: the same report, names included
    again = _audit(capsys, ints_csv, "--label-names", SPEC)[1]
    assert again == out
    code, plain, _ = _audit(capsys, ints_csv)  # without the option: the values, no legend
    assert "Label names" not in plain and all(row[-1] in "1234567" for row in _example_rows(plain))


def test_an_edited_names_file_is_not_served_from_the_index(ints_csv, tmp_path, capsys) -> None:
    names = tmp_path / "names.json"
    names.write_text(json.dumps({str(i + 1): name for i, name in enumerate(NAMES)}))
    assert "1=Billing" in _audit(capsys, ints_csv, "--label-names", names)[1]
    names.write_text(json.dumps({str(i + 1): name.upper() for i, name in enumerate(NAMES)}))
    out = _audit(capsys, ints_csv, "--label-names", names)[1]
    assert "1=BILLING" in out and "1=Billing" not in out


def test_json_adds_the_names_beside_the_values(ints_csv, tmp_path, capsys) -> None:
    code, out, _ = _audit(capsys, ints_csv, "--label-names", SPEC, "--format", "json")
    assert code == 0
    assert json.loads(out)["label_names"] == {str(i + 1): name for i, name in enumerate(NAMES)}
    assert "label_names" not in json.loads(_audit(capsys, ints_csv, "--format", "json")[1])
    dataset = load_dataset(ints_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        for row in range(6):  # relabelled to the next class: label issues resolved and new, by class
            writer.record("relabel", row, label_after=str(int(dataset.labels[row]) % 7 + 2), issue_type="label")
    code, out, _ = _audit(capsys, ints_csv, "--label-names", SPEC, "--format", "json", "--apply-journal", journal)
    assert code == 0
    by_class = {key: entry for d in json.loads(out)["delta"].values() for key, entry in d.get("by_class", {}).items()}
    assert by_class and all(entry["label_name"] == NAMES[int(key) - 1] for key, entry in by_class.items())


def test_the_issue_table_keeps_the_values_and_adds_names(ints_csv, tmp_path, capsys) -> None:
    table = tmp_path / "issues.csv"
    assert _audit(capsys, ints_csv, "--label-names", SPEC, "--issues-out", table)[0] == 0
    frame = pd.read_csv(table)
    assert list(frame.columns[3:7]) == ["given_label", "given_label_name", "predicted_label", "predicted_label_name"]
    assert frame["given_label"].dtype.kind == "i"
    data = pd.read_csv(ints_csv)
    assert frame["given_label"].tolist() == data["label"].tolist()
    assert frame["given_label_name"].tolist() == [NAMES[label - 1] for label in data["label"]]
    assert frame["predicted_label_name"].tolist() == [NAMES[label - 1] for label in frame["predicted_label"]]


@pytest.mark.parametrize("spec, said", [
    (",".join(NAMES), "label 7 ("),  # counted from 0 on labels from 1
    ("x," + ",".join(NAMES), "the names count from 0, but no row has label 0"),
    ("1=2,2=1," + SPEC.split(",", 2)[2], "label 1 is named '2', label 2's own value"),
])
def test_names_that_do_not_fit_are_one_line_after_the_audit(ints_csv, capsys, spec: str, said: str) -> None:
    code, out, err = _audit(capsys, ints_csv, "--label-names", spec)
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.startswith("textaudit")]
    assert len(lines) == 1 and said in lines[0] and "Traceback" not in err


def test_a_new_class_the_journal_adds_is_named_or_shown_as_its_value(ints_csv, tmp_path, capsys) -> None:
    """audit --apply-journal of a journal that adds the class 8 (made in the app's picker) with names for 1-7
    refused the re-audit ('--label-names: label 8 (1 row) has no name'): the names were right for the data.
    Now it shows 8 as its value, said once; a name given for 8 ('8=New') names it (ui36b)."""
    dataset = load_dataset(ints_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="8", issue_type="label", allow_new_label=True)
    table = tmp_path / "issues.csv"
    code, out, err = _audit(capsys, ints_csv, "--label-names", SPEC, "--format", "json", "--apply-journal", journal,
                            "--issues-out", table)
    assert code == 0, err
    assert "label 8, a new class the journal adds: shown as 8 (add 8=NAME to name it)" in err
    assert "8" not in json.loads(out)["label_names"]
    frame = pd.read_csv(table)
    assert frame.loc[frame["row"] == 0, "given_label_name"].astype(str).tolist() == ["8"]  # its value, not empty
    code, out, err = _audit(capsys, ints_csv, "--label-names", SPEC + ",8=New", "--apply-journal", journal)
    assert code == 0 and "a new class the journal adds" not in err, err
    assert f"{SPEC},8=New" in out.replace(" ", "")
