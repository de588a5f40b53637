"""A column view of an audit result for the TUI: numpy arrays, built once, cheap at 1M rows.

``engine.result.issue_table`` builds a pandas frame with a Python list per near-duplicate row;
at a million rows that alone costs seconds. The screens only need flat columns, so this reads
the same columns straight from the result as numpy arrays (``issue_counts`` and
``non_iid_p_value`` still come from ``engine.result``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.order_words import recorded_z
from engine.wording import counted  # noqa: F401  (the app imports it from here)
from tui.duplicate_sets import near_duplicate_sets
from tui.names import drawn_names
from tui.terminal_text import data_safe, pane_text, terminal_safe
from tui.text_index import TextIndex

if TYPE_CHECKING:
    from engine.label_order import LabelOrder
    from tui.names import NameFitter

#: Titles of the issue types, in the order the summary lists them.
ISSUE_TITLES = {
    "label": "Label issues",
    "overlapping_class": "Overlapping classes",
    "outlier": "Outliers",
    "near_duplicate": "Near-duplicates",
    "non_iid": "Non-IID",
    "class_imbalance": "Class imbalance",
    "underperforming_group": "Underperforming group",
    "null": "Null / empty text",
}

#: Issue types whose rows the user reviews one by one (everything but the dataset-level non_iid).
ROW_TYPES = ("label", "overlapping_class", "outlier", "near_duplicate", "class_imbalance", "underperforming_group",
             "null")


@dataclass
class AuditView:
    """The TUI's flat, row-indexed columns of a pipeline ``AuditResult`` (its Datalab findings included)."""

    source: str
    texts: np.ndarray  # object, str
    ids: np.ndarray  # object
    given: np.ndarray  # int32 class index
    predicted: np.ndarray  # int32 class index
    class_names: list[str]  # the raw names (str of the data's labels): filters, queries, sorting
    pred_probs: np.ndarray | None  # (n, K) float32
    issue_types: tuple[str, ...]
    counts: dict[str, int]
    flags: dict[str, np.ndarray] = field(default_factory=dict)  # bool per type
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # float per type (low = worse)
    duplicate_sets: list[np.ndarray] = field(default_factory=list)  # rows per set, conflicts first
    near_duplicate_members: np.ndarray | None = None  # object: per flagged row, the rows it nearly duplicates
    neighbour_indices: np.ndarray | None = None  # (n, k)
    neighbour_distances: np.ndarray | None = None  # (n, k)
    #: --model tfidf: each row's nearest row and distance on the texts' TF-IDF terms, which its near-duplicate check
    #: reads (engine/tfidf_confirm.py), and their median; None where the check reads the vectors' graph
    term_nearest: np.ndarray | None = None
    term_distances: np.ndarray | None = None
    term_typical: float | None = None
    info: dict[str, Any] = field(default_factory=dict)
    report: str = ""
    p_value: float | None = None
    notes: list[str] = field(default_factory=list)
    numbered: bool = False  # the labels are numbers with no names (ag_news' 1-4): the detail pane says --label-names
    # Datalab's own label verdict beside textaudit's (which flags the label rows), when the engine kept it
    datalab_label_flags: np.ndarray | None = None
    datalab_label_scores: np.ndarray | None = None
    label_method: str | None = None  # how textaudit's label score was computed
    audit_label_flags: np.ndarray | None = None  # the audit's own label flags (a moved threshold changes ``flags``)
    multilabel: Any = None  # tui.multilabel.MultiLabelView for multi-label data, else None
    raw_texts: Any = None  # the dataset's own texts (line breaks kept), for the detail pane; else ``texts``
    #: --label-names: each class as the data spells it ('1') -> its name ('World'); None without it
    value_names: dict[str, str] | None = None
    #: --label-names' names of labels no row holds ('5' -> 'New'): a new class the journal writes as 5 is shown as New
    new_names: dict[str, str] = field(default_factory=dict)
    id_column: str | None = None  # the data's id column (--id-column); without one ``ids`` are the row numbers
    pred_source: str = ""  # the summary's 'pred_probs:' line (tui/pred_source.py)
    no_text: np.ndarray | None = None  # bool per row: empty or missing text (the dataset's text_is_null)
    text_index: TextIndex = field(init=False, repr=False)  # Arrow copy + ranks for filter and sort
    #: The names as every screen draws them (tui.names.drawn_names): quoted only where a name would
    #: look like another or like nothing. Drawing reads these; anything that acts on a label
    #: (the journal, export, filters, navigator queries) the raw ``class_names``.
    shown_names: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.class_names = [str(name) for name in self.class_names]
        self.shown_names = drawn_names(self.class_names)
        self.text_index = TextIndex(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    @cached_property
    def typical_distance(self) -> float:
        """Median distance to the nearest neighbour (computed once: ~20 ms at 1M rows)."""
        if self.neighbour_distances is None or not len(self.neighbour_distances):
            return float("nan")
        return float(np.median(self.neighbour_distances[:, 0]))

    @cached_property
    def names(self) -> NameFitter:
        """Cuts class names to a width so that they stay distinct (``names.fit(name, width)``)."""
        from tui.names import NameFitter

        return NameFitter(self.shown_names)

    def fit_decision(self, text: str, width: int) -> str:
        """A decision cell ('→ name') cut in the name, not at the end."""
        if text.startswith("→ ") and width > 3:  # a set decision's change cut between labels (MultiLabelView.fit)
            fit = self.multilabel.fit if self.multilabel is not None else self.names.fit
            return "→ " + fit(text[2:], width - 2)
        return text

    @cached_property
    def label_order(self) -> LabelOrder:
        """Label changes between consecutive rows against a random order (is the file grouped?)."""
        from engine.label_order import label_order

        if self.multilabel is not None:  # label sets: a change of set is a label set change
            import dataclasses

            return dataclasses.replace(label_order(self.label_keys()), sets=True)
        from tui.names import display_order

        rank = np.empty(self.n_classes, dtype=np.int64)
        rank[display_order(self.class_names)] = np.arange(self.n_classes)
        return label_order(self.given, rank)  # sorted as text ('10' < '2') or as shown ('2' < '10')

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    def flagged(self, issue_type: str) -> np.ndarray:
        """Row indices flagged for ``issue_type`` (empty when it did not run)."""
        mask = self.flags.get(issue_type)
        return np.flatnonzero(mask) if mask is not None else np.empty(0, dtype=np.int64)

    def backs_suggestion(self, row: int, datalab: bool = False) -> bool:
        """A label issue backs the model's suggestion for ``row``: only then is Accept offered.

        On other screens (class imbalance, empty text, ...) the model's top class is a guess,
        not a finding: accepting it would relabel a row nothing says is wrong. ``datalab`` (the
        label screen): Datalab's own label flag backs it too, its ``predicted_label`` being the
        same top class (``datalab_only``).
        """
        if self.multilabel is not None:  # a set change: only the multi-label screen offers it
            return False
        if self.predicted[row] == self.given[row] or self.has_no_text(row):  # no text: no label to judge
            return False
        flags = self.flags.get("label")
        return bool(flags is not None and flags[row]) or (datalab and self.datalab_only(row))

    def has_no_text(self, row: int) -> bool:
        """``row``'s text is empty or missing: the label check never flags it, and Datalab's own flag
        (kept beside) backs no suggestion there (a relabelled a blank row to the model's guess)."""
        return bool(self.no_text is not None and self.no_text[row])

    def datalab_only(self, row: int) -> bool:
        """Datalab's own label check flags ``row`` and textaudit's does not (``datalab:yes`` lists it)."""
        flags, theirs = self.flags.get("label"), self.datalab_label_flags
        return bool(theirs is not None and theirs[row] and not (flags is not None and flags[row]))

    def top_classes(self, row: int, k: int = 3) -> list[tuple[int, float]]:
        """The ``k`` most probable classes of ``row`` with their out-of-sample probabilities."""
        if self.pred_probs is None:
            return []
        probs = self.pred_probs[row]
        top = np.argsort(-probs, kind="stable")[:k]
        return [(int(c), float(probs[c])) for c in top]

    def full_text(self, row: int, limit: int) -> str:
        """The row's text for the detail pane: its line breaks kept, controls made visible, cut
        to ``limit`` characters with a note of how many more the data holds."""
        return pane_text(str(self.texts[row] if self.raw_texts is None else self.raw_texts[row]), limit)

    def probability(self, row: int, label: int) -> float | None:
        if self.pred_probs is None:
            return None
        return float(self.pred_probs[row, label])

    @classmethod
    def from_result(cls, result: Any, names: list[str] | None = None) -> AuditView:
        """Build the view of an ``engine.pipeline.AuditResult``; ``names``: each class as the
        screens call it (``--label-names``; the journal and export keep the data's values)."""
        from engine.result import issue_counts, non_iid_p_value, report_text
        from tui.pred_source import pred_probs_line
        from tui.std_streams import undecodable_escaped  # a Latin-1 file name in a note: 'caf$'\xe9'.csv', as the title

        dataset = result.dataset
        issues = result.output.issues
        pred_probs = np.asarray(result.pred_probs, dtype=np.float32)
        value_names = None if names is None else dict(zip(map(str, dataset.class_names), map(str, names)))
        flags: dict[str, np.ndarray] = {}
        scores: dict[str, np.ndarray] = {}
        for name in result.options.issue_types:
            if f"is_{name}_issue" in issues:
                flags[name] = issues[f"is_{name}_issue"].to_numpy(dtype=bool)
                scores[name] = issues[f"{name}_score"].to_numpy(dtype=np.float64)
        texts = np.empty(len(dataset), dtype=object)
        texts[:] = [data_safe(text) for text in dataset.texts]
        ids = np.empty(len(dataset), dtype=object)
        ids[:] = [data_safe(value) for value in dataset.ids]
        view = cls(
            source=str(dataset.source),
            texts=texts,
            raw_texts=dataset.texts,
            ids=ids,
            given=np.asarray(dataset.labels, dtype=np.int32),
            predicted=np.argmax(pred_probs, axis=1).astype(np.int32),
            class_names=list(dataset.class_names) if names is None else list(names),
            pred_probs=pred_probs,
            issue_types=tuple(result.options.issue_types),
            counts={name: count for name, count in issue_counts(result).items() if count is not None},
            flags=flags,
            scores=scores,
            info=dict(result.output.info),
            report="\n".join(terminal_safe(undecodable_escaped(line))
                             for line in report_text(result, value_names).split("\n")),
            p_value=non_iid_p_value(result),
            notes=[terminal_safe(undecodable_escaped(note)) for note in result.notes],  # ('caf.csv' before; diff38)
            value_names=value_names,
            id_column=getattr(dataset, "id_column", None),
            pred_source=terminal_safe(pred_probs_line(result)),
            no_text=getattr(dataset, "text_is_null", None),
        )
        if "datalab_is_label_issue" in issues:
            view.datalab_label_flags = issues["datalab_is_label_issue"].to_numpy(dtype=bool)
        if "datalab_label_score" in issues:
            view.datalab_label_scores = issues["datalab_label_score"].to_numpy(dtype=np.float64)
        method = (view.info.get("label") or {}).get("label_score_method")
        if "label" in view.flags:
            view.audit_label_flags = view.flags["label"].copy()
        view.label_method = str(method) if method else None
        from tui.multilabel import MultiLabelView

        view.multilabel = MultiLabelView.from_result(result)
        if view.multilabel is None:  # label sets: no single given class to group
            view.add_overlap()
        if result.graph is not None:
            view.neighbour_indices = result.graph.indices
            view.neighbour_distances = result.graph.distances
        judged = view.info.get("near_duplicate") or {}
        if judged.get("terms_median_nn_distance") is not None and "nearest_neighbor" in issues:
            view.term_nearest = issues["nearest_neighbor"].to_numpy(dtype=np.int64)
            view.term_distances = issues["distance_to_nearest_neighbor"].to_numpy(dtype=np.float64)
            view.term_typical = float(judged["terms_median_nn_distance"])
        if "near_duplicate" in flags and "near_duplicate_sets" in issues:
            view.near_duplicate_members = issues["near_duplicate_sets"].to_numpy()
            view.duplicate_sets = near_duplicate_sets(
                flags["near_duplicate"], view.near_duplicate_members, view.label_keys(),
                scores["near_duplicate"],
            )
        return view

    def overlap_groups(self) -> list[dict[str, Any]]:
        """Groups of classes the model cannot tell apart (engine/class_overlap.py): ``classes``
        (indices), ``rows``, ``own_share``; empty when none, or when the label check did not run."""
        return list((self.info.get("label") or {}).get("overlapping_class_groups") or [])

    def add_overlap(self) -> None:
        """The rows of the overlapping classes as a row finding after the label issues, so that the
        summary counts them and a screen lists them to relabel: flagged = labelled with a class of
        a group; score = the model's probability of the given label (low first: likeliest wrong)."""
        groups = self.overlap_groups()
        if not groups or self.pred_probs is None or "overlapping_class" in self.issue_types:
            return
        flags = np.isin(self.given, [c for group in groups for c in group["classes"]])
        self.flags["overlapping_class"] = flags
        self.scores["overlapping_class"] = self.pred_probs[np.arange(len(self)), self.given].astype(np.float64)
        self.counts["overlapping_class"] = int(flags.sum())
        at = self.issue_types.index("label") + 1 if "label" in self.issue_types else 0
        self.issue_types = (*self.issue_types[:at], "overlapping_class", *self.issue_types[at:])

    @property
    def length_drift(self) -> str | None:
        """The audit's note that the texts' length drifts with the row order (engine/length_order.py),
        or None: Datalab's test on the texts' neighbours can read such a file as random."""
        from engine.length_order import NOTE_HEAD

        return next((note for note in self.notes if note.startswith(NOTE_HEAD)), None)

    @property
    def p_z(self) -> float | None:
        """How far the order's statistic lies past the non-IID test's random orders, in their SDs
        (engine/order_words.py: NOT random needs it); None when the audit did not record it."""
        return recorded_z(self.info)

    def label_source(self) -> str:
        """Which score flags the label rows, and Datalab's own flag beside it (one sentence)."""
        if "label" not in self.flags:
            return ""
        ours = int(self.flags["label"].sum())
        how = f" ({self.label_method})" if self.label_method else ""
        which = f", {self.lowest_words()}" if ours else ""  # none flagged: no rows to say which
        text = f"Label issues: {counted(ours, 'row')} flagged by textaudit's label score{how}{which}"
        if self.multilabel is not None and self.audit_label_flags is not None and np.array_equal(
                self.flags["label"], self.audit_label_flags):  # the audit's own verdict, not a score cut (mlcut32)
            text = (f"Label issues: {counted(ours, 'row')} flagged: a suggested set change (a label crossing its "
                    "cut) where Datalab's own multi-label check flags the row too")
        if self.datalab_label_flags is not None:
            theirs = int(self.datalab_label_flags.sum())
            both = int(np.count_nonzero(self.datalab_label_flags & self.flags["label"]))
            text += f"; Datalab's own flag: {datalab_words(theirs, both)}"
        return text + "."

    def lowest_words(self) -> str:
        """'the lowest-scored rows', and how many among them are not flagged: those of a class under 10 rows,
        which gets at most its share of the flags (engine/flag_order.py; rank38: the line said 'the
        lowest-scored rows' where one was not flagged), and any other (said as a count)."""
        from engine.flag_order import flag_order
        from engine.noise_matrix import TINY_CLASS_ROWS

        score, flags = self.scores.get("label"), self.flags["label"]
        if score is None or self.multilabel is not None:
            return "the lowest-scored rows"
        order = flag_order(self.given, score, flags)
        left = np.flatnonzero(order.passed_over)
        if not len(left):
            return "the lowest-scored rows"
        tiny = left[order.sizes[self.given[left]] < TINY_CLASS_ROWS]
        if not len(tiny):
            return f"the lowest-scored rows but {len(left):,}"
        one = len(np.unique(self.given[tiny])) == 1
        why = (f"in {'a class' if one else 'classes'} under {TINY_CLASS_ROWS} rows, which "
               f"{'gets at most its' if one else 'get at most their'} share of the flags")
        if len(tiny) == len(left):
            return f"the lowest-scored rows but {len(left):,} {why}"
        return f"the lowest-scored rows but {len(left):,} ({len(tiny):,} {why})"

    def label_keys(self) -> np.ndarray:
        """One int per row, equal exactly when two rows carry the same label (or label set)."""
        return self.multilabel.set_codes() if self.multilabel is not None else self.given

    def set_has_conflict(self, members: np.ndarray) -> bool:
        """True when the members of a near-duplicate set carry more than one label (set)."""
        if self.multilabel is not None:
            return len({self.multilabel.sets[int(m)] for m in members}) > 1
        return len(np.unique(self.given[members])) > 1


def datalab_words(theirs: int, both: int) -> str:
    """How many rows Datalab's own label flag marks and how many of them textaudit's flags too: '66 rows, 49 of
    them in both'; it read '0 rows, 0 of them in both' and '1 row, 1 of them in both' (ui38b)."""
    if not theirs:
        return "none"
    if theirs == 1:
        return "1 row, flagged by both" if both else "1 row, not flagged by textaudit"
    return f"{theirs:,} rows, {f'{both:,}' if both else 'none'} of them in both"
