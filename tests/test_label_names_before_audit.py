"""browse --label-names: names that miss a label are said once the data is loaded, before the audit.

serve checked them before it listened, but browse ran the whole audit first (embedding, cross-
validation: minutes on a large dataset, and nothing cached for them to reuse on a first run) and
only then said 'label 7 (.. rows) has no name'. The labels are known after the load, so the app
checks there and gives the loaded data to the audit, which does not load it again.
"""

from __future__ import annotations

import pandas as pd
from pilot_helpers import wait_until

from engine.errors import EXIT_USAGE
from engine.pipeline import AuditOptions
from tui.app import TextauditApp


def _ints(demo_csv, tmp_path):
    frame = pd.read_csv(demo_csv)
    classes = sorted(frame["label"].unique())
    frame["label"] = [classes.index(label) + 1 for label in frame["label"]]  # 1-7
    path = tmp_path / "ints.csv"
    frame.to_csv(path, index=False)
    return path, len(classes)


async def test_names_missing_a_label_fail_before_the_audit(demo_csv, tmp_path, monkeypatch):
    path, k = _ints(demo_csv, tmp_path)
    audited = []

    def no_audit(source, options, **_):
        audited.append(source)
        raise AssertionError("the audit ran")

    monkeypatch.setattr("engine.pipeline.run_audit", no_audit)
    app = TextauditApp(source=str(path), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl",
                       label_names={i: f"c{i}" for i in range(k)})  # counted from 0: label 7 has none
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.audit_error is not None, "the names to fail")
        assert f"label {k} (" in str(app.audit_error), app.audit_error
        assert audited == []
        await pilot.press("q")
    assert app.return_code == EXIT_USAGE


async def test_names_that_fit_give_the_audit_the_loaded_data(demo_csv, tmp_path, monkeypatch):
    """The data is loaded once: the audit gets the Dataset the check read."""
    from engine.load import Dataset

    path, k = _ints(demo_csv, tmp_path)
    audited = []

    def no_audit(source, options, **_):
        audited.append(source)
        raise RuntimeError("stop here")

    monkeypatch.setattr("engine.pipeline.run_audit", no_audit)
    app = TextauditApp(source=str(path), options=AuditOptions(id_column="id"), journal_path=tmp_path / "j.jsonl",
                       label_names={i + 1: f"c{i}" for i in range(k)})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: audited, "the audit to start")
        assert isinstance(audited[0], Dataset) and len(audited[0].labels) == len(pd.read_csv(path))
        await pilot.press("q")


def test_audit_says_missing_names_before_the_audit(demo_csv, tmp_path, monkeypatch, capsys):
    """textaudit audit too: the same line, exit 2, and no audit run."""
    from tui.cli import main

    path, k = _ints(demo_csv, tmp_path)
    audited = []
    monkeypatch.setattr("engine.pipeline.run_audit", lambda source, *a, **kw: audited.append(source))
    spec = ",".join(f"c{i}" for i in range(k))  # counted from 0: label 7 has none
    assert main(["audit", str(path), "--id-column", "id", "--no-cache", "--label-names", spec]) == EXIT_USAGE
    assert f"label {k} (" in capsys.readouterr().err
    assert audited == []
