"""Every read of the journal file a writer holds goes by position (``journal_rescue.read_at``: ``os.pread``), so the
descriptor it appends to keeps its offset: the writable open's replay (``JournalFile.read_held``) and the rescue copy
(``_save_copy``) moved it with ``lseek`` + ``read`` where the copy compare (``_common_prefix``) used ``pread``
(closing-s33). The appends go to the end whatever the offset (O_APPEND); one reader leaves none of them a reason to
care. Where ``os.pread`` is missing (Windows) ``read_at`` reads by seek and read, the same bytes."""

from __future__ import annotations

import os

import pytest
from journal_helpers import says_csv

from engine.corrections import Journal
from engine.load import load_dataset


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def test_the_held_descriptors_offset_stays_where_it_was(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        journal.record("keep", 1, issue_type="label")
        held, fd = path.read_bytes(), journal._file._fd
        os.lseek(fd, 7, os.SEEK_SET)
        assert journal._file.read_held()[0] == held
        assert os.lseek(fd, 0, os.SEEK_CUR) == 7
        path.unlink()  # deleted under the app: its bytes are saved from the held descriptor
        saved = journal.rescue().saved_in
        assert saved is not None and saved.read_bytes() == held
        assert os.lseek(fd, 0, os.SEEK_CUR) == 7


@pytest.mark.parametrize("positional", [True, False])
def test_read_at_reads_the_same_bytes_with_or_without_pread(tmp_path, monkeypatch, positional) -> None:
    from engine.journal_rescue import read_at

    path = tmp_path / "f"
    body = bytes(range(256)) * 9000  # over one 1 MiB chunk
    path.write_bytes(body)
    if not positional:
        monkeypatch.delattr(os, "pread")
    fd = os.open(path, os.O_RDONLY)
    try:
        assert read_at(fd, 0) == body
        assert read_at(fd, 5, 10) == body[5:15]
        assert read_at(fd, len(body) - 3, 10) == body[-3:]  # fewer only at the end
        assert read_at(fd, 1_500_000, 700_000) == body[1_500_000:2_200_000]
    finally:
        os.close(fd)
