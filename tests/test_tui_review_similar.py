"""More like this and the detail pane's issue list (issue 13), on the real demo audit: ``m`` lists
the 50 rows nearest to a row from the audit's cached vectors (exact cosine, checked against brute
force), ``~text`` in the filter embeds the query with the audit's model; marks + bulk work there;
the detail pane names every check flagging the row and ``j`` jumps to the row on the next one."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pilot_helpers import open_filter, settle, wait_until

from tui.app import TextauditApp
from tui.screens.more_like_this import MoreLikeThisScreen
from tui.widgets.detail_pane import flagged_by


@pytest.fixture
def app(demo_result, journal_path) -> TextauditApp:
    return TextauditApp(demo_result, journal_path=journal_path)


def brute_force(vectors: np.ndarray, query: np.ndarray, k: int, exclude: int | None = None) -> list[int]:
    sims = vectors.astype(np.float64) @ query.astype(np.float64)
    sims /= np.linalg.norm(vectors.astype(np.float64), axis=1) * np.linalg.norm(query.astype(np.float64))
    order = [int(r) for r in np.argsort(-sims, kind="stable") if r != exclude]
    return order[:k]


async def wait_for(pilot, app, kind) -> None:
    for _ in range(200):  # the worker loads vectors / embeds, then the screen composes
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, kind):
            screen = app.screen  # its list's order comes from its own worker, a few messages later
            await wait_until(pilot, lambda: screen.busy is None and not screen.row_list.pending,
                             f"the {kind.__name__} list's order")
            return
    raise AssertionError(f"no {kind.__name__}; the screen is {type(app.screen).__name__}")


async def test_more_like_this_lists_the_exact_nearest_rows_and_marks_them(app, demo_result, journal_path):
    from engine.similar import audit_vectors

    vectors = audit_vectors(demo_result.dataset, demo_result.options)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("label")
        await settle(pilot)
        source = app.screen.row_list.current_row
        await pilot.press("m")
        await wait_for(pilot, app, MoreLikeThisScreen)
        screen = app.screen
        listed = screen.row_list.order.tolist()
        assert listed[0] == source and len(listed) == 51
        assert listed[1:] == brute_force(vectors, vectors[source], 50, exclude=source)
        assert f"More like row {source:,}" in str(screen.query_one("#title-bar").render())
        await pilot.press("space", "space", "space", "x", "enter")
        await pilot.pause()
        written = [json.loads(line) for line in journal_path.read_text().splitlines()]
        assert [e["row"] for e in written] == listed[:3] and {e["action"] for e in written} == {"exclude"}
        assert len({e["group"] for e in written}) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.issue_type == "label"  # back where it was opened


async def test_tilde_text_embeds_the_query_with_the_audits_model(app, demo_result):
    from engine.embed import embed_texts
    from engine.similar import audit_vectors

    vectors = audit_vectors(demo_result.dataset, demo_result.options)
    query = "my card was stolen"
    options = demo_result.options
    expected = brute_force(vectors, embed_texts([query], model=options.model, precision=options.precision)[0], 50)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_issue("outlier")
        await settle(pilot)
        before = app.screen.row_list.order.tolist()
        await open_filter(pilot)
        await pilot.press(*f"~{query}", "enter")
        await wait_for(pilot, app, MoreLikeThisScreen)
        assert app.screen.row_list.order.tolist() == expected
        labels = demo_result.dataset.class_names
        top = [labels[demo_result.dataset.labels[r]] for r in expected[:5]]
        assert top.count("card_lost") >= 3  # the demo's lost/stolen card rows come first
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.row_list.order.tolist() == before  # the outlier list was not filtered


async def test_detail_lists_every_check_and_j_jumps_to_the_next(demo_csv, journal_path):
    # the model's pred_probs alone: with the TF-IDF view pooled in (22e1243) the demo flags 4 label rows, none of
    # them flagged by another check, so no row's first check has the detail pane and a second check after it
    from engine.pipeline import AuditOptions, run_audit

    app = TextauditApp(run_audit(demo_csv, AuditOptions(id_column="id", second_view="none")), journal_path=journal_path)
    async with app.run_test(size=(100, 36)) as pilot:
        view = app.view
        both = [r for r in range(len(view)) if len(flagged_by(view, r)) >= 2]
        assert both, "the demo has rows flagged by two checks"
        row = both[0]
        names = [name for name, _ in flagged_by(view, row)]
        app.show_row(names[0], row)
        await settle(pilot)
        assert app.screen.issue_type == names[0]
        detail = app.screen.query_one("#detail-body").render()
        assert "Flagged by:" in str(detail)
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.issue_type == names[1]
        assert row in app.screen.entry_rows(app.screen.row_list.current_row)
