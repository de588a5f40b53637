"""'--id-column id --label-column id' was accepted: every id its own class, and a relabel rewrote
the row's id in the export (the journal then names rows by ids the file no longer has). One line,
exit 2, as the text and label naming one column already is."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main


def test_the_id_and_the_label_cannot_be_one_column(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("id,text,label\n1,hello there,a\n2,bye now,b\n3,hi again,a\n")
    (tmp_path / "d.corrections.jsonl").write_text("")
    assert main(["export", "d.csv", "-o", "o.csv", "--id-column", "id", "--label-column", "id"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("textaudit: error: d.csv: column 'id' cannot be both the id and the label; "
                   "choose others with --id-column / --label-column"), err
    assert not (tmp_path / "o.csv").exists()
    assert main(["export", "d.csv", "-o", "o.csv", "--id-column", "id"]) == 0
