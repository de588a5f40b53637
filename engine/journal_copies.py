"""Which of several identical rows a journal line meant, on data other than the file it was made on.

Rows alike in text and other columns (``row_hash``) are told apart by nothing but their place. On the
file a decision was made on, the line's stored position names the copy. Elsewhere (the export made with
the journal, whose dropped rows moved the copies up; the file renamed or moved) the position named
another copy as readily as the decided one: journal27's fuzzer found the export of the export relabelling
a second copy (seeds 138, 196, 2292, 2301, 2308, 2726), journal28's 13 of 400 seeds. Lines written since
session 28 record ``copy_index``, which of the ``text_copies`` identical rows the decided one was, counted
from 0 in file order, and ``data_version``, the row count and a hash of the file's texts in order (lines
of one version name rows by the same positions). Replay on other data takes, for a relabel, the copy of that
index only

* for a line of the version that the journal's last line on its file was made on (a line made before the
  file was re-sorted, or rows added or deleted, names no copy elsewhere, not even the one copy left);
* where the data is that version renamed (its own data_version is it) with as many copies as the line
  counted, the copy of the index being at the line's position;
* or where the data is the export made from it (as many rows fewer as the journal's lines in effect
  exclude on it, and each line's row they leave in holds its text at its position less the rows they
  exclude above it) with as many fewer copies as the journal excludes, the copy of the index less the
  excluded ones before it being at that place; there the relabel is applied already (the copy holds its
  label: said, not applied again), or the copy still holds the label the relabel was made on and it is
  refused: the export was made where the relabel did not apply, or the data only has the export's shape
  (journal29: seeds 2390, 2642 of --final-edit, rows deleted after the last session, the file's relabel
  taken by its position on another copy; applied again, one relabel gave two copies its label).

Elsewhere it is refused and said (``ReplayProblems.copy_unknown``), not guessed. With an id column too: identical
rows share their id, which tells them apart no more than their text (journal29). The one copy left (a
dedup), a decided copy the journal itself excludes (the export lacks it), exclusions and keeps, and lines
without ``copy_index`` (journals written before) are matched as before (engine/journal_replay.py):
an exclusion of one of several copies left is refused on other data, since the export can hold the very
rows of the file it was made on (seed 364 of --final-edit: a copy added after the last session and one
excluded by it), and there excluding the copy loses a row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from engine.journal_state import history_index

#: The identical rows a line's ``copy_index`` counts among: its data, its version, text, other columns and count.
CopyKey = tuple[str, str, str, Any, int]


class CopyChoice(NamedTuple):
    """``CopyBook.choose``'s answer: ``row`` the copy the line meant (None: unknown), ``guess`` the copy at the
    line's index here (where an earlier decision it replaced may have gone), ``known`` False where the line
    is not one this rule decides (the old rules then)."""

    row: int | None
    guess: int | None
    known: bool = True


NOT_MINE = CopyChoice(None, None, False)
#: How many lines of a version, besides those on copies, are kept to tell that version's rows (CopyBook.shape).
_SEEN = 4096


def copy_key(entry: dict[str, Any]) -> CopyKey | None:
    """The line's identical rows (where it records which of them it is), else None."""
    copies, index, made_on, version = (entry.get("text_copies"), entry.get("copy_index"), entry.get("data"),
                                       entry.get("data_version"))
    if (type(copies) is not int or type(index) is not int or copies < 2 or not 0 <= index < copies
            or not isinstance(made_on, str) or not isinstance(version, str)):
        return None
    return (made_on, version, entry["text_sha256"], entry.get("row_hash"), copies)


