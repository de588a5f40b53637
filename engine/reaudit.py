"""Re-audit a dataset with its corrections journal applied, and say what changed.

The corrected dataset is built by export's own logic (``corrected_frame``: relabels written,
excluded rows removed, order kept), so a re-audit sees exactly what ``textaudit export`` would
write. Its texts are the original ones, so the embeddings come from the cache (the whole
column when nothing was excluded, else per text through ``engine.text_vectors``); with labels
changed, predict and audit run again. Predict keeps the first audit's folds (less the excluded
rows) and starts each fold's regression from its earlier solution (``FoldState``, stored with
the audit's probabilities): fewer solver iterations, and a delta that shows what the corrections
changed rather than what a reshuffle of the folds changes. So the corrected audit can differ
a little from a fresh audit of the exported file, whose folds are stratified on the new labels.
When rows were excluded, an exact neighbour graph is derived from the audit's (only the rows
that lost a neighbour are searched again: ``neighbours.derive_graph``), the same graph a rebuild
gives, in a fraction of its time.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import DataError, TextauditError
from engine.load import Dataset, load_dataset
from engine.path_words import REAUDIT_JOIN, source_word
from engine.paths import shell_word
from engine.pipeline import AuditOptions, AuditResult, ProgressFn, run_audit
from engine.predict import FoldState
from engine.review import audit_delta


#: corrected_dataset's info key for the rows the journal holds a decision for (original positions)
DECIDED = "decided_rows"


@dataclass
class Reaudit:
    """The audit before and after the corrections, and the delta between them."""

    before: AuditResult
    after: AuditResult
    rows: np.ndarray  # rows[i]: the original row of corrected row i
    delta: dict[str, Any]
    journal: dict[str, Any] = field(default_factory=dict)  # relabelled, excluded, kept, unapplied
    decided: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # rows the journal decided
    warnings: list[str] = field(default_factory=list)


def corrected_dataset(dataset: Dataset, journal_path: Path) -> tuple[Dataset, np.ndarray, dict[str, Any], list[str]]:
    """The dataset with the journal applied, the original row of each of its rows, the journal's
    counts, and warnings. A journal whose entries all fail to match raises a DataError."""
    from engine.class_label_new import extend_class_label
    from engine.label_column import class_label_names, class_label_set_names, class_label_texts
    from engine.export import corrected_frame, read_decisions, require_journal

    journal_path = Path(journal_path).expanduser()
    require_journal(journal_path, "--apply-journal")
    decisions, counts, report, unapplied = read_decisions(dataset, journal_path)
    notes: list[str] = []
    # a new name in a ClassLabel column is its next int there too (engine/class_label_new.py): the
    # column stays ints, not 'changed from int64 to object'; the export's note is no news here
    extended = extend_class_label(dataset, decisions, [])
    frame, rows = corrected_frame(extended, decisions, notes)
    names = None if dataset.is_multilabel else class_label_names(extended.style, dataset.label_column)
    if names is not None:  # audited by its names, as the data itself is (not as the ints 0, 1, ...)
        position = frame.columns.get_loc(dataset.label_column)
        frame.isetitem(position, class_label_texts(frame.iloc[:, position], names))
    form = getattr(dataset, "label_form", None)  # label sets joined by a separator stay sets
    if len(frame) == 0:  # load_dataset would say 'has a header but no rows'
        raise DataError(f"{source_word(dataset.source)} with the journal {shell_word(journal_path.name)} applied: no rows left (every row "
                        "is excluded); nothing to audit")
    try:
        corrected = load_dataset(frame, text_column=dataset.text_column, label_column=dataset.label_column,
                                 id_column=dataset.id_column, label_sep=form.sep if form is not None else None)
    except TextauditError as exc:  # it named '<DataFrame>': say which data, corrected by which journal
        message = exc.message.removeprefix("<DataFrame>: ")
        raise type(exc)(f"{source_word(dataset.source)} with the journal {shell_word(journal_path.name)} applied: {message}") from None
    kept = np.asarray(rows, dtype=np.int64)
    corrected = dataclasses.replace(corrected, source=f"{dataset.source}{REAUDIT_JOIN}{journal_path.name}",
                                    ids=[dataset.ids[r] for r in kept], style=dataset.style,
                                    warnings=_file_row_numbers(corrected, frame, kept))
    set_names = class_label_set_names(dataset.style, dataset.label_column) if dataset.is_multilabel else None
    if set_names is not None and all(isinstance(c, int) and 0 <= c < len(set_names) for c in corrected.classes):
        # a Sequence(ClassLabel) column's sets by its names, as the data's own audit shows them (the
        # frame holds the ints: the re-audit's by-label counts were keyed '10', '49')
        corrected = dataclasses.replace(corrected, classes=[set_names[c] for c in corrected.classes],
                                        label_originals={set_names[c]: c for c in corrected.classes})
    info = {**counts, "unapplied": unapplied,
            DECIDED: np.fromiter(decisions.keys(), dtype=np.int64, count=len(decisions))}
    return corrected, kept, info, report + notes


def _file_row_numbers(corrected: Dataset, frame: Any, kept: np.ndarray) -> list[str]:
    """The corrected copy's load notes, a repeated header's rows numbered as in the data file (they
    counted the corrected rows: 'row 149' of a header at row 150, a row above it excluded)."""
    from engine.load import text_column_parts
    from engine.text_notes import header_row_notes

    columns = [*text_column_parts(frame, corrected.text_column), corrected.label_column]
    counted = header_row_notes(frame, columns)
    if not counted:
        return corrected.warnings
    return [header_row_notes(frame, columns, kept)[0] if note == counted[0] else note for note in corrected.warnings]


def reaudit(source: str | Path | Dataset, options: AuditOptions, journal_path: Path, *,
            progress: ProgressFn | None = None, cancel: threading.Event | None = None,
            before: AuditResult | None = None) -> Reaudit:
    """Audit ``source`` (usually a cache hit; ``before`` when the caller holds that audit), then
    its corrected copy, and their delta. ``cancel`` stops either audit between steps."""
    if isinstance(source, Dataset):
        dataset = source
    else:
        dataset = load_dataset(source, text_column=options.text_column, label_column=options.label_column,
                               id_column=options.id_column, encoding=options.encoding, label_sep=options.label_sep)
    corrected, rows, info, warnings = corrected_dataset(dataset, journal_path)  # a bad journal fails first
    decided = info.pop(DECIDED)  # not for the JSON's 'journal' counts
    if options.pred_probs_path or options.features_path:
        raise DataError("--apply-journal cannot be combined with --pred-probs or --features "
                        "(they describe the uncorrected rows)")
    if before is None:
        before = run_audit(dataset, dataclasses.replace(options), progress=progress, cancel=cancel)
    warm = None
    if before.folds is not None and len(before.folds.fold_of) == len(dataset):
        # the same folds (minus excluded rows), each refitted from where the audit left it
        warm = FoldState(before.folds.fold_of[rows], before.folds.solutions)
    graph_from = None
    if before.graph is not None and len(before.graph.indices) == len(dataset) and len(rows) < len(dataset):
        graph_from = (before.graph, rows)  # rows were excluded: the exact graph is derived, not rebuilt
    after = run_audit(corrected, dataclasses.replace(options), progress=progress, cancel=cancel, warm=warm,
                      graph_from=graph_from)
    if (warm is not None and after.folds is not None and not after.stage_cache_hits.get("predict")
            and np.array_equal(after.folds.fold_of, warm.fold_of)):  # not when the vectors changed shape
        after.notes.append("predict refitted the audit's own folds, each from its earlier solution")
    delta = audit_delta(
        before.output.issues, after.output.issues, rows,
        before_labels=dataset.labels, after_labels=corrected.labels,
        class_names_before=dataset.class_names, class_names_after=corrected.class_names, decided=decided,
    )
    if dataset.is_multilabel:  # per class: every label of a row's set, not its first
        from engine.multilabel_review import use_label_sets

        use_label_sets(delta, before.output.issues, after.output.issues, rows, dataset, corrected)
    return Reaudit(before=before, after=after, rows=rows, delta=delta, journal=info, decided=decided,
                   warnings=warnings)


def new_class_flags(re: Reaudit) -> dict[str, tuple[int, int]]:
    """Rows the journal decided that the corrected audit still flags as label issues, in a class no row of the data
    held (a relabel to a new class): per class as the data spells it, (those rows, the class's rows in all). The
    model learns a class from a row's other folds, so a new class of one row or a few is flagged again: the row
    counts as Remaining (or New), not as resolved, and the screen said nothing of why (ui37)."""
    issues = re.after.output.issues
    corrected, original = re.after.dataset, re.before.dataset
    if corrected.is_multilabel or "is_label_issue" not in issues or not len(re.decided):
        return {}
    labels = np.asarray(corrected.labels, dtype=np.int64)
    names = [str(name) for name in corrected.class_names]
    held = np.bincount(np.asarray(original.labels, dtype=np.int64), minlength=len(original.class_names))
    old = {str(name) for name, rows in zip(original.class_names, held) if rows}
    flagged = labels[issues["is_label_issue"].to_numpy(dtype=bool) & np.isin(re.rows, re.decided)]
    counts = np.bincount(labels, minlength=len(names))
    return {names[c]: (int((flagged == c).sum()), int(counts[c])) for c in np.unique(flagged) if names[c] not in old}


def new_class_line(found: dict[str, tuple[int, int]], names: dict[str, str] | None = None) -> str:
    """``new_class_flags`` said in a line ('' where none); ``names``: --label-names' names by the data's spelling."""
    if not found:
        return ""
    from engine.wording import counted

    from engine.noise_matrix import TINY_CLASS_ROWS

    rows = sum(flagged for flagged, _ in found.values())
    classes = ", ".join(f"{(names or {}).get(key, key)} has {counted(total, 'row')}" for key, (_, total) in
                        found.items())
    few = all(total < TINY_CLASS_ROWS for _, total in found.values())  # a class of 10+ rows is not 'too few'
    why = "too few for the model to learn" if few else "the model, fitted on the other rows, still prefers another class"
    return (f"{counted(rows, 'row')} relabelled to a new class {'is' if rows == 1 else 'are'} still flagged as "
            f"{'a label issue' if rows == 1 else 'label issues'} ({classes}: {why})")


def delta_text(re: Reaudit) -> str:
    """The delta as a few lines for people."""
    j = re.journal
    lines = [f"\nAfter the corrections ({j.get('relabel', 0):,} relabelled, {j.get('exclude', 0):,} excluded, "
             f"{j.get('keep', 0):,} kept as is):",
             f"  {'issue type':<22} {'before':>7} {'after':>7} {'resolved':>9} {'decided':>8} {'remaining':>9} "
             f"{'new':>6}"]
    for name, d in re.delta.items():
        lines.append(f"  {name:<22} {d['before']:>7,} {d['after']:>7,} {d['resolved']:>9,} "
                     f"{d.get('resolved_decided', 0):>8,} {d['remaining']:>9,} {d['new']:>6,}")
    lines.append("  decided: the resolved rows the journal decided; the rest are no longer flagged without a decision")
    still = [f"{name} {d['remaining_decided']:,}" for name, d in re.delta.items()
             if name != "non_iid" and d.get("remaining_decided")]  # kept as is, a near-duplicate relabelled (walk41)
    if still:
        lines.append(f"  still flagged though decided (counted in remaining): {', '.join(still)}")
    if line := new_class_line(new_class_flags(re)):
        lines.append(f"note: {line}")
    if j.get("unapplied"):
        lines.append(f"note: {j['unapplied']}")
    return "\n".join(lines) + "\n"


def delta_json(re: Reaudit, names: dict[str, str] | None = None) -> dict[str, Any]:
    """The ``delta`` object of ``audit --apply-journal --format json``; ``names`` (``--label-names``):
    each ``by_class`` entry, keyed by the class as the data spells it, also holds its ``label_name``."""
    delta = {name: {k: v for k, v in d.items()} for name, d in re.delta.items()}
    if names:
        for d in delta.values():
            if "by_class" in d:
                d["by_class"] = {key: {**counts, "label_name": names.get(key)} for key, counts in d["by_class"].items()}
    return delta
