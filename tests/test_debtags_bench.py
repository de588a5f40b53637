"""bench/quality_debtags.py: real label sets from the Debian package index's debtags (no apt lists needed)."""

from __future__ import annotations

import pytest

DUMP = """Package: foo
Version: 1.0
Tag: implemented-in::c, role::program, use::editing,
 works-with::text, works-with::TODO
Description: Edit foo files
Section: editors

Package: foo
Tag: use::viewing
Description: a second stanza of foo

Package: bar
Description: Bar without tags
Section: utils

Package: abc
Tag: field::biology, game::arcade, role::shared-lib, suite::gnome, use::editing
Description: Arcade biology
"""


def test_tags_across_continuation_lines_first_stanza_wins_untagged_left_out() -> None:
    from bench.quality_debtags import parse_debtags

    assert parse_debtags(DUMP) == [
        ("abc", "Arcade biology", ["field::biology", "game::arcade", "role::shared-lib", "suite::gnome", "use::editing"]),
        ("foo", "Edit foo files", ["implemented-in::c", "role::program", "use::editing", "works-with::text",
                                   "works-with::TODO"]),
    ]


def test_labels_are_the_meaning_facets_without_todo_or_rare_labels(monkeypatch) -> None:
    import bench.quality_debtags as debtags

    monkeypatch.setattr(debtags, "MIN_ROWS", 2)
    rows = [("a", "t1", ["use::editing", "role::program", "works-with::TODO", "field::biology"]),
            ("b", "t2", ["use::editing", "implemented-in::c", "field::biology", "admin::backup"]),
            ("c", "t3", ["role::program", "admin::backup", "devel::library"]),
            ("d", "t4", ["sound::player", "suite::gnome"])]  # its one label is on one row: left out
    assert debtags.select(rows) == [("a", "t1", ["field::biology", "use::editing"]),
                                    ("b", "t2", ["admin::backup", "field::biology", "use::editing"]),
                                    ("c", "t3", ["admin::backup"])]


def test_without_apt_cache_is_one_line_not_a_crash(monkeypatch, tmp_path) -> None:
    import bench.quality_data as data
    import bench.quality_debtags as debtags
    from bench.quality_data import DatasetUnavailable

    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(data.shutil, "which", lambda name: None)  # apt_dump, shared with debian
    with pytest.raises(DatasetUnavailable, match="apt-cache not found"):
        debtags.debtags_sets()
    assert not list(tmp_path.iterdir())
