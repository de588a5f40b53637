"""Export guards, continued from tests/test_export.py: what an export or --issues-out never
replaces (a journal, a device, a file that is no earlier issue table), what it says about the input."""

from __future__ import annotations

import pandas as pd
import pytest
from test_export import _audit_csv, str_csv  # noqa: F401 - str_csv: a fixture

from engine.corrections import Journal
from engine.errors import DataError
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main


def test_a_folder_given_as_the_journal_is_said_as_that(str_csv, tmp_path, capsys):
    """`--journal FOLDER -o FOLDER/out.csv` said '--output FOLDER/out.csv is the corrections
    journal; refusing to overwrite it': the output was checked first, and a file inside the
    'journal' folder counted as the journal."""
    out = tmp_path / "out.csv"
    assert main(["export", str(str_csv), "--journal", str(tmp_path), "-o", str(out)]) == 1
    assert capsys.readouterr().err.strip() == f"textaudit: error: journal {tmp_path} is not a file"
    with pytest.raises(DataError, match="is not a file"):
        export_corrected(load_dataset(str_csv), tmp_path, out)
    assert not out.exists()


def test_export_says_how_the_file_was_read(tmp_path, capsys):
    """`textaudit export` left out a CSV's blank lines (the load note says 'an export leaves them
    out') without a word: the notes on how the file was read reached only the audit's report.
    A UTF-8 file read with --encoding latin-1 (garbled, silently) is said too."""
    path = tmp_path / "d.csv"
    path.write_bytes("text,label\ncaf\u00e9,a\n\nbye,b\nagain,a\n".encode())
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    assert main(["export", str(path), "--journal", str(journal), "-o", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err
    assert "textaudit: warning: d.csv: 1 blank line is not a row; an export leaves them out" in err
    assert main(["export", str(path), "--journal", str(journal), "-o", str(tmp_path / "out2.csv"),
                 "--encoding", "latin-1"]) == 0
    assert "d.csv is valid UTF-8 but is read as latin-1" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_issues_out_replaces_only_an_earlier_issue_table(tmp_path, capsys, suffix):
    """`textaudit audit data.csv --issues-out data.corrections.jsonl` replaced the corrections
    journal with the issue table (every decision lost, exit 0), and `--issues-out train.csv` any
    other data file: --issues-out replaces a file without asking. It now replaces an earlier
    issue table only; a journal is refused by export -o too, even with --force."""
    data = _audit_csv(tmp_path)
    dataset = load_dataset(data)
    journal = tmp_path / "v.corrections.jsonl"
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("exclude", 1, issue_type="outlier")
    decisions = journal.read_bytes()
    other = tmp_path / f"train{suffix}"
    pd.DataFrame({"text": ["keep me"], "label": ["x"]}).to_parquet(other) if suffix == ".parquet" else \
        other.write_text("text,label\nkeep me,x\n" if suffix == ".csv" else '{"text":"keep me"}\n')
    before = other.read_bytes()
    audit = ["audit", str(data), "--model", "tfidf", "--folds", "2", "--issues-out"]
    assert main([*audit, str(journal)]) == 2
    assert "is a corrections journal; refusing to overwrite it" in capsys.readouterr().err
    assert main([*audit, str(other)]) == 2
    assert "exists and is not an issue table textaudit wrote" in capsys.readouterr().err
    assert journal.read_bytes() == decisions and other.read_bytes() == before
    table = tmp_path / f"issues{suffix}"
    assert main([*audit, str(table)]) == 0 and main([*audit, str(table)]) == 0  # an earlier table: replaced
    capsys.readouterr()
    fresh = tmp_path / "fresh.jsonl"
    fresh.write_bytes(b"")
    assert main(["export", str(data), "--journal", str(fresh), "-o", str(journal), "--force"]) == 2
    assert "--output" in (err := capsys.readouterr().err) and "is a corrections journal" in err
    assert journal.read_bytes() == decisions


def test_an_output_that_is_a_device_or_fifo_is_never_replaced(str_csv, tmp_path, capsys):
    """'-o /dev/null --format csv --force' (as root) renamed the export over the device node; a
    FIFO stands in for it here: it was replaced by a regular file."""
    import os
    import stat

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    for argv in (["-o", str(fifo), "--force"], ["-o", str(fifo)]):
        assert main(["export", str(str_csv), "--journal", str(journal), *argv]) == 2
        assert "is not a regular file (a device, FIFO or socket)" in capsys.readouterr().err
    assert main(["audit", str(str_csv), "--model", "tfidf", "--folds", "2", "--issues-out", str(fifo)]) == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("entries", [False, True])
def test_the_journals_lock_file_is_never_replaced(str_csv, tmp_path, capsys, entries):
    """`export DATA -o J.lock --format csv --force` renamed the export over the journal's lock file:
    a running app's lock then guarded a file no longer there, and the next app read CSV as the lock."""
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_bytes(b"")
    if entries:
        with Journal.open(journal, load_dataset(str_csv)) as open_journal:
            open_journal.record("keep", 0, issue_type="label")
    lock = tmp_path / "d.corrections.jsonl.lock"
    lock.write_bytes(b"")
    assert main(["export", str(str_csv), "--journal", str(journal), "-o", str(lock), "--format", "csv",
                 "--force"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"textaudit: error: --output {lock} is the lock file of the corrections journal beside it; "
        "refusing to replace it (choose another path)")
    assert lock.read_bytes() == b""


def test_a_saved_dataset_with_splits_is_never_replaced(str_csv, tmp_path, capsys):
    """`export d.csv -o splits --format hf --force` replaced a DatasetDict folder (train + test) by one
    split of another dataset: its other splits were gone. An export never writes a DatasetDict, so such
    a folder is no earlier export."""
    datasets = pytest.importorskip("datasets")
    one = datasets.Dataset.from_dict({"text": ["a", "b"], "label": ["x", "y"]})
    folder = tmp_path / "splits"
    datasets.DatasetDict({"train": one, "test": one}).save_to_disk(str(folder))
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    capsys.readouterr()  # the save's own progress bar
    assert main(["export", str(str_csv), "--journal", str(journal), "-o", str(folder), "--format", "hf",
                 "--force"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"textaudit: error: {folder} is a saved dataset with splits (a DatasetDict)") and "\n" not in err
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


@pytest.mark.parametrize(("name", "needle", "code"), [
    ("typo.csv", "typo.csv: no such file or directory", 1),
    ("sheet.xlsx", "sheet.xlsx: a spreadsheet (.xlsx), which textaudit does not read", 2),
])
def test_a_wrong_data_path_is_said_before_the_journal(name, needle, code, tmp_path, monkeypatch, capsys):
    """'textaudit export typo.csv -o out.csv' said 'no corrections journal at typo.corrections.jsonl;
    make decisions in the app first': the journal named after the typo, not the typo."""
    monkeypatch.chdir(tmp_path)
    if name.endswith(".xlsx"):
        (tmp_path / name).write_bytes(b"PK\x03\x04")
    assert main(["export", name, "-o", "out.csv"]) == code
    err = capsys.readouterr().err.splitlines()
    assert err == [f"textaudit: error: {needle}" + ("; save the sheet as CSV (UTF-8) and audit that" if code == 2 else "")]
    assert not (tmp_path / "out.csv").exists()


def test_serve_says_a_missing_file_as_browse_does(tmp_path, capsys):
    """serve said 'no such file or folder: typo.csv', exit 2; browse and audit: '...: no such file or directory', 1."""
    assert main(["serve", str(tmp_path / "typo.csv")]) == 1
    assert capsys.readouterr().err.splitlines() == [f"textaudit: error: {tmp_path / 'typo.csv'}: no such file or directory"]


def test_an_output_folder_holding_the_journal_says_holds(str_csv, tmp_path, capsys):
    """'-o . --format hf' said '--output . is the corrections journal': the folder holds it."""
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    assert main(["export", str(str_csv), "--journal", str(journal), "-o", str(tmp_path), "--format", "hf", "--force"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"textaudit: error: --output {tmp_path} holds the corrections journal; refusing to overwrite it (choose another path)"]


def test_exporting_the_demo_by_its_name_points_at_the_bundled_file(tmp_path, monkeypatch, capsys):
    """`textaudit demo` keeps its journal here but reads demo.csv from the package: `export demo.csv`
    said only 'no such file' and left a new user no way to their corrections from the shell."""
    from engine.demo import demo_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.corrections.jsonl").write_text("")
    assert main(["export", "demo.csv", "-o", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert f"the demo's data is bundled: textaudit export {demo_path()} --journal " in err
    assert not (tmp_path / "out.csv").exists()
    assert main(["export", "demo", "-o", "out.csv"]) == 0  # the demo by its command's word, as serve demo: exported
    assert (tmp_path / "out.csv").read_bytes() == demo_path().read_bytes()  # (an empty journal: no decision)
    (tmp_path / "out.csv").unlink()
    (tmp_path / "demo.corrections.jsonl").unlink()  # no demo journal here: it says so, and where it is kept
    assert main(["export", "demo.csv", "-o", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert "the demo's data is bundled" not in err and "demo.corrections.jsonl, is not in this folder" in err, err


def test_an_hf_export_never_writes_into_a_saved_dataset_with_splits(str_csv, tmp_path, capsys):
    """`export dd/train -o dd/test --format hf --force` replaced the test split inside the saved
    DatasetDict dd with the corrected train split (s13 hostile report): the dataset was changed."""
    datasets = pytest.importorskip("datasets")
    one = datasets.Dataset.from_dict({"text": ["a", "b"], "label": ["x", "y"]})
    folder = tmp_path / "dd"
    datasets.DatasetDict({"train": one, "test": one}).save_to_disk(str(folder))
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    capsys.readouterr()
    for target in ("test", "extra"):
        assert main(["export", str(str_csv), "--journal", str(journal), "-o", str(folder / target), "--format", "hf",
                     "--force"]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"textaudit: error: {folder / target} is inside the saved dataset {folder}") and "\n" not in err
    assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
