"""A journal replaced by a copy while the app writes it (``cp J J.tmp && mv J.tmp J``: editors, ``sed -i`` and sync
tools save files so). The exit line said 'the 1 decision saved this session before that is NOT in it (a moved file
holds it)' though the file at the path held it (review33), and the moved file was deleted. Now a byte-for-byte copy
is adopted by the next append (the state shown is exactly its replay), and the exit line says what the file at the
path holds: all of the session's decisions, part of them (an older copy), or none, and whether the file that held
them was deleted. A copy that differs in any byte is never written to."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from journal_helpers import journal_state as state, says_csv

from engine.corrections import Journal, JournalWriteError
from engine.load import load_dataset
from tui.decisions import DecisionBook


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def replace_by_copy(path: Path, edit=None) -> None:
    """``cp path path.tmp && mv path.tmp path``, ``edit`` applied to the copy's bytes first."""
    tmp = path.with_name(path.name + ".tmp")
    shutil.copyfile(path, tmp)
    if edit is not None:
        tmp.write_bytes(edit(tmp.read_bytes()))
    os.replace(tmp, path)


def fresh(path: Path, data) -> dict:
    copy = path.parent / "fresh" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    with Journal.open(copy, data) as journal:
        return state(journal)


def test_an_identical_copy_renamed_over_the_journal_is_written_to(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        replace_by_copy(path)
        journal.record("relabel", 1, label_after="b", issue_type="label")  # refused before: 'moved or replaced'
        assert journal.still_at_path()
        journal.undo()
        journal.record("keep", 2, issue_type="label")
        shown = state(journal)
    ignored = {"report": None, "stacks": None}  # (replay's own stacks: a live writer has none)
    assert {**fresh(path, data), **ignored} == {**shown, **ignored}
    assert [line.count(b'"seq"') for line in path.read_bytes().splitlines()] == [1] * 4


def test_an_identical_copy_beside_a_kept_original_takes_the_writes_and_the_original_stays(data, tmp_path) -> None:
    """``mv J J.bak && cp J.bak J``: the path is the journal; the backup is left as it was."""
    path, backup = tmp_path / "j.jsonl", tmp_path / "j.bak"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        os.rename(path, backup)
        shutil.copyfile(backup, path)
        before = backup.read_bytes()
        journal.record("exclude", 3, issue_type="label")
    assert backup.read_bytes() == before
    assert path.read_bytes().startswith(before) and path.read_bytes().count(b"\n") == 2


@pytest.mark.parametrize("edit", [
    lambda b: b[:-1] + b" \n",  # one byte differs
    lambda b: b + b"\n",  # longer: an empty line added
    lambda b: b"",  # emptied
])
def test_a_copy_that_differs_in_any_byte_is_not_written_to(data, tmp_path, edit) -> None:
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        replace_by_copy(path, edit)
        there = path.read_bytes()
        with pytest.raises(JournalWriteError, match="moved or replaced"):
            journal.record("exclude", 1, issue_type="label")
        assert set(journal.decisions()) == {0}
    assert path.read_bytes() == there


def test_an_identical_copy_another_writer_holds_is_not_adopted(data, tmp_path) -> None:
    """The path made a hard link of another journal, identical, that another writer holds: refused, as a
    second writer on a hard link is."""
    path, other = tmp_path / "j.jsonl", tmp_path / "k.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        shutil.copyfile(path, other)
        with Journal.open(other, data) as holder:
            os.link(other, tmp_path / "k.link")
            os.replace(tmp_path / "k.link", path)
            with pytest.raises(JournalWriteError, match="moved or replaced"):
                journal.record("exclude", 1, issue_type="label")
            holder.record("keep", 2, issue_type="label")
    assert path.read_bytes().count(b"\n") == 2  # the holder's keep, not this writer's exclude


def _book(path: Path, data) -> DecisionBook:
    book, _ = DecisionBook.open(path, data)
    assert not book.read_only
    assert book.record("exclude", 0, None, "label", None).error is None
    return book


def test_exit_line_after_a_copy_replaced_the_journal_says_the_decisions_are_in_it(data, tmp_path) -> None:
    """review33's repro: x, the copy renamed over, x (refused then), q."""
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    replace_by_copy(path)
    assert book.record("exclude", 1, None, "label", None).error is None
    book.close()
    line = book.farewell(path)
    assert "NOT" not in line and line.startswith("textaudit: saved 2 decisions this session; 2 rows decided"), line
    assert path.read_bytes().count(b"\n") == 2


def test_exit_line_after_a_copy_with_no_decision_since(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    replace_by_copy(path)
    book.close()
    line = book.farewell(path)
    assert "NOT" not in line and "saved 1 decision this session" in line, line


def test_exit_line_for_a_longer_copy(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    replace_by_copy(path, lambda b: b + b"\n")
    book.close()
    line = book.farewell(path)
    assert "NOT" not in line and "saved 1 decision this session" in line and "did not write" in line, line


def test_exit_line_for_an_older_copy_says_part_is_missing_and_the_holder_deleted(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    old = path.read_bytes()
    assert book.record("exclude", 1, None, "label", None).error is None
    replace_by_copy(path, lambda _: old)  # a copy taken before the second decision
    book.close()
    line = book.farewell(path)
    assert "older copy: some of the 2 decisions saved this session are NOT in it" in line, line
    assert "the file that held them was deleted" in line


@pytest.mark.parametrize("how", ["deleted", "moved", "other"])
def test_exit_line_when_the_path_holds_none_of_them(data, tmp_path, how) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    if how == "deleted":
        path.unlink()
    elif how == "moved":
        path.rename(tmp_path / "moved.jsonl")
    else:
        replace_by_copy(path, lambda _: b"")
    book.close()
    line = book.farewell(path)
    assert "the 1 decision saved this session before that is NOT in it" in line, line
    held = "a moved file holds it" if how == "moved" else "the file that held it was deleted"
    assert held in line, line


def test_without_pread_a_copy_is_compared_by_seek_and_read(data, tmp_path, monkeypatch) -> None:
    """Where bytes cannot be read by position (no os.pread: Windows) they are read by seek and read
    (``journal_rescue.read_at``, as the rescue copy reads them): no AttributeError, the copy adopted (30154b0
    refused it there: the compare read nothing)."""
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    replace_by_copy(path)
    monkeypatch.delattr(os, "pread")
    assert book.record("exclude", 1, None, "label", None).error is None
    book.close()
    assert "saved 2 decisions this session" in book.farewell(path)
    assert path.read_bytes().count(b'"exclude"') == 2


def test_exit_line_when_nothing_was_saved_before_the_journal_went(data, tmp_path) -> None:
    """journal34: a writer that never wrote said 'the 0 decisions ... are NOT in it (a moved file holds them)'."""
    path = tmp_path / "j.jsonl"
    book, _ = DecisionBook.open(path, data)
    assert not book.read_only
    path.rename(tmp_path / "moved.jsonl")
    book.close()
    line = book.farewell(path)
    assert "no decision had been saved this session" in line and "NOT" not in line and "0 decisions" not in line, line
