"""An id column with empty cells: the load said '37 duplicate values in id column 'id'' of 38 empty
cells and one id, where an empty cell names no row (journal_replay.uses_ids): those rows' decisions
follow their text and position, as without --id-column."""

from __future__ import annotations

from engine.load import load_dataset


def test_empty_ids_are_said_as_missing_not_as_duplicates(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,text,label\n" + "".join(f"{'x7' if i == 3 else ''},row {i} text,{'ab'[i % 2]}\n"
                                               for i in range(10)))
    notes = load_dataset(path, id_column="id").warnings
    assert "9 rows have no value in id column 'id'; decisions on them follow their text and position, as without " \
           "--id-column" in notes
    assert not any("duplicate" in note for note in notes)


def test_repeated_ids_beside_empty_ones_are_counted_alone(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,text,label\n" + "".join(f"{'' if i < 2 else i % 4},row {i} text,{'ab'[i % 2]}\n"
                                               for i in range(10)))
    notes = load_dataset(path, id_column="id").warnings
    assert any(note.startswith("2 rows have no value in id column 'id'") for note in notes)
    assert any(note.startswith("4 duplicate values in id column 'id'") for note in notes)
