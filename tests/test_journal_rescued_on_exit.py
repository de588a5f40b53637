"""A journal replaced under the running app by an older copy, or removed, while the file the app held was deleted: the
session's decisions lived only in the app's open descriptor of the deleted file and were lost at exit; the exit line
said so (30154b0) but nothing saved them. Now the held file's bytes, read through that descriptor, are saved to a new
file beside the journal (``<stem>.recovered-<UTC time>.jsonl``, never over an existing file), the exit line names it,
and a refused append names it too. A file still linked elsewhere (moved, a hard-link backup) is not copied."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest
from journal_helpers import journal_state as state, says_csv

import engine.journal_rescue as journal_rescue
from engine.corrections import Journal
from engine.load import load_dataset
from tui.decisions import DecisionBook

RESCUE = re.compile(r"j\.recovered-\d{8}T\d{6}Z(-\d+)?\.jsonl")


@pytest.fixture
def data(tmp_path):
    return load_dataset(says_csv(tmp_path / "d.csv", rows=12))


def older_copy_over(path: Path, old: bytes) -> None:
    """``cp`` of an older journal renamed over it: the file the app held loses its only name."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(old)
    os.replace(tmp, path)


def rescues(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if RESCUE.fullmatch(p.name))


def _book(path: Path, data) -> DecisionBook:
    book, _ = DecisionBook.open(path, data)
    assert not book.read_only
    assert book.record("exclude", 0, None, "label", None).error is None
    return book


def _shown(book: DecisionBook) -> tuple[list, list]:
    return book.codes.tolist(), book.labels.tolist()