class CopyBook:
    """What replay on other data reads from the journal's own lines: the version of each file its last line was
    made on; the rows that its lines in effect made on a version exclude (the rows the export made from it
    lacks) and the identical copies among them; and each version's rows as its lines saw them (the text at a
    line's row), by which the data is told to be that version renamed or the export made from it."""

    def __init__(self) -> None:
        self.latest: dict[str, str] = {}  # data name -> data_version of the journal's last line made on it
        self.rows: dict[tuple[str, str], np.ndarray] = {}  # (data, version) -> excluded rows, sorted
        self.copies: dict[CopyKey, set[int]] = {}  # excluded copies' copy_index, by copy_key
        self.seen: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}  # the lines' rows and text hashes
        self._shapes: dict[tuple[str, str], tuple[bool, bool]] = {}  # (renamed, export): see ``shape``
        self.counted: dict[tuple[str, str, Any], int] = {}  # (data, text, row_hash) -> most copies a line counted

    def add(self, lines: list[dict[str, Any]], effect: Any = None) -> None:
        """Read ``lines`` (the file's, then a tail's: its exclusions added to those before, as the rows are
        in ``RowMatcher.excluded``); ``effect``: their ``excluded_in_effect``, where the caller has it."""
        for entry in lines:
            if isinstance(version := entry.get("data_version"), str) and isinstance(made_on := entry.get("data"), str):
                self.latest[made_on] = version
        if not any("copy_index" in entry for entry in lines):  # nothing to choose: no lines' rows kept (a
            return  # million-row bulk decision's lines are not read twice)
        self._shapes.clear()
        stride = max(1, len(lines) // _SEEN)  # the lines on copies, and others spread over the file
        seen: dict[tuple[str, str], dict[int, int]] = {}
        for number, entry in enumerate(lines):
            if "copy_index" in entry and isinstance(made_on := entry.get("data"), str):
                key = (made_on, entry["text_sha256"], entry.get("row_hash"))
                self.counted[key] = max(self.counted.get(key, 0), entry["text_copies"])
            if "copy_index" in entry or number % stride == 0:
                made_on, version = entry.get("data"), entry.get("data_version")
                if isinstance(made_on, str) and isinstance(version, str) and type(entry["row"]) is int:
                    seen.setdefault((made_on, version), {})[entry["row"]] = _short(entry["text_sha256"])
        for name, found in seen.items():
            rows, hashes = self.seen.get(name, (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)))
            self.seen[name] = (np.concatenate([rows, np.fromiter(found, dtype=np.int64, count=len(found))]),
                               np.concatenate([hashes, np.fromiter(found.values(), dtype=np.int64, count=len(found))]))
        _, by_version, copies = excluded_in_effect(lines) if effect is None else effect
        for name, found in by_version.items():
            self.rows[name] = np.union1d(self.rows.get(name, np.empty(0, dtype=np.int64)), found)
        for key, copied in copies.items():
            self.copies[key] = self.copies.get(key, set()) | copied

    def shape(self, name: tuple[str, str], text_hash: Callable[[int], str], n_rows: int,
              version: Callable[[], str]) -> tuple[bool, bool]:
        """Whether the data is that version (``name``: data, data_version) renamed (``version``, this data's
        data_version, is it: the same texts in the same order) and whether it is the export made from it (as
        many rows fewer as the lines leave excluded, and every row the lines leave in holds the text they
        recorded at its place less the rows excluded above it). Seed 364 (--final-edit): a copy added after
        the last session and one excluded by it left the kept lines' rows in place: counted alone, such an
        export read as the file renamed, and the export of the export dropped a row."""
        found = self._shapes.get(name)
        if found is None:
            rows, hashes = self.seen.get(name, (np.empty(0, dtype=np.int64),) * 2)
            gone = self.rows.get(name, np.empty(0, dtype=np.int64))
            renamed = version() == name[1]
            head = name[1].partition("-")[0]
            kept = ~np.isin(rows, gone)
            moved = rows[kept] - np.searchsorted(gone, rows[kept])
            export = (head.isdigit() and n_rows == int(head) - len(gone)
                      and all(row < n_rows and _short(text_hash(row)) == digest
                              for row, digest in zip(moved.tolist(), hashes[kept].tolist())))
            found = self._shapes[name] = (renamed, export)
        return found

    def choose(self, entry: dict[str, Any], rows: list[int], text_hash: Callable[[int], str],
               n_rows: int, version: Callable[[], str], label: Callable[[int], str], *,
               any_action: bool = False) -> CopyChoice:
        """The copy of ``rows`` (this data's rows with the line's text and other columns, in file order) that the
        line meant, by ``copy_index`` (module docstring): only for a line of the version of its file that the
        journal's last line on it was made on, on data that is that version renamed (as many copies as the
        line counted; the copy of its index at its position) or the export made from it (as many fewer as the
        journal's exclusions of them; that copy less the excluded ones before it, at its position less the rows
        excluded above it, and not holding the label the relabel found: on the export the relabel is applied
        already, or was not applied when the export was made, and does not apply now). ``text_hash``: this
        data's row's text hash; ``version``: its data_version; ``label``: its row's label as lines record it."""
        key = copy_key(entry)
        if key is None or entry["action"] != "relabel" and not any_action:
            # an exclusion or keep: the rules before (refused where several copies are left: its export can hold
            # the very rows of the file it was made on, a copy added after the last session and one excluded by
            # it, and excluding the copy there loses a row), save to name the row whose earlier decision it
            # replaced (``any_action``; seed 140 of --final-edit: a relabel replaced by a keep resurfaced)
            return NOT_MINE
        index, copies, stored = entry["copy_index"], key[4], entry["row"]
        guess = rows[index] if index < len(rows) else None
        gone = self.copies.get(key, set())
        if self.latest.get(key[0]) != key[1]:  # made before the file changed: its place names no copy now, nor
            return NOT_MINE if not rows else CopyChoice(None, guess)  # is the one copy left its copy
        renamed, export = self.shape(key[:2], text_hash, n_rows, version)
        if renamed and len(rows) == copies and guess == stored:
            return CopyChoice(guess, guess)
        if index in gone:  # the journal excludes the decided copy: not in its export (the rules before: a
            return NOT_MINE  # replaced decision, blocked by the exclusion's refused line)
        if export and len(rows) == copies - len(gone):
            found = rows[index - sum(other < index for other in gone)]
            if found == stored - int(np.searchsorted(self.rows.get(key[:2], ()), stored)):
                if entry["action"] == "relabel" and label(found) == entry.get("label_before"):
                    # the copy there holds the label the relabel was made on: the export was made where the
                    # relabel did not apply (refused on the file, or replaced), or the data only has the export's
                    # shape (seeds 2390, 2642 of journal28's --final-edit: rows deleted or a text edited after
                    # the last session, the file's relabel taken by position on another identical copy, so the
                    # decided copy kept its label there; relabelled again here, two copies took one relabel)
                    return CopyChoice(None, found)
                return CopyChoice(found, found)
        if len(rows) <= 1:  # none left, or the one copy left: the rules before (a dedup, a text edited)
            return NOT_MINE
        return CopyChoice(None, guess)


