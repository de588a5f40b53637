"""What a decision writes: one journal line's fields, and a decision group's lines as bytes.

``engine.corrections.Journal`` decides what is recorded and when; this module spells it out for
one dataset: each line's row part (id, text hash, label before, ``row_hash``, ``text_copies``:
engine/journal_rows.py) and the dataset's columns, so that replay can find the row again
(engine/journal_replay.py) and say why when it cannot.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.journal_format import JOURNAL_FORMAT, Decision, data_name, encode_group, encode_line, json_scalar
from engine.journal_rows import RowParts
from engine.load import Dataset, text_sha256


class LineMaker:
    """The journal lines of ``dataset``'s decisions (``rows``: the rows' cached line parts)."""

    def __init__(self, dataset: Dataset, rows: RowParts) -> None:
        self.dataset = dataset
        self.rows = rows
        self.names = dataset.class_names
        self.data_name = data_name(dataset.source)

    def entry(self, seq: int, group: int, size: int, ts: str, action: str, row: int, issue_type: str,
              *, label_after: str | None = None, suggested_label: str | None = None,
              target: int | None = None) -> dict[str, Any]:
        """One line's fields, in the order ``encode_line`` writes them."""
        dataset = self.dataset
        entry: dict[str, Any] = {
            "v": JOURNAL_FORMAT, "seq": seq, "group": group, "group_size": size, "ts": ts,
            "action": action, "row": row, "id": json_scalar(dataset.ids[row]),
            "text_sha256": text_sha256(dataset.texts[row]),
            "label_before": dataset.label_display(row),
        }
        fingerprint = self.rows.prints([row])
        if fingerprint is not None:  # tells copies of a repeated text apart on replay (engine/row_print.py)
            entry["row_hash"] = fingerprint[0]
        copies = int(self.rows.text_copies([row])[0])
        if copies:  # replay refuses the one copy left where row_hash differs (engine/journal_replay.py)
            entry["text_copies"] = copies
        if copies >= 2:  # which of the identical rows: replay on other data takes it (engine/journal_copies.py)
            entry["copy_index"] = int(self.rows.copy_index([row])[0])
        shared = int(self.rows.id_copies([row])[0])
        if shared:  # replay checks row_hash against the other rows with the id (engine/journal_replay.py)
            entry["id_copies"] = shared
        entry |= {
            "label_after": label_after, "issue_type": issue_type, "suggested_label": suggested_label,
            "id_column": dataset.id_column,
        }
        if dataset.label_column is not None:  # replay skips a decision made on another label column
            entry["label_column"] = dataset.label_column
        if dataset.text_column is not None:  # replay names it when the texts differ (title+text vs text)
            entry["text_column"] = dataset.text_column
        if self.data_name is not None:  # replay names it when decisions do not apply (another file's journal)
            entry["data"] = self.data_name
            entry["data_version"] = self.rows.data_version()  # which version of it (engine/journal_copies.py)
        if target is not None:
            entry["target"] = target
        if dataset.is_multilabel:  # the sets before and after, as lists (old readers ignore them)
            from engine.multilabel import parse_display

            entry["labels_before"] = [self.names[i] for i in dataset.label_sets[row]]
            if getattr(dataset.label_form, "kind", None) == "sep":  # replay skips one read with another
                entry["label_sep"] = dataset.label_form.sep
            if label_after is not None:
                entry["labels_after"] = [self.names[i] for i in parse_display(label_after, self.names)]
        return entry

    def group_bytes(self, *, seq: int, ts: str, actions: Sequence[str], rows: np.ndarray,
                    after: Sequence[str | None], issue_type: str, suggested_label: str | None,
                    new_label: Sequence[bool], target: int | None = None) -> bytes:
        """A single-label group's lines in one pass (``encode_group``): the bytes ``entry`` + ``encode_line``
        write for each row. A lone surrogate somewhere: line by line, escaped as ``encode_line`` does."""
        dataset = self.dataset
        try:
            return encode_group(
                seq=seq, group=seq, ts=ts, actions=actions, row_parts=self.rows.parts(rows), after=after,
                issue_type=issue_type, suggested_label=suggested_label, id_column=dataset.id_column,
                new_label=new_label, target=target, label_column=dataset.label_column,
                text_column=dataset.text_column, data=self.data_name,
                data_version=None if self.data_name is None else self.rows.data_version())
        except ValueError:
            lines = []
            for offset, (action, row, label_after, new) in enumerate(zip(actions, rows.tolist(), after, new_label)):
                entry = self.entry(seq + offset, seq, len(rows), ts, action, row, issue_type,
                                   label_after=label_after, suggested_label=suggested_label, target=target)
                if new:
                    entry["new_label"] = True
                lines.append(encode_line(entry))
            return b"".join(lines)


def fast_decision(row: int, action: str, label_after: str | None, issue_type: str, ts: str,
                  label_before: str, suggested_label: str | None, group: int) -> Decision:
    """``Decision(...)`` without the frozen dataclass's per-field ``__setattr__`` (same object)."""
    decision = object.__new__(Decision)
    decision.__dict__.update(row=row, action=action, label_after=label_after, issue_type=issue_type, ts=ts,
                             label_before=label_before, suggested_label=suggested_label, group=group)
    return decision


def as_row(row: Any) -> Any:
    """A numpy integer row as a plain int; anything else unchanged (validation rejects it)."""
    if isinstance(row, (int, bool)):
        return row
    try:
        return operator.index(row)
    except TypeError:
        return row
