"""An export to a saved datasets folder writes textaudit's one line, not the library's progress bars."""

from __future__ import annotations

import pytest

from tui.cli import main


def test_an_hf_export_prints_no_casting_bar(tmp_path, capfd):
    """'Casting the dataset: 100%|...' (tqdm, on stderr) came before the summary line: the cast to
    the input's features ran before the bars were turned off. From the app it drew over the screen."""
    datasets = pytest.importorskip("datasets")
    features = datasets.Features({"text": datasets.Value("string"),
                                  "label": datasets.ClassLabel(names=["World", "Sports"])})
    folder = tmp_path / "saved"
    datasets.Dataset.from_dict({"text": [f"text {i}" for i in range(6)], "label": [0, 1] * 3},
                               features=features).save_to_disk(str(folder))
    capfd.readouterr()
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    assert datasets.is_progress_bar_enabled()
    assert main(["export", str(folder), "--journal", str(journal), "-o", str(tmp_path / "out"), "--format", "hf"]) == 0
    out, err = capfd.readouterr()
    assert err == "" and out.strip().startswith("wrote 6 rows to ")
    assert datasets.is_progress_bar_enabled()  # left as it was
    assert datasets.load_from_disk(str(tmp_path / "out")).features == features


def test_corrections_only_with_no_change_says_so_for_hf(tmp_path, capsys):
    """It said 'no rows left (every row is excluded)' when the journal only kept a row."""
    from engine.corrections import Journal
    from engine.load import load_dataset

    data = tmp_path / "d.csv"
    data.write_text("text,label\nhello there,a\nhello you,a\nbye now,b\nbye then,b\n")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as open_journal:
        open_journal.record("keep", 0, issue_type="label")
    assert main(["export", str(data), "--journal", str(journal), "-o", str(tmp_path / "out"), "--format", "hf",
                 "--corrections-only"]) == 1
    err = capsys.readouterr().err
    assert "or --corrections-only found no relabelled or excluded row" in err and err.count("\n") == 1
