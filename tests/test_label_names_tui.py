"""--label-names in the app: the lists, the picker and the filter name integer labels; the journal
and the export keep the ints (so the journal replays and exports without the names)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pilot_helpers import filter_rows, journal_lines, open_issue, wait_until

from engine.errors import EXIT_USAGE
from engine.export import export_corrected
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from tui.app import TextauditApp

NAMES = ["Billing", "Cards", "Balance", "Exchange", "Pin", "Refunds", "Transfers"]


@pytest.fixture(scope="module")
def int_labelled(demo_csv, tmp_path_factory) -> tuple[Path, dict[int, str], object]:
    """The demo with its 7 classes written as the ints 1-7, the names of those ints, its audit."""
    frame = pd.read_csv(demo_csv)
    classes = sorted(frame["label"].unique())
    frame["label"] = [classes.index(label) + 1 for label in frame["label"]]
    path = tmp_path_factory.mktemp("ints") / "ints.csv"
    frame.to_csv(path, index=False)
    return path, {i + 1: name for i, name in enumerate(NAMES)}, run_audit(path, AuditOptions(id_column="id"))


async def test_screens_name_the_ints_and_the_journal_keeps_them(int_labelled, tmp_path):
    path, names, result = int_labelled
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal, label_names=names)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.view.class_names == NAMES
        screen = await open_issue(pilot, "label")
        row = screen.row_list.current_row
        given = int(app.view.given[row])
        target = next(i for i in range(len(NAMES)) if i not in (given, int(app.view.predicted[row])))
        assert NAMES[given] in screen.cell(row, "given")
        await pilot.press("l")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "picker-query", "the picker")
        await pilot.press(*NAMES[target].lower(), "enter")  # found by its name
        await wait_until(pilot, lambda: len(journal_lines(journal)) == 1, "the relabel in the journal")
        line = journal_lines(journal)[0]
        assert (line["label_before"], line["label_after"]) == (str(given + 1), str(target + 1))
        await filter_rows(pilot, f"given:{NAMES[given].lower()}")
        listed = screen.row_list.order
        assert len(listed) and all(int(app.view.given[r]) == given for r in listed)
    exported = tmp_path / "out.csv"
    export_corrected(load_dataset(path, id_column="id"), journal, exported)  # no names: the ints
    out = pd.read_csv(exported)
    assert out["label"].dtype.kind == "i"
    assert int(out.loc[out["id"] == app.view.ids[row], "label"].iloc[0]) == target + 1


async def test_names_that_do_not_fit_fail_as_a_usage_error(int_labelled, tmp_path):
    path, _, _ = int_labelled
    app = TextauditApp(source=str(path), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl",
                       label_names={i: name for i, name in enumerate(NAMES)})  # counted from 0: 7 has none
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.audit_error is not None, "the audit to fail on the names")
        assert "label 7 (" in str(app.audit_error) and "1=Billing,2=Cards" in str(app.audit_error)
        await pilot.press("q")
    assert app.return_code == EXIT_USAGE
