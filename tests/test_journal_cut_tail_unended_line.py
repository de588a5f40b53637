"""A cut group's whole lines are counted as the replay frames them: a last entry without its newline (an editor's
save that ends no file in one) is a whole line. e5d297e counted the tail's newlines, so a hand-cut group of two
whole lines, the second unended, was saved whole and said 'its 1 whole line is saved' (journal40's 'left'); a lone
whole entry without its newline was counted 0 and cut without a copy."""

from __future__ import annotations

import pytest
from journal_helpers import says_csv
from test_journal_cut_tail_saved import _journal_with_a_group, cut_files

from engine.corrections import Journal
from engine.load import load_dataset


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


@pytest.mark.parametrize("kept", [2, 1])
def test_an_unended_last_line_is_counted_and_saved(data, tmp_path, kept) -> None:
    path = tmp_path / "j.jsonl"
    lines = _journal_with_a_group(path, data)
    tail = b"".join(lines[1:1 + kept]).removesuffix(b"\n")  # the group's last line kept has no newline
    path.write_bytes(lines[0] + tail)
    with Journal.open(path, data) as journal:
        saved = cut_files(tmp_path)
        assert len(saved) == 1 and saved[0].read_bytes() == tail
        words = "2 whole lines are" if kept == 2 else "1 whole line is"
        assert journal.load_report == [
            f"ignored an incomplete last decision group ({kept} line{'s' if kept == 2 else ''}); removed it so the "
            f"next decision starts on a fresh line; its {words} saved in {saved[0]}"]
        assert path.read_bytes() == lines[0]
