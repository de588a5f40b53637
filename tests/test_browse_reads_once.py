"""'textaudit browse' reads its data once where the column check had to load it whole (fix41b). A file whose first
1,000 records do not resolve its columns is loaded whole in the shell (the load's own refusal, or its accept); that
load's Dataset now goes to the app, which audits it, where the app read the file a second time."""

from __future__ import annotations

import json

import pytest
from pilot_helpers import wait_until

import engine.load
import tui.launch
from engine.errors import DataError
from engine.pipeline import AuditOptions
from tui.cli import main


def _late_text(path) -> None:
    """The first 1,000 records have no 'text' (the sample does not resolve), a later one has."""
    records = [{"label": "ab"[i % 2], "note": None} for i in range(1_000)]
    records += [{"text": f"text {i}", "label": "ab"[i % 2]} for i in range(4)]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The sources engine.load.load_dataset read."""
    read: list[str] = []
    load = engine.load.load_dataset

    def counting(source, *args, **kwargs):
        read.append(str(source))
        return load(source, *args, **kwargs)

    monkeypatch.setattr(engine.load, "load_dataset", counting)
    return read


def test_the_whole_load_goes_to_the_app(tmp_path, monkeypatch, loads) -> None:
    opened: list[dict] = []
    monkeypatch.setattr(tui.launch, "run_app", lambda source, *args, **kwargs: opened.append(kwargs) or 0)
    _late_text(data := tmp_path / "late.jsonl")
    assert main(["browse", str(data)]) == 0
    assert loads == [str(data)]
    dataset = opened[0].get("dataset")
    assert isinstance(dataset, engine.load.Dataset) and len(dataset) == 1_004 and dataset.text_column == "text"


def test_a_file_the_sample_resolves_is_not_loaded_in_the_shell(tmp_path, monkeypatch, loads) -> None:
    opened: list[dict] = []
    monkeypatch.setattr(tui.launch, "run_app", lambda source, *args, **kwargs: opened.append(kwargs) or 0)
    (data := tmp_path / "b.csv").write_text("text,label\nmy card is lost,a\nwhere is my card,b\n")
    assert main(["browse", str(data)]) == 0
    assert loads == [] and opened[0].get("dataset") is None


async def test_the_app_audits_the_dataset_it_is_given(tmp_path, monkeypatch) -> None:
    """No second read in the app; the load's notices (a guessed column) are still said on the progress screen."""
    from tui.app import TextauditApp

    data = tmp_path / "b.jsonl"
    data.write_text("".join(json.dumps({"utterance": f"text {i}", "label": "ab"[i % 2]}) + "\n" for i in range(6)))
    dataset = engine.load.load_dataset(str(data))
    assert dataset.notices, "the guessed text column's notice"
    audited: list[object] = []

    def audit(source, options, **_):
        audited.append(source)
        raise DataError("stop here")

    monkeypatch.setattr("engine.pipeline.run_audit", audit)
    monkeypatch.setattr(engine.load, "load_dataset", lambda *a, **k: pytest.fail("read again in the app"))
    app = TextauditApp(source=str(data), options=AuditOptions(), journal_path=tmp_path / "j.jsonl", dataset=dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.audit_error is not None, "the audit's end")
        progress = app.progress_screen()
        notice = str(progress.query_one("#notice").render())
        assert "utterance" in notice, notice
        assert "load" in progress.stage_done
    assert audited == [dataset]
