"""Write the dataset with the journal's decisions applied, or just the changed rows.

The latest decision per row wins: relabel writes the new label (mapped back to the original
label value, so integer labels stay integers), exclude drops the row, keep changes nothing.
Original columns and row order are kept. Files are written to a temporary name in the target
folder and renamed into place, so a failed export never leaves a half-written file.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine.corrections import Journal, fsync_dir, json_safe, label_values
from engine.errors import DataError, TextauditError, UsageError
from engine.load import Dataset

FORMATS = ("csv", "jsonl", "parquet", "hf")
SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
_SAVED_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")


@dataclass
class ExportSummary:
    """What an export wrote."""

    path: Path
    rows_written: int
    relabelled: int
    excluded: int
    kept: int
    fmt: str = ""
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        return (f"wrote {self.rows_written:,} rows to {self.path} ({self.fmt}): "
                f"{self.relabelled:,} relabelled, {self.excluded:,} excluded, {self.kept:,} kept as is")


def resolve_format(output: Path, fmt: str) -> str:
    """The output format: explicit, or from the file extension."""
    if fmt != "auto":
        if fmt not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use auto, {', '.join(FORMATS)}")
        return fmt
    found = SUFFIX_FORMATS.get(output.suffix.lower())
    if found is None:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise UsageError(f"{output}: cannot tell the export format from extension "
                         f"{output.suffix or '(none)'!r}; use {known}, or --format hf for a datasets folder")
    return found


def export_corrected(
    dataset: Dataset,
    journal_path: Path,
    output: Path,
    *,
    fmt: str = "auto",
    corrections_only: bool = False,
    force: bool = False,
) -> ExportSummary:
    """Apply the journal at ``journal_path`` to ``dataset`` and write ``output``."""
    output, journal_path = Path(output).expanduser(), Path(journal_path).expanduser()
    fmt = resolve_format(output, fmt)
    _check_target(dataset, journal_path, output, fmt, force)
    require_journal(journal_path)
    with Journal.open(journal_path, dataset, read_only=True) as journal:
        decisions, counts, report = journal.decisions(), journal.counts(), list(journal.load_report)
    if not decisions and _has_entries(journal_path) and report:
        raise DataError(f"journal {journal_path} does not match this dataset: no decision applies "
                        f"({'; '.join(report)})")
    frame = corrections_frame(dataset, decisions) if corrections_only else corrected_frame(dataset, decisions)
    _write(frame, output, fmt)
    return ExportSummary(path=output, rows_written=len(frame), relabelled=counts["relabel"],
                         excluded=counts["exclude"], kept=counts["keep"], fmt=fmt, warnings=report)


def corrected_frame(dataset: Dataset, decisions: dict) -> pd.DataFrame:
    """The original frame with relabels written and excluded rows removed, order kept."""
    frame = dataset.frame.copy()
    relabels = sorted((row, d.label_after) for row, d in decisions.items() if d.action == "relabel")
    if relabels:
        column = dataset.label_column
        values = label_values(dataset, [label for _, label in relabels])
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            new = [v for v in dict.fromkeys(values) if v not in frame[column].cat.categories]
            frame[column] = frame[column].cat.add_categories(new)
        rows = np.array([row for row, _ in relabels], dtype=np.int64)
        position = frame.columns.get_loc(column)
        for row, value in zip(rows.tolist(), values):  # per cell: keeps the column's dtype
            frame.iat[row, position] = value
    keep = np.ones(len(frame), dtype=bool)
    keep[[row for row, d in decisions.items() if d.action == "exclude"]] = False
    return frame[keep].reset_index(drop=True)


def corrections_frame(dataset: Dataset, decisions: dict) -> pd.DataFrame:
    """Only the changed rows (relabel, exclude): row, id, text, label_before, label_after, action."""
    changed = sorted(row for row, d in decisions.items() if d.action in ("relabel", "exclude"))
    before = [dataset.classes[int(dataset.labels[row])] for row in changed]
    relabelled = [row for row in changed if decisions[row].action == "relabel"]
    new_labels = dict(zip(relabelled, label_values(dataset, [decisions[row].label_after for row in relabelled])))
    after = [new_labels.get(row) for row in changed]
    label_dtype = _label_dtype(dataset)
    return pd.DataFrame({
        "row": pd.array(changed, dtype="int64"),
        "id": [json_safe(dataset.ids[row]) for row in changed],
        "text": [dataset.texts[row] for row in changed],
        "label_before": pd.array(before, dtype=label_dtype),
        "label_after": pd.array(after, dtype=label_dtype),
        "action": [decisions[row].action for row in changed],
    })


def _label_dtype(dataset: Dataset) -> Any:
    """Nullable dtypes so an exclude's empty label_after does not turn int labels into floats."""
    if all(isinstance(c, int) for c in dataset.classes):
        return "Int64"
    if all(isinstance(c, (int, float)) for c in dataset.classes):
        return "Float64"
    return object