def test_older_copy_over_a_deleted_journal_the_session_is_saved_beside_it(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    old = path.read_bytes()
    assert book.record("relabel", 1, 1, "label", None).error is None
    assert book.record("keep", 2, None, "label", None).error is None
    held, shown = path.read_bytes(), _shown(book)
    older_copy_over(path, old)
    book.close()
    line = book.farewell(path)
    [saved] = rescues(tmp_path)
    assert saved.parent == path.parent and saved.read_bytes() == held
    assert path.read_bytes() == old  # the copy at the path is left as it is
    assert ("some of the 3 decisions saved this session are NOT in it (the file that held them was deleted); "
            f"they are saved in {saved}: open or export it with --journal {saved}") in line, line
    again, _ = DecisionBook.open(saved, data)  # the rescue file replays to the state the app showed
    try:
        assert not again.read_only and _shown(again) == shown
        assert int(np.count_nonzero(again.codes)) == 3
    finally:
        again.close()


def test_a_deleted_journal_is_saved_at_exit_and_replays_to_the_same_state(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        journal.record("relabel", 1, label_after="b", issue_type="label")
        journal.undo()
        journal.record("keep", 3, issue_type="label")
        shown = state(journal)
        os.unlink(path)
        at = journal.rescue()
    assert at.kind == "none" and at.deleted and at.saved_in is not None
    assert rescues(tmp_path) == [at.saved_in] and not path.exists()
    with Journal.open(at.saved_in, data) as again:
        ignored = {"report": None, "stacks": None}  # (replay's own stacks: a live writer has none)
        assert {**state(again), **ignored} == {**shown, **ignored}


def test_a_refused_append_saves_them_once_and_names_the_file(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    held = path.read_bytes()
    os.unlink(path)
    refused = book.record("exclude", 1, None, "label", None).error
    [saved] = rescues(tmp_path)
    assert refused and "NOT saved" in refused and f"are saved in {saved}" in refused, refused
    assert book.record("exclude", 2, None, "label", None).error  # refused again: no second copy
    book.close()
    assert rescues(tmp_path) == [saved] and saved.read_bytes() == held
    assert f"it is saved in {saved}" in book.farewell(path)


def test_a_rescue_never_overwrites_a_file(data, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(journal_rescue, "_utc_stamp", lambda: "20261206T230000Z")
    taken = tmp_path / "j.recovered-20261206T230000Z.jsonl"
    taken.write_bytes(b"someone's file\n")
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    held = path.read_bytes()
    os.unlink(path)
    book.close()
    assert taken.read_bytes() == b"someone's file\n"
    saved = tmp_path / "j.recovered-20261206T230000Z-2.jsonl"
    assert saved.read_bytes() == held and f"saved in {saved}" in book.farewell(path)


def test_a_moved_journal_is_not_copied(data, tmp_path) -> None:
    """A name still holds the file (``mv``): the line says a moved file holds them; nothing is duplicated."""
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    os.rename(path, tmp_path / "elsewhere.jsonl")
    book.close()
    line = book.farewell(path)
    assert "(a moved file holds it)" in line and "saved in" not in line, line
    assert rescues(tmp_path) == []


def test_an_older_copy_over_a_journal_with_a_hard_link_backup_is_not_copied(data, tmp_path) -> None:
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    old = path.read_bytes()
    assert book.record("exclude", 1, None, "label", None).error is None
    os.link(path, tmp_path / "j.bak")
    older_copy_over(path, old)
    book.close()
    line = book.farewell(path)
    assert "NOT in it (a moved file holds them)" in line and "saved in" not in line, line
    assert rescues(tmp_path) == []


def test_a_journal_deleted_with_nothing_written_this_session_is_saved_too(data, tmp_path) -> None:
    """A journal this session never wrote to is rescued as well (lead's decision, s37; it was left, as 'an ``rm`` of
    it is the user's'): a sync tool's delete looks the same, and the app's descriptor may hold the last copy. An
    empty journal (nothing decided yet) leaves no file."""
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
    held = path.read_bytes()
    book, _ = DecisionBook.open(path, data)
    os.unlink(path)
    book.close()
    [saved] = rescues(tmp_path)
    assert saved.read_bytes() == held
    line = book.farewell(path)
    assert ("no decision had been saved this session before that; the decisions it held are saved in "
            f"{saved}: open or export it with --journal {saved}") in line, line
    empty = tmp_path / "new" / "j.jsonl"
    empty.parent.mkdir()
    book, _ = DecisionBook.open(empty, data)
    os.unlink(empty)
    book.close()
    assert rescues(empty.parent) == [] and "saved in" not in book.farewell(empty)


def test_a_rescue_that_fails_says_so(data, tmp_path, monkeypatch) -> None:
    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_rescue, "_save_copy", full)
    path = tmp_path / "j.jsonl"
    book = _book(path, data)
    os.unlink(path)
    book.close()
    line = book.farewell(path)
    assert "NOT in it (the file that held it was deleted); it could NOT be saved beside the journal: No space left" in line
    assert rescues(tmp_path) == []


def test_a_journal_deleted_with_its_folder_is_saved_in_the_rescue_folder(data, tmp_path, monkeypatch) -> None:
    """review33b: the rescue was only ever written beside the journal; with its folder deleted too
    (``rm -r`` of a project folder under the running app) the session's decisions were lost."""
    import shutil

    rescue = tmp_path / "recovered"
    monkeypatch.setenv("TEXTAUDIT_RESCUE_DIR", str(rescue))
    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        journal.record("relabel", 1, label_after="b", issue_type="label")
        shown, held = state(journal), path.read_bytes()
        shutil.rmtree(folder)
        at = journal.rescue()
    assert at.kind == "none" and at.deleted and at.saved_in is not None, at
    assert rescues(rescue) == [at.saved_in] and at.saved_in.read_bytes() == held
    with Journal.open(at.saved_in, data) as again:
        ignored = {"report": None, "stacks": None}  # (replay's own stacks: a live writer has none)
        assert {**state(again), **ignored} == {**shown, **ignored}
    folder.mkdir()
    book = _book(folder / "k.jsonl", data)  # the app's exit line names the rescue folder's file
    shutil.rmtree(folder)
    book.close()
    line = book.farewell(folder / "k.jsonl")
    saved = [p for p in rescue.iterdir() if p.name.startswith("k.recovered-")]
    assert len(saved) == 1 and f"it is saved in {saved[0]}: open or export it with --journal" in line, line


def test_a_rescue_that_fails_in_both_folders_says_both(data, tmp_path, monkeypatch) -> None:
    rescue = tmp_path / "file-not-folder"
    rescue.write_text("in the way\n")
    monkeypatch.setenv("TEXTAUDIT_RESCUE_DIR", str(rescue))
    import shutil

    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / "j.jsonl"
    book = _book(path, data)
    shutil.rmtree(folder)
    book.close()
    line = book.farewell(path)
    assert f"it could NOT be saved beside the journal: No such file or directory; nor in {rescue}:" in line, line


def test_a_rescue_keeps_the_journals_mode(data, tmp_path) -> None:
    """review33b: the rescue was created 0644 whatever the journal's mode (it names the data and its labels)."""
    path = tmp_path / "j.jsonl"
    with Journal.open(path, data) as journal:
        journal.record("exclude", 0, issue_type="label")
        os.chmod(path, 0o600)
        os.unlink(path)
        at = journal.rescue()
    assert at.saved_in is not None and (os.stat(at.saved_in).st_mode & 0o777) == 0o600
