"""Real multi-label data for bench/quality_multilabel.py (session 32): the Debian package index's debtags.

Built at run time from ``apt-cache dumpavail`` (as bench/quality_data.py's ``debian``), never in the repo: a CSV
(package, text, tags) in the bench cache keyed by a hash of the dump, one row per tagged package (29,722 of
63,697 on bookworm main + updates + security), ``tags`` every debtag joined by ``|``.

Labels: the tags of the facets that say what the software does or what it is for, which a reader can judge from
the synopsis: ``use::`` (editing, converting, gameplaying...), ``works-with::`` (audio, image, db, mail...),
``field::`` (biology, mathematics, finance...), ``admin::`` (monitoring, backup, virtualization...), ``game::``
(arcade, puzzle, board...) and ``sound::`` (player, mixer, midi...). Left out: the packaging and build metadata
(``role::`` shared-lib/devel-lib/program, ``devel::`` library/lang:*, ``implemented-in::``, ``made-of::``,
``suite::``, ``scope::``, ``uitoolkit::``, ``interface::``, ``x11::``, ``culture::``, ``iso15924::``) and the
very fine ``works-with-format::``/``protocol::`` names; every ``::TODO`` tag (a tagger's placeholder). A label
on fewer than ``MIN_ROWS`` packages is dropped, then every package with no label left; then a seeded sample of
``SAMPLE`` rows.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.quality_data import DatasetUnavailable, apt_dump, keyed_csv  # noqa: E402

FACETS = ("use", "works-with", "field", "admin", "game", "sound")
MIN_ROWS, SAMPLE, SEED = 20, 9_000, 32


def parse_debtags(dump: str) -> list[tuple[str, str, list[str]]]:
    """(package, synopsis, tags) per tagged package of an ``apt-cache dumpavail`` text, sorted by name: the first
    stanza of a name wins (as quality_data.parse_packages); the ``Tag:`` field may span continuation lines."""
    rows: dict[str, tuple[str, str, list[str]]] = {}
    for stanza in dump.split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in stanza.splitlines():
            if line[:1].isspace():
                if key == "Tag":
                    fields["Tag"] += " " + line.strip()
                continue
            key, sep, value = line.partition(":")
            if not sep:
                key = None
            elif key not in fields:
                fields[key] = value.strip()
            else:
                key = None
        name, synopsis, tags = fields.get("Package"), fields.get("Description"), fields.get("Tag")
        if name and synopsis and tags and name not in rows:
            rows[name] = (name, synopsis, [t.strip() for t in tags.split(",") if t.strip()])
    return [rows[name] for name in sorted(rows)]


def debtags_csv() -> Path:
    """Every tagged package as a CSV in the bench cache, keyed by the dump's sha256 (the same lists give the same
    file). Raises DatasetUnavailable (one line) where apt-cache or its lists are missing."""
    dump = apt_dump("debtags")

    def rows() -> list[tuple[str, str, str]]:
        tagged = parse_debtags(dump.decode("utf-8", errors="replace"))
        if len(tagged) < 100:
            raise DatasetUnavailable(f"debtags: apt lists hold {len(tagged)} tagged packages (run apt-get update first)")
        return [(name, synopsis, "|".join(tags)) for name, synopsis, tags in tagged]

    return keyed_csv("debtags", dump, ["package", "text", "tags"], rows)


def select(rows: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The rows with their labels (FACETS, no TODO, labels on >= MIN_ROWS packages), rows with none left out,
    then a seeded sample of SAMPLE (file order kept)."""
    from collections import Counter

    kept = [(name, text, sorted({t for t in tags if t.split("::")[0] in FACETS and not t.endswith("::TODO")}))
            for name, text, tags in rows]
    counts = Counter(t for _, _, tags in kept for t in tags)
    kept = [(name, text, [t for t in tags if counts[t] >= MIN_ROWS]) for name, text, tags in kept]
    kept = [row for row in kept if row[2]]
    if len(kept) > SAMPLE:
        chosen = np.sort(np.random.default_rng(SEED).choice(len(kept), SAMPLE, replace=False))
        kept = [kept[i] for i in chosen]
    return kept


def debtags_rows() -> list[tuple[str, str, list[str]]]:
    with open(debtags_csv(), newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return select([(r["package"], r["text"], r["tags"].split("|")) for r in reader])


def debtags_sets() -> tuple[list[str], list[tuple[int, ...]], list[str]]:
    """(texts, label sets, label names) of the sample, rows shuffled once (the file is sorted by name)."""
    rows = debtags_rows()
    names = sorted({t for _, _, tags in rows for t in tags})
    index = {name: i for i, name in enumerate(names)}
    order = np.random.default_rng(12345).permutation(len(rows))
    return ([rows[i][1] for i in order], [tuple(sorted(index[t] for t in rows[i][2])) for i in order], names)


def write_csv(path: Path) -> int:
    """The sample as the file a user would audit: package, text, tags joined by ``|``."""
    rows = debtags_rows()
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["package", "text", "tags"])
        writer.writerows((name, text, "|".join(tags)) for name, text, tags in rows)
    return len(rows)
