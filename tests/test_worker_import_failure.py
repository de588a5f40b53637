"""A worker whose engine module fails to import says so; it ended silently.

Seen in tmux on the demo (ui25): e, enter said 'exporting to /tmp/.../demo.corrected.csv…' and
then nothing, no file and no message: the export worker's 'from engine.export import ...' stood
before its try, so the ImportError (a module changed under the running app; a broken install does
the same) ended the worker quietly (exit_on_error=False). The audit, re-audit and more-like-this
workers had their imports before the try as well.
"""

from __future__ import annotations

import sys

import pytest
from pilot_helpers import notices, open_issue, settle, wait_until
from tui_synthetic import fixed_app

from engine.pipeline import AuditOptions
from tui.app import TextauditApp


def _broken(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """``import`` of each module raises ImportError (None in sys.modules)."""
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


async def test_an_export_whose_module_fails_to_import_says_so(pinned_result, journal_path, tmp_path, monkeypatch):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notices(app)
        await settle(pilot)
        _broken(monkeypatch, "engine.export")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.startswith("export to ") and "Error" in n for n in seen),
                         "the export to say it failed")
        assert any("exporting to" in n for n in seen)


async def test_a_reaudit_whose_module_fails_to_import_says_so(pinned_result, journal_path, monkeypatch):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notices(app)
        await open_issue(pilot, "label")
        await pilot.press("x")  # R wants a correction to re-audit with
        await settle(pilot)
        _broken(monkeypatch, "engine.reaudit")
        await pilot.press("R")
        await wait_until(pilot, lambda: any("re-audit failed" in n for n in seen), "the re-audit to say it failed")


async def test_more_like_this_whose_module_fails_to_import_says_so(pinned_result, journal_path, monkeypatch):
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notices(app)
        await open_issue(pilot, "label")
        _broken(monkeypatch, "engine.similar")
        await pilot.press("m")
        await wait_until(pilot, lambda: any("more like this failed" in n for n in seen),
                         "more like this to say it failed")


async def test_an_audit_whose_module_fails_to_import_says_so(tmp_path, monkeypatch):
    path = tmp_path / "data.csv"
    path.write_text("text,label\nhello,a\nworld,b\n")
    _broken(monkeypatch, "engine.pipeline")
    app = TextauditApp(source=str(path), options=AuditOptions(), journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("#error"))
                         and str(app.screen.query_one("#error").render()).startswith("Audit failed: "),
                         "the progress screen to say the audit failed")
        await pilot.press("q")
