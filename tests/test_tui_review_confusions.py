"""The confusion navigator (issue 13): groups of label issues by class pair, by given class and
by suggested class; Enter lists exactly those rows; ``*`` then ``a`` fixes the pair in one step."""

from __future__ import annotations


import numpy as np
import pytest
from pilot_helpers import journal_lines, list_ready, press_on, settle, wait_until
from textual.widgets import DataTable
from tui_synthetic import fixed_app, fixed_view

from engine.review import confusion_matrix, confusion_pairs, confusions_by_given
from tui.app import TextauditApp
from tui.screens.confusions import ConfusionScreen


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


async def test_pair_enter_lists_exactly_its_rows_and_one_bulk_accept_fixes_it(app, journal_path):
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await press_on(pilot, "label", "c")
        assert isinstance(screen, ConfusionScreen)
        view = app.view
        expected = confusion_pairs(view.given, view.predicted, view.flags["label"])
        assert [(g.given, g.suggested, g.rows.tolist()) for g in screen.groups] == [
            (g.given, g.suggested, g.rows.tolist()) for g in expected]
        table = screen.query_one("#confusions", DataTable)
        assert table.row_count == len(expected)
        assert table.get_row_at(0)[0] == str(expected[0].count)
        await pilot.press("enter")
        await settle(pilot)
        labels = app.screen
        assert labels.issue_type == "label"
        assert sorted(labels.row_list.order.tolist()) == expected[0].rows.tolist()
        await pilot.press("asterisk", "a", "enter")
        await pilot.pause()
        written = journal_lines(journal_path)
        names = view.class_names
        assert sorted(e["row"] for e in written) == expected[0].rows.tolist()
        assert {e["label_after"] for e in written} == {names[expected[0].suggested]}
        assert len({e["group"] for e in written}) == 1


async def test_by_given_class_from_the_summary_and_back(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfusionScreen)
        await pilot.press("v")
        await pilot.pause()
        view = app.view
        expected = confusions_by_given(view.given, view.flags["label"])
        assert [g.rows.tolist() for g in screen.groups] == [g.rows.tolist() for g in expected]
        await pilot.press("down", "enter")
        # the group's row screen is pushed, then its order worker answers: wait for both
        await wait_until(pilot, lambda: app.screen is not screen and list_ready(app), "the group's rows")
        assert sorted(app.screen.row_list.order.tolist()) == expected[1].rows.tolist()
        await pilot.press("x")
        await pilot.press("escape")  # back to the navigator, which counts the decision
        await wait_until(pilot, lambda: app.screen is screen, "the navigator again")
        table = screen.query_one("#confusions", DataTable)
        await wait_until(pilot, lambda: table.get_row_at(1)[1] == "1",
                         "the navigator to count the decision (a wrong count fails here)")


async def test_matrix_counts_every_flagged_row_of_the_top_classes(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("C", "v", "v", "v")
        await pilot.pause()
        screen = app.screen
        assert screen.mode == "matrix"
        matrix = screen.query_one("#confusion-matrix")
        assert matrix.display and not screen.query_one("#confusions").display
        view = app.view
        counts = confusion_matrix(view.given, view.predicted, view.flags["label"], view.n_classes)
        from rich.console import Console

        console = Console(width=120, record=True, color_system=None, file=open("/dev/null", "w"))
        console.print(matrix.content)
        text = console.export_text()
        cells = [int(tok) for line in text.splitlines()[1:] for tok in line.split()[2:] if tok.isdigit()]
        assert sum(cells) == int(counts.sum()) == int(view.flags["label"].sum())
        assert np.count_nonzero(counts) == len(cells)


async def test_the_pairs_fit_an_80_column_terminal_with_long_class_names(pinned_result, journal_path):
    """banking77 at 80x24: each class name took 24 cells and the example its first 8 ('How long'),
    the rest of the table behind a sideways scroll. The names and the example now share the width."""
    view = fixed_view(pinned_result.dataset)
    long = ["balance_not_updated_after_bank_transfer", "balance_not_updated_after_cheque_or_cash_deposit",
            "card_payment_not_recognised", "card_payment_wrong_exchange_rate", "transfer_not_received_by_recipient",
            "declined_cash_withdrawal", "wrong_amount_of_cash_received"]
    view.class_names = long[:view.n_classes]
    view.shown_names = list(view.class_names)
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_confusions()
        await wait_until(pilot, lambda: isinstance(app.screen, ConfusionScreen) and app.screen.groups, "the pairs")
        table = app.screen.query_one("#confusions", DataTable)
        await wait_until(pilot, lambda: table.size.width > 0 and table.row_count > 0, "the table laid out")
        assert table.virtual_size.width <= table.size.width, (table.virtual_size, table.size)
        example = str(table.get_row_at(0)[4])
        assert len(example) >= 16, example


async def test_a_pair_where_the_model_agrees_shows_equals(pinned_result, journal_path):
    """Label issues whose model agrees with the label (a weak classifier flags its lowest scores) were a pair
    '[/] → [/]', where the row lists show '=' and the pane 'none (the model agrees)' (review35)."""
    view = fixed_view(pinned_result.dataset)
    row = int(np.flatnonzero(view.flags["label"])[0])
    view.predicted[row] = view.given[row]
    app = TextauditApp(pinned_result, journal_path=journal_path, view=view)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await press_on(pilot, "label", "c")
        index = next(i for i, g in enumerate(screen.groups) if g.given == g.suggested)
        cells = screen.query_one("#confusions", DataTable).get_row_at(index)
        assert str(cells[2]).strip() == view.shown_names[view.given[row]] and str(cells[3]).strip() == "=", cells
