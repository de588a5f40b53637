"""bench/quality.py's fourth real domain (session 32, man32): the manual pages' one-line descriptions.

Built at run time from this machine's man-db index (``apropos --long .``, what ``man -k .`` prints, untrimmed) into a
CSV in the bench cache keyed by a hash of that output; never in the repo. One row per (name, section): the text is
``name - description`` and the label the section as man-db gives it (1, 3, 8, 3pm, 3ssl, 7ssl, 3type, ...).

Choices, and why:
- The name is kept in the text: a page's aliases share its description (``X FreeType interface library`` 78 times,
  ``library routines for remote procedure calls`` 64), so the description alone makes ~40% of the rows exact copies of
  another row, and 204 rows carry a description that other sections carry too (``change file timestamps``: touch(1)
  and utime(3)); a person labelling manual pages sees the name too. The name carries real section cues (``::`` for
  3pm, ``SSL_`` for 3ssl, ``.conf`` for 5), as a product name does in a support ticket.
- Suffixed sections stay their own classes (3pm, 3perl, 3ssl, 3t, 3type, 3const, 1ssl, 7ssl, ...): they are the
  pages' own sections (``man 3ssl SSL_new``) and give the real long tail (here 6 classes of 1-2 rows).
- ``(unknown subject)`` rows are left out: man-db's placeholder for a page whose NAME line it could not parse, not a
  description (16,631 of 22,424 lines here, all of them gcloud's generated pages).
- Identical (name, section) pairs are deduplicated (the first wins: a page in two manpaths or locales).
- The C locale: the same pages give the same text whatever the user's language.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

#: ``manpages``' seeded sample where a machine has more pages (here 5,793 rows: all of them)
MANPAGES_SAMPLE, MANPAGES_SEED = 10_000, 32
UNKNOWN = "(unknown subject)"
_LINE = re.compile(r"^(\S+) \(([^()\s]+)\)\s+- (.*)$")


def parse_apropos(output: str) -> list[tuple[str, str, str]]:
    """(name, section, description) per line of ``apropos --long`` output, sorted by (section, name): lines that do
    not read ``name (section) - description``, empty descriptions and man-db's ``(unknown subject)`` are left out, and
    a repeated (name, section) keeps its first description."""
    rows: dict[tuple[str, str], str] = {}
    for line in output.splitlines():
        match = _LINE.match(line.rstrip())
        if match is None:
            continue
        name, section, description = match.group(1), match.group(2), match.group(3).strip()
        if description and description != UNKNOWN:
            rows.setdefault((name, section), description)
    return [(name, section, rows[(name, section)]) for section, name in sorted((s, n) for n, s in rows)]


def manpages_csv() -> Path:
    """The manual pages' index as a CSV (name, text, section) in the bench cache, keyed by a hash of ``apropos``'s
    output: the same pages give the same file. Raises DatasetUnavailable (one line) where man-db is missing or its
    index is nearly empty."""
    from bench.quality_data import DatasetUnavailable, keyed_csv

    if shutil.which("apropos") is None:
        raise DatasetUnavailable("manpages: apropos not found (the dataset is built from a machine's man-db index)")
    try:
        output = subprocess.run(["apropos", "--long", "."], capture_output=True, timeout=300,
                                env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""}).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise DatasetUnavailable(f"manpages: apropos failed ({error})") from None
    rows = parse_apropos(output.decode("utf-8", errors="replace"))  # exit 16 (nothing found): no rows, said below
    if len(rows) < 100:
        raise DatasetUnavailable(f"manpages: the man-db index holds {len(rows)} pages (run mandb first)")
    return keyed_csv("manpages", output, ["name", "text", "section"],
                     lambda: ((name, f"{name} - {description}", section) for name, section, description in rows))
