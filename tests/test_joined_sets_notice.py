"""Joined label sets read as single labels are said as soon as the data is loaded, not after the audit.

ml32 (Debian debtags, a '|'-joined tag column, `browse` without --label-sep): a single-label audit of
2,208 'classes' ran about 10 minutes before the summary's note said to pass --label-sep. The note now
reaches the progress screen and the CLI's stderr before the embedding starts, so the user can cancel
and rerun with the option."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from engine.errors import Cancelled
from engine.label_sets_hint import joined_sets_notes
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from engine.progress import Progress
from pilot_helpers import wait_until
from tui.app import TextauditApp

SETS = ["app", "payment|fraud", "card", "refund|app", "payment", "fraud", "card|refund|urgent", "app", "urgent"]


def joined_csv(tmp_path, labels=SETS):
    path = tmp_path / "tags.csv"
    rows = [(f"customer message number {i} about {label.replace('|', ' and ')}", label) for i, label in
            enumerate(labels * 4)]
    pd.DataFrame(rows, columns=["text", "tags"]).to_csv(path, index=False)
    return path


def test_the_dataset_carries_the_note_as_a_notice(tmp_path):
    data = load_dataset(str(joined_csv(tmp_path)), label_column="tags")
    (notice,) = data.notices
    assert "pass --label-sep '|' for sets" in notice and "e.g." not in notice  # short: the progress screen's
    (note,) = [w for w in data.warnings if "look like label sets" in w]  # the summary's note keeps the example
    assert "e.g. 'card|refund|urgent'" in note
    assert load_dataset(str(joined_csv(tmp_path)), label_column="tags", label_sep="|").notices == []
    plain = load_dataset(str(joined_csv(tmp_path, ["card", "app", "fraud", "payment"])), label_column="tags")
    assert plain.notices == []


def test_the_audit_says_it_before_embedding(tmp_path):
    reports: list[Progress] = []
    cancel = threading.Event()

    def progress(report: Progress) -> None:
        reports.append(report)
        if report.notice:
            cancel.set()  # as a user who reads it would: nothing after it may run

    with pytest.raises(Cancelled):
        run_audit(str(joined_csv(tmp_path)), AuditOptions(label_column="tags", use_cache=False), progress=progress,
                  cancel=cancel)
    notices = [i for i, report in enumerate(reports) if report.notice]
    assert len(notices) == 1 and "--label-sep '|'" in reports[notices[0]].notice
    assert not any(report.stage == "embed" and report.done for report in reports[:notices[0]])


def test_the_cli_prints_it_on_a_line_of_its_own(capsys):
    from tui.cli_progress import _StderrProgress

    printer = _StderrProgress()
    printer(Progress("load", 1, 1, notice="labels in column 'tags' look like label sets; pass --label-sep '|'"))
    assert capsys.readouterr().err.endswith("textaudit: note: labels in column 'tags' look like label sets; "
                                            "pass --label-sep '|'\n")


def test_a_long_example_set_is_cut():
    long_sets = ["a", "b", "c", "|".join(f"field::topic{i}" for i in range(20)), "a|b"]
    data = load_dataset(pd.DataFrame({"text": [f"t{i}" for i in range(5)], "tags": long_sets}), label_column="tags")
    (note,) = [w for w in data.warnings if "look like label sets" in w]
    example = note.split("e.g. ")[1].split("; their parts")[0]
    assert len(example) <= 42 and example.endswith("…'")  # 40 cells and its quotes


@pytest.mark.parametrize("size", [(50, 16), (80, 24)])
async def test_the_progress_screen_shows_it_while_the_audit_runs(monkeypatch, demo_csv, tmp_path, size):
    """Drawn on screen, above the footer, while the embedding runs (a stand-in audit: no model load)."""
    started = threading.Event()

    # the note as the engine words it for a column of Debian debtags (955 labels, 871 of them joined)
    tags = pd.Series([f"field::topic{i}" for i in range(84)] + [f"field::topic{i}|use::x{i}" for i in range(871)])
    note = joined_sets_notes(tags, "tags")[1]

    def noting_audit(source, options, *, progress=None, cancel=None, **_):
        progress(Progress("load", 1, 1, "done"))
        progress(Progress("load", 1, 1, notice=note))
        for stage in ("embed", "neighbours"):
            progress(Progress(stage, 1, 1, "done"))
        progress(Progress("predict", 2, 5, "fold 3 of 5"))  # a late stage running
        started.set()
        cancel.wait(30)
        raise Cancelled("cancelled")

    monkeypatch.setattr("engine.pipeline.run_audit", noting_audit)
    app = TextauditApp(source=str(demo_csv), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=size) as pilot:
        notice = app.screen.query_one("#notice")
        await wait_until(pilot, lambda: started.is_set() and "--label-sep" in str(notice.render()), "the notice")
        await pilot.pause()
        assert str(notice.render()).startswith("Note: labels in column 'tags' look like label sets")
        assert notice.display and notice.region.height >= 3
        assert notice.region.y + notice.region.height <= size[1] - 1  # whole, above the footer
        for shown in ("#label-predict", "#label-audit"):  # the running stage and the last, drawn where they are
            widget = app.screen.query_one(shown)
            assert widget.region.height and widget.region.y + widget.region.height <= size[1] - 1, (shown, widget.region)
            assert app.screen.get_widget_at(widget.region.x, widget.region.y)[0] is widget, shown
        await pilot.press("escape")
        await pilot.pause()
