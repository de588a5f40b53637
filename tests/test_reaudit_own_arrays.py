"""R in an app opened with --pred-probs or --features: the re-audit cannot use them (they describe
the uncorrected rows). The app opened the re-audit screen, which then said 're-audit failed:
--apply-journal cannot be combined with --pred-probs or --features', an option the user never
typed (hostile23, tmux). Now R says so at once, in the app's words, and opens nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pilot_helpers import settle
from tui_synthetic import fixed_app

from engine.pipeline import AuditOptions
from tui.screens.reaudit import ReauditScreen


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("given", ["pred_probs_path", "features_path"])
async def test_r_with_the_users_arrays_says_why_in_the_apps_words(pinned_result, journal_path, given):
    result = SimpleNamespace(dataset=pinned_result.dataset,
                             options=AuditOptions(id_column="id", **{given: "mine.npy"}))
    app = fixed_app(result, journal_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.open_issue("label")
        await settle(pilot)
        await pilot.press("x")  # one decision, so R has corrections to re-audit
        await pilot.pause()
        assert app.book is not None and app.book.counts()["exclude"] == 1
        await pilot.press("R")
        for _ in range(5):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not any(isinstance(screen, ReauditScreen) for screen in app.screen_stack)
        said = " ".join(toasts(app))
        option = "--pred-probs" if given == "pred_probs_path" else "--features"
        assert option in said and "--apply-journal" not in said, said
        assert "export the corrections" in said
