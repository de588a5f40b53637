"""The TUI's side of multi-label data: each row's set, the suggested set change, set decisions.

``MultiLabelView`` rides on ``AuditView.multilabel`` (None for single-label data). A set is a
sorted tuple of class indices; the suggestion is ``+missing -extra`` from the audit's per-label
out-of-fold probabilities (engine/multilabel_audit.py). A set decision goes to the journal as a
relabel whose label is the set's canonical string (engine/multilabel.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.multilabel import change_text, compact, parse_display, set_display


@dataclass
class MultiLabelView:
    """Per row: the given set, the labels likely missing and likely wrong, the label probabilities."""

    names: list[str]
    sets: list[tuple[int, ...]]
    missing: list[list[int]]
    extra: list[list[int]]
    probs: np.ndarray  # (n, K) out-of-fold per-label probabilities
    shown: list[str] = field(default_factory=list)  # the names as drawn: control characters made visible
    #: each set or change text drawn -> (its parts, their separator), so a narrow cell cuts it between labels
    parts: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        from tui.names import drawn_name  # names stay raw for the journal; only drawing uses these

        self.shown = [drawn_name(name, joined=True) for name in self.names]  # sets join them by ', '

    @classmethod
    def from_result(cls, result: Any) -> MultiLabelView | None:
        dataset = result.dataset
        if not getattr(dataset, "is_multilabel", False):
            return None
        from engine.multilabel_audit import members, suggestions

        issues = result.output.issues
        probs = np.asarray(result.pred_probs, dtype=np.float32)
        if "missing_labels" in issues:
            missing = [members(v) for v in issues["missing_labels"]]
            extra = [members(v) for v in issues["extra_labels"]]
        else:  # the label check did not run: the suggestion still follows the probabilities
            missing, extra = suggestions(dataset.label_sets, probs, blank=getattr(dataset, "text_is_null", None))
        return cls(list(dataset.class_names), list(dataset.label_sets), missing, extra, probs)

    def set_codes(self) -> np.ndarray:
        """One int per row, equal exactly when two rows carry the same label set, ordered as the
        sets sort (so a file sorted by label set has ascending codes)."""
        rank = {members: code for code, members in enumerate(sorted(set(self.sets)))}
        return np.fromiter((rank[s] for s in self.sets), dtype=np.int64, count=len(self.sets))

    def label_text(self, row: int) -> str:
        """The row's set for a header or a legend: ``a, b`` (``∅`` when empty)."""
        return self.given_text(row)

    def filter_mask(self, rows: np.ndarray, labels: np.ndarray, kind: str, sign: str = "") -> np.ndarray:
        """Rows of ``rows`` whose set matches any class in ``labels``: ``kind`` "given" (the set holds
        one), "suggested" with ``sign`` "" (the suggested set holds one), "+" (one is likely missing)
        or "-" (one is likely wrong)."""
        wanted = {int(c) for c in labels}
        if kind == "given":
            pick = self.sets
        elif sign == "+":
            pick = self.missing
        elif sign == "-":
            pick = self.extra
        else:
            pick = None
        out = np.zeros(len(rows), dtype=bool)
        for i, row in enumerate(np.asarray(rows).tolist()):
            members = pick[row] if pick is not None else self.suggested(row)
            out[i] = not wanted.isdisjoint(members)
        return out

    def given_text(self, row: int, width: int | None = None) -> str:
        text = compact(self.shown, self.sets[row], width)
        if width is None and len(self.sets[row]) > 1:
            self.parts.setdefault(text, (tuple(self.shown[i] for i in self.sets[row]), ", "))
        return text

    def _change(self, before: tuple[int, ...], after: tuple[int, ...]) -> str:
        """``change_text``, its parts remembered for :meth:`fit`."""
        text = change_text(self.shown, before, after)
        if " " in text:
            added, removed = sorted(set(after) - set(before)), sorted(set(before) - set(after))
            self.parts.setdefault(text, (tuple([f"+{self.shown[i]}" for i in added]
                                               + [f"-{self.shown[i]}" for i in removed]), " "))
        return text

    def fit(self, text: str, width: int) -> str:
        """A set or change cell in ``width`` cells: whole labels from its start and how many more are
        left out (``use::browsing (+7)``), not a cut through the middle of the labels
        (``use::brow…th::text`` said neither how many there were nor one whole); a text this view did
        not draw, or one label, is cut in its middle."""
        from rich.cells import cell_len

        from tui.names import cut_middle

        known = self.parts.get(text)
        if cell_len(text) <= width or known is None:
            return cut_middle(text, width)
        parts, sep = known
        for shown in range(len(parts) - 1, 0, -1):
            candidate = f"{sep.join(parts[:shown])} (+{len(parts) - shown})"
            if cell_len(candidate) <= width:
                return candidate
        more = f" (+{len(parts) - 1})"
        if width - cell_len(more) < 5:  # too narrow for a readable label beside the count
            return cut_middle(text, width)
        return cut_middle(parts[0], width - cell_len(more)) + more

    def suggested(self, row: int) -> tuple[int, ...]:
        return tuple(sorted((set(self.sets[row]) - set(self.extra[row])) | set(self.missing[row])))

    def has_suggestion(self, row: int) -> bool:
        return bool(self.missing[row] or self.extra[row])

    def suggestion_text(self, row: int) -> str:
        """``+missing -extra``, or ``=`` when every label agrees with the model."""
        return self._change(self.sets[row], self.suggested(row)) or "="

    def label_counts(self) -> np.ndarray:
        counts = np.zeros(len(self.names), dtype=np.int64)
        for members in self.sets:
            counts[list(members)] += 1
        return counts

    def empty_sets(self) -> int:
        return sum(1 for members in self.sets if not members)

    def cooccurrence(self, top: int = 10) -> list[tuple[str, str, int]]:
        """The most frequent label pairs, most frequent first."""
        from collections import Counter

        pairs: Counter = Counter()
        for members in self.sets:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs[(a, b)] += 1
        return [(self.shown[a], self.shown[b], n) for (a, b), n in pairs.most_common(top)]

    def display(self, members: tuple[int, ...]) -> str:
        """The set's canonical string, as the journal records it (raw names, not for drawing)."""
        return set_display(self.names, members)

    def describe_after(self, row: int, label_after: str) -> str:
        """A set decision for the decision column: the change it made (``+a -b``) or the set."""
        try:
            after = parse_display(label_after, self.names)
        except Exception:  # noqa: BLE001 - a journal written for other labels: show it as written
            from tui.terminal_text import terminal_safe

            return terminal_safe(label_after)
        return self._change(self.sets[row], after) or compact(self.shown, after)
