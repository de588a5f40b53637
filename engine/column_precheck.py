"""A CSV/TSV's column error before the app opens, from its first rows (walk39).

``textaudit browse ag_news/test.csv`` (columns label, title, description) opened the app only to show
"no text column 'text' ...; choose one with --text-column (or join several: --text-column title+description)"
and wait for q. :func:`check_columns_early` resolves the columns on the file's first :data:`SAMPLE_ROWS`
records, as the load does (engine/load._resolve); where that fails, the whole load runs and its own error
(the same line) reaches the shell. A sample that resolves, or a file this cannot read, goes on to the app as
before: a refusal is always the full load's, never the sample's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from engine.pipeline import AuditOptions

#: The records the sample holds (the guess reads at most 1,000 values of a column).
SAMPLE_ROWS = 1_000


def sample_frame(path: Path, kind: str, encoding: str) -> pd.DataFrame | None:
    """The header and first records of a CSV/TSV as read_delimited reads them (strings, empty = missing), or
    None where the csv module cannot tell or the rows are ragged: the load then says what is wrong."""
    import pandas as pd

    from engine.readers import unique_names
    from engine.wide_header import first_records

    records = first_records(path, kind, encoding, SAMPLE_ROWS)
    header, rows = (records[0], records[1:]) if records else (None, [])
    if not header or not rows or any(len(row) != len(header) for row in rows):
        return None
    cells = [[cell if cell != "" else None for cell in row] for row in rows]
    return pd.DataFrame(cells, columns=unique_names(header), dtype=object)


def check_columns_early(source: str, options: AuditOptions) -> None:
    """Raise the load's one-line column error for a local .csv/.tsv whose columns do not resolve (no
    ``text`` and no lone text-like column, a given column missing), before the TUI starts."""
    path = Path(source)
    kind = {".csv": "csv", ".tsv": "tsv"}.get(path.suffix.lower())
    if kind is None or not path.is_file():
        return
    sample = sample_frame(path, kind, options.encoding)
    if sample is None:
        return
    from engine.load import _resolve, load_dataset

    try:
        _resolve(sample, None, source, options.encoding, options.text_column, options.label_column,
                 options.id_column)
    except UsageError:  # the whole load decides, and says it in its own words
        load_dataset(source, text_column=options.text_column, label_column=options.label_column,
                     id_column=options.id_column, encoding=options.encoding, label_sep=options.label_sep)
