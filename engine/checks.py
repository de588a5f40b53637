"""Checks made before and between the pipeline's stages: user arrays, options, memory, and
whether a cached stage result can be trusted (a doubt means: recompute and say so)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from engine.audit import ISSUE_TYPES, parse_issue_types
from engine.errors import DataError, UsageError
from engine.label_column import label_column_hint
from engine.load import Dataset
from engine.path_words import source_word
from engine.paths import shell_word
from engine.wording import counted, counted_verb

if TYPE_CHECKING:
    from engine.pipeline import AuditOptions


def load_user_array(path: str, what: str) -> np.ndarray:
    """Read a user-supplied ``.npy`` of plain numbers or raise a one-line DataError."""
    array = _open_user_array(path, what, mmap_mode=None)
    if what == "features" and array.dtype.kind == "f" and array.dtype.itemsize > 4 and array.ndim == 2 and array.size:
        # float64 rows beyond float32's range (1e200) became inf, 'has NaN or infinite values' of a
        # finite file; rows below it (1e-300) became zeros, 'every row is all zeros'. Only a row's
        # direction is used (check_features makes every row unit length), so each row is scaled first
        # (a 1-D array is left to check_features' shape line: max over rows raised AxisError here)
        peak = np.abs(array).max(axis=1, keepdims=True)
        if np.isfinite(peak).all() and ((peak > 1e30) | ((peak > 0) & (peak < 1e-30))).any():
            peak[peak == 0] = 1.0
            array = array / peak
    return array.astype(np.float32, copy=False)  # float32 .npy files are used as read, no copy


def _open_user_array(path: str, what: str, *, mmap_mode: str | None) -> np.ndarray:
    """``np.load`` of a numeric ``.npy`` (memory-mapped when asked), or a one-line DataError for a
    missing, unreadable, pickled (an object array is refused, never executed) or non-numeric file."""
    file = Path(path).expanduser()
    if not file.is_file():  # a folder, a device or a FIFO was 'no such file' too, though it is there
        if not file.exists():
            raise DataError(f"--{what}: no such file {shell_word(path)}")
        kind = ("a folder, not a .npy file" if file.is_dir()
                else "not a regular file (a named pipe, device or socket); save the array with numpy.save")
        raise DataError(f"--{what}: {shell_word(path)} is {kind}")
    try:
        with file.open("rb") as handle:
            head = handle.read(6)
    except OSError as exc:
        raise DataError(f"--{what}: {shell_word(path)} cannot be read ({exc.strerror or type(exc).__name__})") from None
    if not head:
        raise DataError(f"--{what}: {shell_word(path)} is empty; save one numeric array with numpy.save")
    if head != b"\x93NUMPY":  # numpy's own words for any other file are 'contains pickled data ... load it unsafely'
        kind = ("a pickle, which textaudit never loads" if head[:1] == b"\x80"
                else "a .npz archive" if head[:4] == b"PK\x03\x04" else "not a .npy file")
        raise DataError(f"--{what}: {shell_word(path)} is {kind}; save one numeric array with numpy.save")
    try:
        array = np.load(file, mmap_mode=mmap_mode, allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "allow_pickle" in reason:
            reason = "it holds Python objects, which textaudit never unpickles"
        raise DataError(f"--{what}: {shell_word(path)} is not a readable .npy array ({reason})") from None
    if not isinstance(array, np.ndarray) or array.dtype.kind not in "fiu":
        kind = getattr(array, "dtype", type(array).__name__)
        raise DataError(f"--{what}: {shell_word(path)} holds {kind}, not a numeric array")
    return array


def _check_finite_probs(pred_probs: np.ndarray) -> None:
    """One line naming how many rows of ``--pred-probs`` hold NaN or infinity, and the first."""
    finite = np.isfinite(pred_probs).all(axis=1)
    if not finite.all():
        bad = np.flatnonzero(~finite)
        raise DataError(f"--pred-probs has NaN or infinite values in {counted(len(bad), 'row')} (first: row {bad[0]})")


def check_pred_probs(pred_probs: np.ndarray, n_rows: int, n_classes: int,
                     order: str = "sorted class order", unused: Sequence[tuple[int, str]] = ()) -> np.ndarray:
    """Reject pred_probs of the wrong shape, with NaN, or with rows not summing to 1. ``order``:
    how the columns are ordered, as said (a ClassLabel's: by its ints); ``unused``: a ClassLabel's
    names no row holds, with their ints (a model trained on every name has a column for each)."""
    if pred_probs.ndim != 2 or pred_probs.shape[0] != n_rows:
        raise DataError(f"--pred-probs has shape {pred_probs.shape}; expected ({n_rows}, {n_classes})")
    if unused and pred_probs.shape[1] == n_classes + len(unused):
        shown = ", ".join(f"{column} {name!r}" for column, name in unused[:5]) + (", ..." if len(unused) > 5 else "")
        raise DataError(
            f"--pred-probs has {pred_probs.shape[1]} columns, one per name of the ClassLabel, but no row holds "
            f"{len(unused)} of those names (columns {shown}): drop their columns, keeping the {n_classes} classes "
            f"the data has in the {order} (expected shape ({n_rows}, {n_classes}))"
        )
    if pred_probs.shape[1] != n_classes:
        raise DataError(
            f"--pred-probs has {pred_probs.shape[1]} columns but the data has {n_classes} classes "
            f"(expected shape ({n_rows}, {n_classes}), columns in the {order})"
        )
    _check_finite_probs(pred_probs)
    if np.any(pred_probs < 0):
        raise DataError("--pred-probs contains negative values")
    sums = pred_probs.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-3)
    if len(bad):
        raise DataError(
            f"--pred-probs rows must sum to 1; {len(bad)} do not (first: row {bad[0]}, sum {sums[bad[0]]:.4f})"
        )
    return pred_probs / sums[:, None]


def column_order_note(pred_probs: np.ndarray, labels: np.ndarray, class_names: list[str],
                      order: str = "sorted class order") -> str | None:
    """A note when ``--pred-probs``' columns look like the classes in another order.

    The columns must follow the classes' sorted order (Datalab's). Columns in the order the labels
    first appear, or a model's own label encoding, audit without an error, and every label score
    is then wrong. Said when the one-to-one relabelling of the columns that best matches the given
    labels agrees with them on far more rows than the columns as given do."""
    n, k = pred_probs.shape
    if n < 50 or k < 2:
        return None
    from engine.class_overlap import predicted_counts

    counts = predicted_counts(labels, pred_probs)
    if (found := _reordered(counts, n, class_names)) is None:
        return None
    as_given, best, moved, listed = found
    return (f"--pred-probs: its columns look like the classes in another order: the likeliest column is the given "
            f"label on {as_given:.0%} of rows as ordered, on {best:.0%} with {moved}; columns must "
            f"follow the {order} ({listed}), else every label score is wrong")


def _reordered(agree: np.ndarray, total: int, names: list[str]) -> tuple[float, float, str, str] | None:
    """Whether the columns of a (label x column) agreement count ``agree`` out of ``total`` look like the
    labels ``names`` in another order: the share agreeing as ordered, with the best one-to-one relabelling
    of the columns (scipy's assignment), up to 3 of its moves ("column 2 as 'b'") and the first names, for
    the note; None where the order as given is as good as any (a real model: the identity is best)."""
    from scipy.optimize import linear_sum_assignment

    labels, columns = linear_sum_assignment(agree, maximize=True)
    as_given, best = np.trace(agree) / max(total, 1), agree[labels, columns].sum() / max(total, 1)
    if best < 0.5 or best < as_given + 0.1 or (best - as_given) * total < 10:
        return None
    moved = [f"column {j} as {names[i]!r}" for i, j in zip(labels, columns) if i != j][:3]
    listed = ", ".join(map(repr, names[:5])) + (", ..." if len(names) > 5 else "")
    return float(as_given), float(best), ", ".join(moved), listed


def in_sample_note(pred_probs: np.ndarray, labels: np.ndarray) -> str | None:
    """A note when ``--pred-probs`` agree with every given label, nearly certain: what a model
    trained on these very rows gives. Label issues are read from out-of-sample probabilities;
    in-sample ones agree with the noise and hide it (an audit finds nothing, and says the data is clean)."""
    n = len(labels)
    if n < 50 or not len(pred_probs):
        return None
    labels = np.asarray(labels)
    agree = float((pred_probs.argmax(axis=1) == labels).mean())
    given = float(pred_probs[np.arange(n), labels].mean())
    if agree < 1.0 or given < 0.95:
        return None
    return (f"--pred-probs: the likeliest class is the given label on every row (mean p {given:.3f}), as a model "
            "trained on these rows gives; if so, label errors are hidden: pass out-of-sample probabilities "
            "(e.g. sklearn's cross_val_predict(..., method='predict_proba'))")


def check_label_probs(pred_probs: np.ndarray, n_rows: int, n_labels: int) -> np.ndarray:
    """Multi-label ``--pred-probs``: one independent probability per label (rows need not sum to
    1), shape (rows, labels), every value finite and within [0, 1]."""
    if pred_probs.ndim != 2 or pred_probs.shape != (n_rows, n_labels):
        raise DataError(f"--pred-probs has shape {pred_probs.shape}; expected ({n_rows}, {n_labels}): one "
                        f"probability per label, columns in sorted label order")
    _check_finite_probs(pred_probs)
    outside = np.flatnonzero(((pred_probs < 0) | (pred_probs > 1)).any(axis=1))
    if len(outside):
        raise DataError(f"--pred-probs of label sets must lie within [0, 1] (one probability per label); "
                        f"{counted_verb(len(outside), 'row', 'do')} not (first: row {outside[0]})")
    return pred_probs


def label_set_probs_note(pred_probs: np.ndarray, sets: Sequence[Sequence[int]], names: list[str]) -> str | None:
    """Multi-label ``--pred-probs``: :func:`column_order_note` and :func:`in_sample_note` for label sets.
    Columns in another order than the sorted labels flagged every row as a label issue, and in-sample
    probabilities none, without a word (banking77 rows with 1-2 labels each: 200 of 200 flagged)."""
    from engine.multilabel import indicator

    n, k = pred_probs.shape
    if n < 50 or k < 2:
        return None
    given, likely = indicator(sets, k).astype(bool), pred_probs >= 0.5
    held = int(given.sum())
    if held and (likely == given).all() and float(np.where(given, pred_probs, 1 - pred_probs).mean()) >= 0.95:
        return ("--pred-probs: the labels at p >= 0.5 are exactly the given set on every row, nearly certain, as a "
                "model trained on these rows gives; if so, label errors are hidden: pass out-of-sample probabilities "
                "(e.g. sklearn's cross_val_predict(..., method='predict_proba') per label)")
    hits = given.T.astype(np.int64) @ likely.astype(np.int64)  # label i given where column j says p >= 0.5
    if (found := _reordered(hits, held, names)) is None:
        return None
    as_given, best, moved, listed = found
    return (f"--pred-probs: its columns look like the labels in another order: a given label's column says p >= 0.5 "
            f"for {as_given:.0%} of the labels given as ordered, for {best:.0%} with {moved}; columns "
            f"must follow the sorted label order ({listed}), else every label score is wrong")


def zero_rows_note(features: np.ndarray) -> str | None:
    """A note when some ``--features`` rows are all zeros: no direction, so at cosine distance 1
    from every row (never a near-duplicate, however alike their texts)."""
    zero = np.flatnonzero(~features.any(axis=1))
    if not len(zero):
        return None
    shown = ", ".join(map(str, zero[:5].tolist())) + (" ..." if len(zero) > 5 else "")
    return (f"--features: {counted_verb(len(zero), 'row', 'are')} all zeros (row{'s' if len(zero) > 1 else ''} {shown}): no direction, so as far from every "
            "row as can be (never near-duplicates, likely outliers)")


def check_features(features: np.ndarray, n_rows: int) -> np.ndarray:
    """Reject features of the wrong row count or with NaN/inf; return unit-norm float32 rows
    (a writeable float32 array is normalised in place)."""
    if features.ndim != 2 or features.shape[0] != n_rows or features.shape[1] == 0:
        raise DataError(f"--features has shape {features.shape}; expected ({n_rows}, dim)")
    if not np.all(np.isfinite(features)):
        bad = np.flatnonzero(~np.all(np.isfinite(features), axis=1))
        raise DataError(f"--features has NaN or infinite values in {counted(len(bad), 'row')} (first: row {bad[0]})")
    # sums of squares in float64, without a float64 copy: in float32 they overflowed to inf for
    # entries above ~1e19 (every row then divided to zeros, audited without a word) and fell to 0
    # below ~1e-19 (rows with a direction taken for all-zero ones)
    norms = np.sqrt(np.einsum("ij,ij->i", features, features, dtype=np.float64))[:, None]
    if not norms.any():  # no row has a direction: every distance is the same, the audit would be noise
        raise DataError(f"--features: every row is all zeros ({features.shape[0]:,} x {features.shape[1]}); "
                        "nothing to compare (the wrong array?)")
    norms[norms == 0] = 1.0
    if features.dtype == np.float32 and features.flags.writeable:
        features /= norms  # in place: at 1M x 384 a copy is another 1.5 GB
        return features
    return (features / norms).astype(np.float32)


def validate_options(options: AuditOptions) -> AuditOptions:
    """Reject wrong options before any heavy work (loading a model, embedding, CV), with a
    one-line ``UsageError`` (or ``DataError`` for an unreadable ``--pred-probs``/``--features``
    file). Array shapes are checked against the data when the audit reads the arrays.

    Returns a copy with the issue types normalised; ``options`` itself is left as given."""
    from engine.embed_model import PRECISIONS, known_device, resolve_device
    from engine.predict import CLASSIFIERS

    options = dataclasses.replace(options, issue_types=parse_issue_types(options.issue_types))
    if not options.issue_types:
        raise UsageError(f"--issue-types names no issue type; choose from {', '.join(ISSUE_TYPES)}")
    if isinstance(options.folds, bool) or not isinstance(options.folds, int) or options.folds < 2:
        raise UsageError(f"--folds must be an integer of at least 2 (got {options.folds!r})")
    if isinstance(options.k, bool) or not isinstance(options.k, int) or options.k < 1:
        raise UsageError(f"k must be a positive integer (got {options.k!r})")
    if isinstance(options.seed, bool) or not isinstance(options.seed, int) or not 0 <= options.seed < 2 ** 32:
        # numpy's 'Seed must be between 0 and 2**32 - 1' from inside the folds, a traceback (hostile43)
        raise UsageError(f"seed must be an integer from 0 to 2**32 - 1 (got {options.seed!r})")
    if options.model is not None and not str(options.model).strip():
        # model='': "'NoneType' object has no attribute 'tokenize'" from sentence-transformers (hostile43)
        raise UsageError(f"model must name a model (got {options.model!r}; None for the bundled model, or 'tfidf')")
    if options.classifier not in CLASSIFIERS:
        raise UsageError(f"unknown classifier {options.classifier!r}; use one of {', '.join(CLASSIFIERS)}")
    if not (isinstance(options.C, (int, float)) and np.isfinite(options.C) and options.C > 0):
        raise UsageError(f"C must be a positive number (got {options.C!r})")
    if options.precision not in PRECISIONS:
        raise UsageError(f"unknown precision {options.precision!r}; use one of {', '.join(PRECISIONS)}")
    from engine.second_view import SECOND_VIEWS

    if options.second_view not in SECOND_VIEWS:
        raise UsageError(f"unknown --second-view {options.second_view!r}; use one of {', '.join(SECOND_VIEWS)}")
    if not known_device(str(options.device)):
        resolve_device(str(options.device))  # raises the one-line message (no torch import for a malformed name)
    for path, what in ((options.pred_probs_path, "pred-probs"), (options.features_path, "features")):
        if path:
            peek_user_array(path, what)
    return options


def peek_user_array(path: str, what: str) -> tuple[int, ...]:
    """The shape of a user-supplied ``.npy`` from its header alone (no data read), or a
    one-line DataError: a missing, unreadable, pickled or non-numeric file fails here, early."""
    return tuple(_open_user_array(path, what, mmap_mode="r").shape)


#: Memory an audit needs per (row x class) cell and per (class x class) pair, measured on this
#: code with 2 rows per class (K = 250..2,000): cross-validation holds several float64 (n, K)
#: arrays at once (fold probabilities, kNN votes, the blend); cleanlab adds (n, K) copies and
#: (K, K) matrices (confident joint and friends). 5,000 classes x 2 rows took 7.0 GB.
BYTES_PER_CELL = 70
BYTES_PER_CLASS_PAIR = 140
MEMORY_SHARE = 0.6  # of the machine's memory, at most, before the audit refuses to start
MEMORY_NOTE_BYTES = 2 << 30


def audit_memory_estimate(n_rows: int, n_classes: int) -> int:
    """Bytes the class-probability work of an audit needs at its peak (see BYTES_PER_CELL)."""
    return BYTES_PER_CELL * n_rows * n_classes + BYTES_PER_CLASS_PAIR * n_classes * n_classes


def memory_budget() -> int | None:
    """This machine's memory in bytes (a cgroup v2 limit if lower), or None when unknown."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = None
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit.isdigit():
            total = min(total or int(limit), int(limit))
    except OSError:
        pass
    return total if total and total > 0 else None


def check_audit_memory(dataset: Dataset) -> str | None:
    """Refuse, before any heavy work, a table whose row x class count would not fit in memory
    (thousands of classes); return a note when it needs much. Raises a one-line DataError."""
    need = audit_memory_estimate(len(dataset), dataset.n_classes)
    budget = memory_budget()
    gib = 1 << 30
    if budget is not None and need > MEMORY_SHARE * budget:
        raise DataError(
            f"{source_word(dataset.source)}: {len(dataset):,} rows x {dataset.n_classes:,} classes would need about "
            f"{need / gib:.1f} GiB for the class probabilities (this machine has {budget / gib:.1f} GiB); "
            f"is {dataset.label_column!r} really the label column? Otherwise merge rare classes or audit a subset"
        )
    if need > MEMORY_NOTE_BYTES:
        return (f"{len(dataset):,} rows x {dataset.n_classes:,} classes: the class probabilities need about "
                f"{need / gib:.1f} GiB of memory")
    return None


def check_auditable(dataset: Dataset) -> None:
    """Reject a table whose labels cannot be audited: every label unique leaves no class with
    a second example, so every out-of-sample prediction would be a guess (likely an id column)."""
    if dataset.n_classes == len(dataset):
        raise DataError(
            f"{source_word(dataset.source)}: every label in column {dataset.label_column!r} is unique "
            f"({len(dataset)} rows), so no class has an example to learn from; "
            + label_column_hint(dataset.frame, dataset.text_column, dataset.label_column)
        )


def meta_doubt(meta: dict[str, Any]) -> str | None:
    """Why a cache entry's metadata cannot be used (notes not strings, timings not numbers), or None."""
    notes, timings = meta.get("notes", []), meta.get("timings_s", {})
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        return "its notes are not a list of strings"
    if not isinstance(timings, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in timings.values()):
        return "its timings are not numbers"
    return None


def vectors_doubt(cached: dict[str, Any]) -> str | None:
    """Why cached vectors cannot be used (shape and dtype were checked by the cache)."""
    return None if np.isfinite(cached["vectors"].sum()) else "its vectors hold NaN or infinite values"


def pred_probs_doubt(cached: dict[str, Any]) -> str | None:
    probs = cached["pred_probs"]
    if not np.isfinite(probs).all() or (probs < 0).any():
        return "its pred_probs hold NaN, infinite or negative values"
    if np.abs(probs.sum(axis=1, dtype=np.float64) - 1.0).max(initial=0.0) > 1e-3:
        return "its pred_probs rows do not sum to 1"
    return None


def label_probs_doubt(cached: dict[str, Any]) -> str | None:
    """Why cached multi-label probabilities (one per label, rows need not sum to 1) cannot be used."""
    probs = cached["pred_probs"]
    if not np.isfinite(probs).all() or (probs < 0).any() or (probs > 1).any():
        return "its per-label probabilities hold NaN, infinite or values outside [0, 1]"
    return None


def graph_doubt(cached: dict[str, Any]) -> str | None:
    indices, distances = cached["indices"], cached["distances"]
    if indices.shape != distances.shape:
        return "its indices and distances disagree in shape"
    if indices.size and (indices.min() < 0 or indices.max() >= len(indices)):
        return "its neighbour indices point outside the data"
    if not np.isfinite(distances).all():
        return "its distances hold NaN or infinite values"
    if not isinstance(cached["_meta"].get("method"), str):
        return "it names no search method"
    return None


def audit_doubt(cached: dict[str, Any], n_rows: int) -> str | None:
    issues, summary = cached.get("issues"), cached.get("summary")
    # no check could run (each a note): a Parquet file of no column holds no row count either
    nothing = isinstance(issues, pd.DataFrame) and len(issues.columns) == 0 and len(issues) == 0
    if not isinstance(issues, pd.DataFrame) or (len(issues) != n_rows and not nothing):
        return f"its issue table does not have {n_rows:,} rows"
    if not isinstance(summary, pd.DataFrame) or not isinstance(cached.get("info"), dict):
        return "its summary or info is missing"
    if not isinstance(cached.get("report"), str):
        return "its report is missing"
    return None
