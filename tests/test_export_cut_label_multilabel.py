"""The export of a multi-label CSV cut mid-label warns as the load does (c78c1e6 gave the load its note; the export's
call still passed no label sets, so `textaudit export` wrote the file without a word, as single-label ones warn)."""

from __future__ import annotations

from pathlib import Path

from engine.export import export_corrected
from engine.load import load_dataset

ROWS = "text,labels\nhello,billing|refund\nhi,refund|delivery\nyo,billing\nthere,delivery|billing\n"


def test_the_export_says_the_file_looks_cut_off(tmp_path: Path) -> None:
    (path := tmp_path / "d.csv").write_text(ROWS + "last,billing|refu")
    (journal := tmp_path / "j.jsonl").write_text("")
    summary = export_corrected(load_dataset(path, label_column="labels", label_sep="|"), journal, tmp_path / "o.csv")
    assert [w for w in summary.warnings if "looks cut off" in w] == [
        "the file's last line has no line break and holds the only row of label 'refu', the start of 'refund': the "
        "file looks cut off (an interrupted download or copy); get the whole file again"]
    assert (tmp_path / "o.csv").read_text() == path.read_text()  # still written exactly