def texts_version(dataset: Any) -> str:
    """A file's ``data_version``: its row count and a hash of its texts in order and its labels (an export with
    a relabel applied is not the file renamed, even with the same texts)."""
    import hashlib

    digest = hashlib.blake2b("\x00".join(dataset.texts).encode("utf-8", "surrogatepass"), digest_size=6)
    labels = getattr(dataset, "labels", None)
    if isinstance(labels, np.ndarray):
        digest.update(np.ascontiguousarray(labels, dtype=np.int64).tobytes())
        digest.update("\x00".join(map(str, dataset.class_names)).encode("utf-8", "surrogatepass"))
    return f"{len(dataset.texts)}-{digest.hexdigest()}"


def _short(digest: str) -> int:
    """A text hash's first 60 bits, as the lines' rows are kept (``CopyBook.seen``); -1, which no text's is, for
    a line's ``text_sha256`` edited by hand into something not hexadecimal (it ended the open in exit 70)."""
    try:
        return int(digest[:15], 16)
    except ValueError:
        return -1


def excluded_in_effect(lines: list[dict[str, Any]]) -> tuple[dict[str, np.ndarray], dict[tuple[str, str], np.ndarray],
                                                             dict[CopyKey, set[int]]]:
    """The rows (as the lines name them) that ``lines`` leave excluded, by the data they were made on, and by the
    data and its version (``data_version``), and the identical copies among them (``copy_index`` by ``copy_key``):
    the newest group in effect on a row decides it (``groups_in_effect``)."""
    by_name: dict[str, set[int]] = {}
    by_version: dict[tuple[str, str], set[int]] = {}
    copies: dict[CopyKey, set[int]] = {}
    if any(entry["action"] == "exclude" for entry in lines):
        versions = any("copy_index" in entry for entry in lines)  # else only by data (CopyBook reads none)
        for group in groups_in_effect(lines):
            for entry in group:
                made_on, row = entry.get("data"), entry["row"]
                if not isinstance(made_on, str) or not isinstance(row, int):
                    continue
                add = entry["action"] == "exclude"
                found = by_name.get(made_on)
                if found is None:
                    found = by_name[made_on] = set()
                (found.add if add else found.discard)(row)
                if versions and isinstance(version := entry.get("data_version"), str):
                    found = by_version.get((made_on, version))
                    if found is None:
                        found = by_version[(made_on, version)] = set()
                    (found.add if add else found.discard)(row)
                    if "copy_index" in entry and (key := copy_key(entry)) is not None:
                        found = copies.get(key)
                        if found is None:
                            found = copies[key] = set()
                        (found.add if add else found.discard)(entry["copy_index"])
    return ({name: _array(rows) for name, rows in by_name.items() if rows},
            {name: _array(rows) for name, rows in by_version.items() if rows},
            {key: found for key, found in copies.items() if found})


def _array(rows: set[int]) -> np.ndarray:
    return np.array(sorted(rows), dtype=np.int64)


def groups_in_effect(lines: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The decision groups of ``lines`` that their own undo/redo lines leave in effect, oldest first (each
    undo or redo line steps by ``history_index``, the rule replay on the data steps by, here on the lines'
    own rows, matched to no data)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    done: list[Any] = []
    undone: list[Any] = []
    for entry in lines:
        if entry["action"] in ("undo", "redo"):
            source, target = (done, undone) if entry["action"] == "undo" else (undone, done)
            # which groups applied to no row where the line was written is not known here: any may be passed
            index = history_index(source, entry.get("target"), _same, _any)
            if index is not None:
                del source[index + 1:]
                target.append(source.pop())
        elif entry["group"] in groups:
            groups[entry["group"]].append(entry)
        else:
            groups[entry["group"]] = [entry]
            done.append(entry["group"])
            undone.clear()
    return [groups[group] for group in done]


def _same(group: Any) -> Any:
    return group


def _any(group: Any) -> bool:
    return True