def require_journal(journal_path: Path) -> None:
    """Raise a clear error unless ``journal_path`` is an existing file."""
    if not journal_path.exists():
        raise DataError(f"no corrections journal at {journal_path}; make decisions in the app first, "
                        "or pass --journal PATH")
    if not journal_path.is_file():
        raise DataError(f"journal {journal_path} is not a file")


def _has_entries(journal_path: Path) -> bool:
    try:
        return journal_path.stat().st_size > 0
    except OSError:
        return False


def _same_path(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check_target(dataset: Dataset, journal_path: Path, output: Path, fmt: str, force: bool) -> None:
    source = dataset.source
    if not source.startswith("hf:") and source != "<DataFrame>" and _same_path(output, Path(source)):
        if not force:
            raise UsageError(f"{output} is the input file; refusing to overwrite it (choose another "
                             "--output, or pass --force)")
    if _same_path(output, journal_path):
        raise UsageError(f"{output} is the corrections journal; refusing to overwrite it")
    if not output.parent.is_dir():
        raise UsageError(f"cannot write {output}: folder {output.parent} does not exist")
    if fmt == "hf":
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is a file; --format hf writes a folder")
        if output.is_dir() and any(output.iterdir()) and not any((output / m).exists() for m in _SAVED_MARKERS):
            raise UsageError(f"{output} is a folder that is not a saved dataset; refusing to replace it")
    elif output.is_dir():
        raise UsageError(f"{output} is a folder; give a file name (or --format hf)")


def _write(frame: pd.DataFrame, output: Path, fmt: str) -> None:
    try:
        if fmt == "hf":
            _write_hf(frame, output)
        else:
            _write_file(frame, output, fmt)
    except TextauditError:
        raise
    except OSError as exc:
        raise DataError(f"cannot write {output}: {exc.strerror or exc}") from None
    except Exception as exc:  # arrow/pandas conversion errors: one line, not a traceback
        raise DataError(f"cannot write {output} as {fmt}: {type(exc).__name__}: {exc}") from None


def _temp_name(output: Path) -> Path:
    return output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")


def _write_file(frame: pd.DataFrame, output: Path, fmt: str) -> None:
    temp = _temp_name(output)
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # umask applies, unlike mkstemp
    try:
        if fmt == "csv":
            frame.to_csv(temp, index=False)
        elif fmt == "jsonl":
            frame.to_json(temp, orient="records", lines=True, force_ascii=False, date_format="iso")
        else:
            frame.to_parquet(temp, index=False)
        _fsync_file(temp)
        os.replace(temp, output)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(output.parent)


def _write_hf(frame: pd.DataFrame, output: Path) -> None:
    """Save a datasets folder beside the target, then swap it in (the old one removed last)."""
    import datasets

    temp = _temp_name(output)
    temp.mkdir()
    old = None
    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # one summary line, not a progress bar on stderr
    try:
        datasets.Dataset.from_pandas(frame, preserve_index=False).save_to_disk(str(temp))
        if output.exists():
            old = output.with_name(f".{output.name}.old-{os.getpid()}")
            os.replace(output, old)
        os.replace(temp, output)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        if old is not None and not output.exists():
            os.replace(old, output)
        raise
    finally:
        if bars:
            datasets.enable_progress_bars()
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    fsync_dir(output.parent)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def export_from_args(args: Any) -> int:
    """``textaudit export``: load the data, apply the journal, write the output, print one line."""
    from engine.load import load_dataset
    from engine.paths import default_journal_path

    journal_path = Path(args.journal).expanduser() if args.journal else default_journal_path(args.data)
    output = Path(args.output).expanduser()
    resolve_format(output, args.format)  # fail on a bad extension before reading the data
    require_journal(journal_path)
    dataset = load_dataset(args.data, text_column=args.text_column, label_column=args.label_column,
                           id_column=args.id_column, encoding=args.encoding)
    summary = export_corrected(dataset, journal_path, output, fmt=args.format,
                               corrections_only=args.corrections_only, force=args.force)
    for warning in summary.warnings:
        print(f"textaudit: warning: {warning}", file=sys.stderr)
    print(summary.line())
    return 0
