"""A multi-label CSV/TSV cut mid-label says it looks cut off, as a single-label one does (ea01f08): 'last,billing|refu'
(no line break) was audited with 'refu' a class of one row beside 'refund', without a word (fix41b: cut_label_note
returned nothing for multi-label data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.load import load_dataset

CUT = "the file looks cut off"
ROWS = "text,labels\nhello,billing|refund\nhi,refund|delivery\nyo,billing\nthere,delivery|billing\n"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_cut_label_in_the_last_set(tmp_path: Path, fmt: str) -> None:
    body = ROWS + "last,billing|refu"
    (path := tmp_path / f"d.{fmt}").write_text(body.replace(",", "\t") if fmt == "tsv" else body)
    notes = [w for w in load_dataset(path, label_column="labels", label_sep="|").warnings if CUT in w]
    assert notes == ["the file's last line has no line break and holds the only row of label 'refu', the start of "
                     "'refund': the file looks cut off (an interrupted download or copy); get the whole file again"]


@pytest.mark.parametrize("tail", [
    "last,billing|refu\n",  # a line break after it: written whole
    "last,billing|refund",  # whole labels, no line break
    "last,billing|bill",  # 'bill' (the start of 'billing') held by another row too: a class of the data
])
def test_no_note_for_a_whole_last_set(tmp_path: Path, tail: str) -> None:
    (path := tmp_path / "d.csv").write_text(ROWS + ("again,bill\n" if tail.endswith("|bill") else "") + tail)
    assert not [w for w in load_dataset(path, label_column="labels", label_sep="|").warnings if CUT in w]
