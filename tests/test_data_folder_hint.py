"""A folder given as the data that is no saved datasets folder was 'is a directory, not a data file
or a saved datasets folder', whatever it held: the data folder of train.csv and test.csv now names
them, and Spark / hive-partitioned Parquet parts get the one line that joins them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from engine.errors import DataError
from engine.load import load_dataset


def _message(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return caught.value.message


def test_a_folder_of_splits_names_them(tmp_path: Path) -> None:
    for name in ("train.csv", "test.csv"):
        (tmp_path / name).write_text("text,label\na,b\n")
    (tmp_path / "README.md").write_text("notes")
    assert _message(tmp_path) == f"{tmp_path}: is a directory, not a data file; give one of its data files (test.csv, train.csv)"


@pytest.mark.parametrize("hive", [False, True], ids=["spark-parts", "hive-partitions"])
def test_parquet_parts_are_told_how_to_join_them(tmp_path: Path, hive: bool) -> None:
    folder = tmp_path / "out"
    texts = [f"a sample text {i}" for i in range(8)]
    for label in "ab":
        part = folder / f"label={label}" / "p.parquet" if hive else folder / f"part-0000{'ab'.index(label)}.parquet"
        part.parent.mkdir(parents=True, exist_ok=True)
        table = pa.table({"text": texts[:4] if label == "a" else texts[4:]})
        pq.write_table(table if hive else table.append_column("label", pa.array([label] * 4)), part)
    (folder / "_SUCCESS").write_text("")
    message = _message(folder)
    assert "2 Parquet parts" in message and message.endswith("(python -c 'import pyarrow.parquet as pq; "
                                                               f'pq.write_table(pq.read_table("{folder}"), '
                                                               '"out.parquet")\')' + ("" if hive else " or give one part"))
    pq.write_table(pq.read_table(folder), tmp_path / "out.parquet")  # the hint's command gives one file
    dataset = load_dataset(tmp_path / "out.parquet")
    assert len(dataset) == 8 and sorted(dataset.class_names) == ["a", "b"]


def test_an_empty_folder_keeps_its_line(tmp_path: Path) -> None:
    assert _message(tmp_path) == f"{tmp_path}: is a directory, not a data file or a saved datasets folder"
