"""A writable open cuts a journal's torn tail off so the next decision starts on a fresh line; whole lines in that tail
(a group whose last line a user deleted by hand) are user data: saved to ``<stem>.cut-<UTC time>.jsonl`` beside the
journal first and named in the load report, or, where they cannot be saved, left in the journal (hostile40's 'Left'
item 2, journal40). A write cut short (a partial line, never acknowledged) is cut without a copy, as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from journal_helpers import says_csv

import engine.journal_rescue as journal_rescue
from engine.corrections import Journal
from engine.load import load_dataset

CUT = re.compile(r"j\.cut-\d{8}T\d{6}Z(-\d+)?\.jsonl")


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def cut_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if CUT.fullmatch(p.name))


def _journal_with_a_group(path: Path, data) -> list[bytes]:
    """A keep, then a group of three exclusions: the journal's four lines."""
    with Journal.open(path, data) as journal:
        journal.record("keep", 0, issue_type="label")
        journal.record_group([("exclude", 1, None), ("exclude", 2, None), ("exclude", 3, None)],
                             issue_type="near_duplicate")
    return path.read_bytes().splitlines(keepends=True)


def test_a_hand_edited_group_s_whole_lines_are_saved_before_the_cut(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    lines = _journal_with_a_group(path, data)
    path.write_bytes(b"".join(lines[:3]))  # the user deleted the group's last line: two whole lines left

    with Journal.open(path, data, read_only=True) as reader:  # a reader changes nothing, saves nothing
        assert reader.decisions().keys() == {0}
    assert path.read_bytes() == b"".join(lines[:3]) and cut_files(tmp_path) == []

    with Journal.open(path, data) as journal:
        assert journal.decisions().keys() == {0}
        saved = cut_files(tmp_path)
        assert len(saved) == 1 and saved[0].read_bytes() == b"".join(lines[1:3])  # the lines cut, kept on disk
        assert journal.load_report == [
            "ignored an incomplete last decision group (2 lines); removed it so the next decision starts on a "
            f"fresh line; its 2 whole lines are saved in {saved[0]}"]
        assert path.read_bytes() == lines[0]
        journal.record("keep", 5, issue_type="label")
    with Journal.open(path, data) as journal:
        assert journal.load_report == [] and journal.decisions().keys() == {0, 5}


def test_a_torn_partial_line_is_cut_and_nothing_saved(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    lines = _journal_with_a_group(path, data)
    intact = b"".join(lines)
    path.write_bytes(intact + lines[-1][:30])  # a write cut off mid-line by a crash

    with Journal.open(path, data) as journal:
        assert journal.load_report == ["ignored a torn last line (30 bytes without a newline: a write cut off by a "
                                       "crash); removed it so the next decision starts on a fresh line"]
        assert path.read_bytes() == intact
    assert cut_files(tmp_path) == []


def test_whole_lines_that_cannot_be_saved_stay_in_the_journal(data, tmp_path, monkeypatch) -> None:
    def refused(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(journal_rescue, "_save_copy", refused)  # beside the journal and in the rescue folder
    path = tmp_path / "j.jsonl"
    lines = _journal_with_a_group(path, data)
    left = b"".join(lines[:3])
    path.write_bytes(left)

    with Journal.open(path, data) as journal:
        [line] = journal.load_report
        assert line.startswith("ignored an incomplete last decision group (2 lines); kept it (its 2 whole lines "
                               "could not be saved beside it first: Permission denied; nor in ")
        assert line.endswith(": Permission denied), so the next decision starts on a fresh line after it")
        assert path.read_bytes() == left  # not cut
        journal.record("keep", 5, issue_type="label")
    assert path.read_bytes().startswith(left) and cut_files(tmp_path) == []
    with Journal.open(path, data) as journal:  # the kept lines are an incomplete group now, skipped as said
        assert journal.decisions().keys() == {0, 5}
        assert journal.load_report == ["skipped 1 incomplete decision group"]


@pytest.mark.parametrize("saved", [True, False])
def test_a_handover_saves_the_quitting_writer_s_whole_lines_or_keeps_them(data, tmp_path, monkeypatch, saved) -> None:
    path = tmp_path / "j.jsonl"
    writer = Journal.open(path, data)
    writer.record("keep", 0, issue_type="label")
    reader = Journal.open(path, data, read_only=True)
    writer.record_group([("exclude", 1, None), ("exclude", 2, None), ("exclude", 3, None)], issue_type="near_duplicate")
    writer.close()
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:3]))  # the group's last line deleted by hand
    if not saved:
        def full(*_args):
            raise OSError(28, "No space")

        monkeypatch.setattr(journal_rescue, "_save_copy", full)
    handover = reader.hand_over()
    assert reader.apply_tail(handover.tail) and reader.take_over(handover)
    [line] = reader.load_report
    if saved:
        [cut] = cut_files(tmp_path)
        assert cut.read_bytes() == b"".join(lines[1:3]) and path.read_bytes() == lines[0]
        assert line.endswith(f"removed it so the next decision starts on a fresh line; its 2 whole lines are saved "
                             f"in {cut}")
    else:
        assert cut_files(tmp_path) == [] and path.read_bytes() == b"".join(lines[:3])
        assert "; kept it (its 2 whole lines could not be saved beside it first: No space" in line
    reader.record("keep", 5, issue_type="label")
    reader.close()
    with Journal.open(path, data) as reopened:
        assert reopened.decisions().keys() == {0, 5}
