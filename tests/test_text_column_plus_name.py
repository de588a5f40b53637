"""``--text-column q+a`` where the data has a column named 'q+a' and columns 'q' and 'a' as well: the
column 'q+a' is audited (a name may hold '+'), silently, where the user may have meant the join. A
note now says which was taken (s22 hostile22)."""

from __future__ import annotations

from engine.load import load_dataset

ROWS = "".join(f"hello {i},world {i},joined {i},{'xy'[i % 2]}\n" for i in range(6))


def _warnings(tmp_path, header: str, text_column: str) -> list[str]:
    path = tmp_path / "d.csv"
    path.write_text(header + "\n" + ROWS)
    dataset = load_dataset(path, text_column=text_column)
    return dataset.warnings, list(dataset.texts)


def test_a_plus_name_beside_its_parts_is_noted(tmp_path):
    warnings, texts = _warnings(tmp_path, "q,a,q+a,label", "q+a")
    assert texts[0] == "joined 0"  # the column, as before
    assert ("--text-column q+a is a column of its own, audited as it is; the columns 'q', 'a' are not joined "
            "(to join them, rename the column 'q+a' first)") in warnings


def test_no_note_without_the_parts_or_for_a_join(tmp_path):
    warnings, _ = _warnings(tmp_path, "q,b,q+a,label", "q+a")  # no column 'a': nothing to join
    assert not any("column of its own" in w for w in warnings)
    warnings, texts = _warnings(tmp_path, "q,a,other,label", "q+a")  # a join, as before
    assert texts[0] == "hello 0\nworld 0" and not any("column of its own" in w for w in warnings)
