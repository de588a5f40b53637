"""``--issues-out``: the per-row issue table an audit writes, its path checked before any work (a known format,
not an input, not the default journal, only an earlier table replaced), written atomically."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from engine import atomic
from engine.errors import DataError, TextauditError, UsageError
from engine.formats import folder_output_problem, format_of, known_suffixes
from engine.paths import shell_word
from engine.output_guard import check_output, same_file
from engine.paths import DEFAULT_JOURNAL, data_journal_path
from engine.wording import agreeing, counted
from engine.writers import write_table


def _is_issue_table(path: Path, fmt: str) -> bool:
    """True when ``path`` (an existing file) is empty or holds an issue table as
    :func:`write_issue_table` writes it: first columns ``row``, ``id``, ``text``."""
    try:
        if path.stat().st_size == 0:
            return True
        if fmt == "parquet":
            import pyarrow.parquet as pq

            from engine.paths import arrow_file

            with arrow_file(path) as source:
                return pq.read_schema(source).names[:3] == ["row", "id", "text"]
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace").lstrip("\ufeff")
    except Exception:  # unreadable, not Parquet: not a table textaudit wrote
        return False
    sep = "\t" if fmt == "tsv" else ","
    return {"csv": head.startswith(f"row{sep}id{sep}text{sep}"), "tsv": head.startswith(f"row{sep}id{sep}text{sep}"),
            "jsonl": head.lstrip().startswith('{"row":'), "json": head.lstrip().startswith('[{"row":')}.get(fmt, False)


def issues_out_path(target: str, inputs: list[str | None], data: str | None = None) -> tuple[Path, str]:
    """Check ``--issues-out`` before any work: a known file format, not an input, not a link, not
    the default journal path of ``data`` (a table written there stopped every later browse/export)."""
    path = Path(target).expanduser()
    if problem := folder_output_problem(target, format_of(path) or "table", "--issues-out"):
        raise UsageError(problem)  # 'new.csv/': a file new.csv was written; 'sub': '(none)' was said
    named = [(Path(p).expanduser(), "an input folder" if Path(p).expanduser().is_dir() else "an input file")
             for p in inputs if p and not str(p).startswith("hf:")]  # a saved dataset: 'inside an input file' was said
    if (default := data_journal_path(data)) is not None:
        named.append((default, DEFAULT_JOURNAL))
    for source, what in named:
        if same_file(path, source):
            raise UsageError(f"--issues-out {shell_word(str(path))} is {what}; refusing to overwrite it (choose another path)")
    fmt = format_of(path)
    if fmt is None:
        raise UsageError(f"--issues-out: unknown extension {path.suffix or '(none)'!r}; use {known_suffixes()}")
    check_output(path, fmt, inputs=named, force=True, option="--issues-out")
    if path.is_file() and not _is_issue_table(path, fmt):  # replaced without asking: only an earlier table
        raise UsageError(f"--issues-out {shell_word(str(path))} exists and is not an issue table textaudit wrote; refusing to "
                         "replace it (remove it first, or choose another path)")
    return path, fmt


def _without_lone_surrogates(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def write_issue_table(result: Any, target: str, inputs: list[str | None], rows: Any = None,
                      names: dict[str, str] | None = None) -> list[str]:
    """Write the per-row issue table atomically; never onto an input. Returns warnings.
    ``rows``, ``names``: as engine.result.issue_table takes them (the file's rows, --label-names)."""
    from engine.result import issue_table

    path, fmt = issues_out_path(target, inputs)
    atomic.clean_stale_temps(path.parent)
    table = issue_table(result, rows, names)
    if fmt in ("csv", "tsv") and "near_duplicate_sets" in table:
        table = table.assign(near_duplicate_sets=table["near_duplicate_sets"].map(
            lambda v: " ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v))
    from engine.result import id_column_hint

    warnings: list[str] = [hint] if (hint := id_column_hint(getattr(result, "dataset", None))) else []
    if fmt not in ("jsonl", "json"):
        # the report is not the dataset: a text, label or id UTF-8 cannot hold is shown with U+FFFD,
        # and said (a label from JSON's "\ud800x" ended in 'internal error: UnicodeEncodeError')
        for column in [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]:
            original = table[column].tolist()
            cells = [_without_lone_surrogates(cell) for cell in original]
            replaced = sum(a is not b for a, b in zip(cells, original))
            if replaced:
                table = table.assign(**{column: pd.Series(cells, dtype=object)})
                rows = "row's" if replaced == 1 else "rows'"  # '1 row' id' read wrong
                what = counted(replaced, "text") if column == "text" else f"{replaced:,} {rows} {column}"
                warnings.append(f"--issues-out: {what} {agreeing(replaced, 'hold')} lone surrogates, which "
                                f"{fmt} cannot store; written with U+FFFD (use .jsonl to keep them)")
    try:
        return warnings + write_table(table, path, fmt, None)
    except TextauditError as exc:
        raise DataError(f"--issues-out: {exc.message}") from None
    except OSError as exc:
        raise DataError(f"--issues-out: cannot write {shell_word(str(target))}: {exc.strerror or exc}") from None
