"""Each row's own part of a journal line (id, text hash, label before, row hash, text copies, copy index), built once per row.

``Journal`` writes a decision group's lines in one pass (``journal_format.encode_group``); the part
of a line fixed by the row alone is cached here, so deciding a row again, or undoing a bulk
decision, only joins strings. The Dataset is immutable, so a row's part never goes stale.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from engine.journal_format import encode_json, json_scalar, row_part
from engine.load import Dataset, text_sha256
from engine.row_print import RowPrints


class RowParts:
    """Cached ``row_part`` strings of ``dataset``'s rows, filled as rows are decided."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._parts: np.ndarray | None = None  # each row's line part (object)
        self._have_part = np.zeros(0, dtype=bool)
        self.before_names: list[str] = []
        self._before_json: list[str] = []
        self.row_prints = RowPrints(dataset)  # shared with the journal's RowMatcher
        self._copies: np.ndarray | None = None  # each row's identical rows where its text repeats, else 0
        self._copy_index: np.ndarray | None = None  # which of its identical rows each row is, in file order
        self._id_copies: np.ndarray | None = None  # the rows sharing each row's id where it repeats, else 0
        self._version: str | None = None

    def parts(self, rows: np.ndarray) -> np.ndarray:
        """Each row's own part of a journal line (``row_part``: id, text hash, label before),
        computed once per row of this dataset."""
        if self._parts is None:
            self._parts = np.empty(len(self.dataset), dtype=object)
            self._have_part = np.zeros(len(self.dataset), dtype=bool)
            self.before_names = [str(c) for c in self.dataset.classes]
            self._before_json = [encode_json(name) for name in self.before_names]
        missing = rows[~self._have_part[rows]]
        if len(missing):
            ids, texts, before = self.dataset.ids, self.dataset.texts, self._before_json
            codes = self.dataset.labels[missing].tolist()
            made = np.empty(len(missing), dtype=object)
            prints = self.prints(missing) or [None] * len(missing)
            copies = self.text_copies(missing).tolist()
            shared = self.id_copies(missing).tolist()
            index = self.copy_index(missing).tolist()
            made[:] = [row_part(row, id_json(ids[row]), text_sha256(texts[row]), before[code], fingerprint, copied, same,
                                nth)
                       for row, code, fingerprint, copied, same, nth
                       in zip(missing.tolist(), codes, prints, copies, shared, index)]
            self._parts[missing] = made
            self._have_part[missing] = True
        return self._parts[rows]

    def text_copies(self, rows: Any) -> np.ndarray:
        """Each row's line's ``text_copies``: 0 where its text is on no other row, else how many rows
        are identical to it (its text and its other columns' ``row_hash``), itself included. Replay
        tells the decided copy by ``row_hash``, refuses the one copy left when it differs, and an
        exclusion of one of several identical rows once fewer of them are left."""
        if self._copies is None:
            import pandas as pd

            texts = self.dataset.texts
            copies = np.zeros(len(texts), dtype=np.int64)
            index = np.zeros(len(texts), dtype=np.int64)
            repeated = np.flatnonzero(pd.Series(texts, dtype=object).duplicated(keep=False).to_numpy())
            if len(repeated):  # counted in Python: pandas' string index refuses a lone surrogate
                prints = self.prints(repeated) or [""] * len(repeated)
                keys = [(texts[row], fingerprint) for row, fingerprint in zip(repeated.tolist(), prints)]
                counts = Counter(keys)
                copies[repeated] = [counts[key] for key in keys]
                seen: Counter = Counter()
                nth = []
                for key in keys:  # rows in file order: each copy's place among its identical rows
                    nth.append(seen[key])
                    seen[key] += 1
                index[repeated] = nth
            self._copies, self._copy_index = copies, index
        return self._copies[np.asarray(rows, dtype=np.int64)]

    def copy_index(self, rows: Any) -> np.ndarray:
        """Each row's line's ``copy_index``: which of its ``text_copies`` identical rows it is, counted from 0 in
        file order (0 where it has no copy). Replay on other data (the export made with the journal, the file
        renamed) takes that copy, where the number of copies there tells it (engine/journal_copies.py)."""
        if self._copy_index is None:
            self.text_copies(())
        assert self._copy_index is not None
        return self._copy_index[np.asarray(rows, dtype=np.int64)]

    def data_version(self) -> str:
        """The lines' ``data_version``: the row count and a hash of the texts in their order and the labels. Lines of one version
        name rows by the same positions; replay on other data trusts a line's place among its identical rows
        (``copy_index``) only in the version the journal's last line on that file was made on (the file the
        export was made from), not in lines made before the file was re-sorted or rows added or deleted."""
        if self._version is None:
            from engine.journal_copies import texts_version

            self._version = texts_version(self.dataset)
        return self._version

    def id_copies(self, rows: Any) -> np.ndarray:
        """Each row's line's ``id_copies``: how many rows have its --id-column value where more than one
        does, else 0 (no id column, a null id). Replay then checks the row's other columns (``row_hash``):
        another row with the id and text is not the decided one (the export made with the journal)."""
        if self._id_copies is None:
            copies = np.zeros(len(self.dataset), dtype=np.int64)
            if self.dataset.id_column is not None:
                ids = self.dataset.ids
                keys = ids if {type(value) for value in ids} <= {int, str} else [json_scalar(value) for value in ids]
                try:
                    counts = Counter(keys)
                    copies[:] = [counts[key] if key is not None and counts[key] > 1 else 0 for key in keys]
                except TypeError:  # an unhashable id: never matched anyway
                    pass
            self._id_copies = copies
        return self._id_copies[np.asarray(rows, dtype=np.int64)]

    def prints(self, rows: Any) -> list[str] | None:
        """The rows' ``row_hash`` values (engine/row_print.py), or None when the data has none."""
        return self.row_prints.get(rows)


def id_json(value: Any) -> str:
    """A row id as its line holds it: ``encode_json(json_scalar(value))``, plain ints and str directly."""
    kind = type(value)
    if kind is int or kind is str:
        return encode_json(value)
    return encode_json(json_scalar(value))
