"""A changed label set is joined as the column spells its separator: in a column of 'a | b' cells
(read with --label-sep '|') a row relabelled to {b, a} was written 'b|a', the only cell without the
spaces; a cell's own spelling wins ('a,b' beside 'c, d' stays unspaced)."""

from __future__ import annotations

from pathlib import Path

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset


def _export(tmp_path: Path, labels: list[str], sep: str, relabels: dict[int, str]) -> list[str]:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"ticket {i} about a card,\"{label}\"\n" for i, label in enumerate(labels)))
    dataset = load_dataset(data, label_sep=sep)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        for row, after in relabels.items():
            writer.record("relabel", row, label_after=after, issue_type="label")
    out = tmp_path / "out.csv"
    export_corrected(dataset, journal, out)
    return load_dataset(out, label_sep=sep).frame["label"].tolist()


def test_a_changed_set_is_joined_as_the_column_spells_it(tmp_path: Path) -> None:
    labels = ["a | b", "b", "a", "b | c"] * 3
    cells = _export(tmp_path, labels, "|", {1: '["a","b"]', 2: '["a","c"]'})
    assert cells[:4] == ["a | b", "b | a", "a | c", "b | c"]


def test_a_cells_own_spelling_wins(tmp_path: Path) -> None:
    labels = ["a,b", "c, d", "a, c", "b, d"] * 3
    cells = _export(tmp_path, labels, ",", {0: '["a","b","c"]'})
    assert cells[:2] == ["a,b,c", "c, d"]
