"""A gzip file named .jsonl/.json says its 'decompress it first' hint once: the binary-file line carried it and the
JSON readers' handler appended it again (review38)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from engine.errors import DataError
from engine.table_read import read_table


@pytest.mark.parametrize("ext", ["jsonl", "json", "csv"])
def test_gzip_hint_said_once(tmp_path: Path, ext: str) -> None:
    path = tmp_path / f"data.{ext}"
    path.write_bytes(gzip.compress(b'{"text": "a b", "label": "x"}\n' * 50))
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert caught.value.message.count("gzip-compressed") == 1, caught.value.message
