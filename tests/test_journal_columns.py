"""The columnar journal state and bulk path (issue 13 speed): same decisions, undo and bytes as
per-row bookkeeping, checked against a plain per-row stack model over random histories."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import UsageError
from engine.journal_format import ACTIONS
from engine.load import load_dataset
from tui.decisions import EXCLUDE, KEEP, NONE, RELABEL, Bulk, DecisionBook

LABELS = ["a", "b", "c"]


def _dataset(n: int = 12):
    return load_dataset(pd.DataFrame({"text": [f"text {i}" for i in range(n)],
                                      "label": [LABELS[i % 3] for i in range(n)]}))


class Model:
    """The old semantics spelled out: a stack of decisions per row, groups undone newest first."""

    def __init__(self) -> None:
        self.stacks: dict[int, list[tuple[str, str | None]]] = {}
        self.done: list[list[tuple[int, str, str | None]]] = []
        self.undone: list[list[tuple[int, str, str | None]]] = []

    def push(self, group, *, redo: bool = False) -> None:
        for row, action, label in group:
            self.stacks.setdefault(row, []).append((action, label))
        self.done.append(group)
        if not redo:
            self.undone.clear()

    def undo(self) -> list[int]:
        if not self.done:
            return []
        group = self.done.pop()
        for row, _, _ in reversed(group):
            self.stacks[row].pop()
            if not self.stacks[row]:
                del self.stacks[row]
        self.undone.append(group)
        return [row for row, _, _ in group]

    def redo(self) -> list[int]:
        if not self.undone:
            return []
        group = self.undone.pop()
        self.push(group, redo=True)
        return [row for row, _, _ in group]

    def current(self) -> dict[int, tuple[str, str | None]]:
        return {row: stack[-1] for row, stack in self.stacks.items()}


def _state(journal: Journal) -> dict[int, tuple[str, str | None]]:
    return {row: (d.action, d.label_after) for row, d in journal.decisions().items()}


@pytest.mark.parametrize("seed", range(6))
def test_random_histories_match_the_per_row_model_and_replay(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    dataset = _dataset()
    path = tmp_path / "j.jsonl"
    model = Model()
    with Journal.open(path, dataset) as journal:
        for _ in range(40):
            step = rng.random()
            if step < 0.2:
                assert journal.undo() == model.undo()
            elif step < 0.3:
                assert journal.redo() == model.redo()
            else:
                rows = rng.sample(range(len(dataset)), rng.randint(1, 6))
                group = []
                for row in rows:
                    action = rng.choice(ACTIONS)
                    group.append((row, action, rng.choice(LABELS) if action == "relabel" else None))
                if len(group) > 1 and rng.random() < 0.5:
                    labels = sorted({label for _, _, label in group if label is not None})
                    journal.record_columns(
                        [row for row, _, _ in group], [ACTIONS.index(action) for _, action, _ in group],
                        [labels.index(label) if label is not None else -1 for _, _, label in group], labels,
                        issue_type="label")
                else:
                    journal.record_group([(action, row, label) for row, action, label in group], issue_type="label")
                # a relabel to the row's own label is a keep (the journal records it so)
                model.push([(row, "keep", None) if action == "relabel" and label == LABELS[row % 3]
                            else (row, action, label) for row, action, label in group])
            assert _state(journal) == model.current()
            assert journal.counts() == {a: sum(1 for x, _ in model.current().values() if x == a) for a in ACTIONS}
            assert journal.can_undo == bool(model.done) and journal.can_redo == bool(model.undone)
            book = DecisionBook(journal, len(dataset), list(dataset.classes))
            expected_codes = np.zeros(len(dataset), dtype=np.int8)
            expected_labels = np.full(len(dataset), -1)
            for row, (action, label) in model.current().items():
                expected_codes[row] = {"relabel": RELABEL, "exclude": EXCLUDE, "keep": KEEP}[action]
                expected_labels[row] = -1 if label is None else LABELS.index(label)
            assert book.codes.tolist() == expected_codes.tolist()
            assert book.labels.tolist() == expected_labels.tolist()
        live = _state(journal)
        top = journal._state.top("undo")
    with Journal.open(path, dataset, read_only=True) as replayed:
        assert _state(replayed) == live and replayed.load_report == []
        assert (replayed._state.top("undo").rows.tolist() if top is not None else None) == \
            (top.rows.tolist() if top is not None else None)


def test_record_columns_writes_the_bytes_of_record_group(tmp_path: Path):
    dataset = _dataset()
    entries = [("relabel", 3, "b"), ("keep", 5, None), ("exclude", 0, None), ("relabel", 7, "new")]
    written = []
    for how in ("group", "columns"):
        path = tmp_path / f"{how}.jsonl"
        with Journal.open(path, dataset) as journal:
            if how == "group":
                decisions = journal.record_group(entries, issue_type="label", suggested_label="b",
                                                 allow_new_label=True)
            else:
                group = journal.record_columns([3, 5, 0, 7], [0, 2, 1, 0], [0, -1, -1, 1], ["b", "new"],
                                               issue_type="label", suggested_label="b", allow_new_label=True)
                decisions = group.decisions
            ts = decisions[0].ts
            written.append(path.read_bytes().replace(ts.encode(), b"TS"))
            assert [(d.row, d.action, d.label_after, d.label_before) for d in decisions] == [
                (3, "relabel", "b", "a"), (5, "keep", None, "c"), (0, "exclude", None, "a"), (7, "relabel", "new", "b")]
    assert written[0] == written[1]


def test_record_columns_errors_are_the_per_row_ones_and_nothing_is_written(tmp_path: Path):
    dataset = _dataset()
    path = tmp_path / "j.jsonl"
    with Journal.open(path, dataset) as journal:
        for args, message in [
            (([0, 12], [1, 1], [-1, -1], []), "row 12 is not in the dataset"),
            (([0, 1], [1, 7], [-1, -1], []), "unknown action '7'"),
            (([0, 1], [2, 2], [0, -1], ["a"]), "keep takes no label_after"),
            (([0, 1], [0, 0], [0, 0], ["zz"]), "'zz' is not an existing class"),
            (([0, 1], [0, 0], [0, -1], ["a"]), "relabel needs a non-empty label_after"),
            (([2, 2], [1, 1], [-1, -1], []), "names the same row twice"),
            (([0.5, 1], [1, 1], [-1, -1], []), "integer arrays"),
        ]:
            with pytest.raises(UsageError, match=message):
                journal.record_columns(*args, issue_type="label")
        assert journal.decisions() == {} and not journal.can_undo
    assert path.read_bytes() == b""


def test_book_bulk_is_one_step_and_undo_restores_the_arrays_exactly(tmp_path: Path):
    dataset = _dataset(30)
    book, messages = DecisionBook.open(tmp_path / "j.jsonl", dataset)
    assert messages == []
    try:
        assert book.record_group([("exclude", 4, None)], "outlier").error is None
        assert book.record_group([("relabel", 5, 0), ("keep", 6, None)], "label", 0).error is None
        before = (book.codes.copy(), book.labels.copy(), book.groups.copy())
        relabel = [bool(r % 2 and r % 3 != 2) for r in range(3, 25)]  # r % 3 == 2: c already, a keep
        items = [("relabel", r, 2) if relabel[r - 3] else ("exclude", r, None) for r in range(3, 25)]
        prepared = book.prepare(items)
        assert isinstance(prepared, Bulk) and len(prepared) == len(items)
        outcome = book.record_group(prepared, "label", 2)
        assert outcome.error is None and outcome.rows == list(range(3, 25))
        assert book.codes[3:25].tolist() == [RELABEL if x else EXCLUDE for x in relabel]
        assert book.labels[3:25].tolist() == [2 if x else -1 for x in relabel]
        assert len(set(book.groups[3:25].tolist())) == 1
        step = book.undo_step([str(c) for c in dataset.classes])
        assert step.what == "7 relabel → c, 15 ✗ excluded"  # kinds in the order of their first row
        undone = book.undo()
        assert undone.rows == list(range(3, 25))
        for now, then in zip((book.codes, book.labels, book.groups), before):
            assert now.tolist() == then.tolist()
        assert book.codes[4] == EXCLUDE and book.codes[5] == RELABEL and book.codes[7] == NONE
        assert book.redo().rows == list(range(3, 25)) and book.codes[4] == EXCLUDE and book.labels[7] == 2
    finally:
        book.close()
