"""A relabel to a name the input's encoding cannot hold ('日本€' in a latin-1 CSV, whose CSV/TSV export keeps
latin-1) stopped the export with 'a cell holds '日', which latin-1 cannot encode; export as .jsonl or .json':
no word of which file could not be written, and not the Parquet export that holds it too. The line now
names the output and offers .parquet (a lone surrogate, which Parquet cannot store either, is offered the
JSON formats only, as before)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from engine.corrections import Journal
from engine.load import load_dataset
from tui.cli import main


def test_a_name_latin1_cannot_hold_names_the_output_and_parquet(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_bytes("text,label\ncafé one,a\nbye now,b\ngood day,a\nfarewell,b\n".encode("latin-1"))
    with Journal.open(tmp_path / "d.corrections.jsonl", load_dataset(tmp_path / "d.csv", encoding="latin-1")) as writer:
        writer.record("relabel", 0, label_after="日本€", issue_type="label", allow_new_label=True)
    assert main(["export", "d.csv", "--encoding", "latin-1", "-o", "out.csv"]) == 1
    said = capsys.readouterr().err.splitlines()
    assert said == ["textaudit: error: cannot write out.csv: a cell holds '日', which latin-1 cannot encode; export "
                    "as .jsonl, .json (they keep it as an escape) or .parquet (UTF-8)"], said
    assert not (tmp_path / "out.csv").exists()
    assert main(["export", "d.csv", "--encoding", "latin-1", "-o", "out.parquet"]) == 0
    assert pq.read_table(tmp_path / "out.parquet").column("label").to_pylist() == ["日本€", "b", "a", "b"]
