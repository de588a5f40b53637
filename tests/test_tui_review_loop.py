"""The review loop as a reviewer walks it (session 11, tmux on the demo and banking77): what the
label picker shows, and how long class names are drawn in the detail pane's evidence.
The screens draw the fixed synthetic view (tests/tui_synthetic.py; no model runs)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from pilot_helpers import list_ready, wait_until
from textual.widgets import OptionList, Static
from tui_synthetic import fixed_app, fixed_view

from tui.app import TextauditApp
from tui.screens.label_picker import LabelPicker
from tui.widgets.detail_pane import DetailPane

#: banking77's long names (the demo's 7 classes renamed): cut to 18 cells in the neighbours
LONG_NAMES = ["balance_not_updated_after_bank_transfer", "card_payment_wrong_exchange_rate",
              "direct_debit_payment_not_recognised", "declined_card_payment", "lost_or_stolen_card",
              "transfer_not_received_by_recipient", "wrong_amount_of_cash_received"]


@pytest.fixture
def app(pinned_result, journal_path) -> TextauditApp:
    return fixed_app(pinned_result, journal_path)


async def open_labels(pilot, app) -> None:
    app.open_issue("label")
    await wait_until(pilot, lambda: list_ready(app) and app.focused is app.screen.row_list, "the label list")


def prompts(app) -> list[str]:
    options = app.screen.query_one("#picker-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_picker_shows_the_row_and_the_models_probabilities(app):
    """At 80x24 the picker covers the list and the detail pane: the reviewer chose a label without
    the text in sight, from the suggestion, the given label and then every class alphabetically.
    Now it shows the row's text and each class's probability, the likeliest classes first."""
    async with app.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, app)
        view, row = app.view, app.screen.row_list.current_row
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LabelPicker), "the picker")
        await pilot.pause()
        text = str(app.screen.query_one("#picker-text", Static).render())
        assert text.startswith(" ".join(str(view.texts[row]).split())[:20]), text
        probs = view.pred_probs[row]
        suggested, given = int(view.predicted[row]), int(view.given[row])
        listed = prompts(app)
        assert listed[0].startswith(view.shown_names[suggested]) and listed[0].endswith("(suggested)")
        assert f"{probs[suggested]:.3f}" in listed[0]
        assert listed[1].startswith(view.shown_names[given]) and listed[1].endswith("(given)")
        rest = [i for i in np.argsort(-probs, kind="stable") if i not in (suggested, given)]
        assert [p.split()[0] for p in listed[2:]] == [view.shown_names[i] for i in rest]
        assert [float(p.split()[1]) for p in listed[2:]] == sorted((float(f"{probs[i]:.3f}") for i in rest), reverse=True)
        for character in "xyz":  # a query that matches nothing still says so
            await pilot.press(character)
        await pilot.pause()
        assert prompts(app)[0].startswith("no class matches")


async def test_neighbours_draw_long_class_names_whole_on_a_wide_screen(tmp_path, demo_csv, journal_path):
    """banking77 at 160 columns: every neighbour's label was cut to 18 cells
    ('direct_de…cognised') with half the pane empty."""
    import pandas as pd

    from engine.load import load_dataset

    frame = pd.read_csv(demo_csv)
    classes = sorted(frame["label"].unique())
    frame["label"] = frame["label"].map(dict(zip(classes, LONG_NAMES, strict=True)))
    source = tmp_path / "long.csv"
    frame.to_csv(source, index=False)
    dataset = load_dataset(source, id_column="id")

    def new_app() -> TextauditApp:
        return TextauditApp(SimpleNamespace(dataset=dataset), journal_path=journal_path, view=fixed_view(dataset))

    app = new_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_labels(pilot, app)
        pane = app.screen.query_one(DetailPane)
        row = app.screen.row_list.current_row
        plain = pane.render_row(row).plain
        lines = plain[plain.index("Nearest neighbours:"):].splitlines()[1:]
        neighbours = [int(i) for i in app.view.neighbour_indices[row]]
        assert len(lines) == len(neighbours)
        for line, other in zip(lines, neighbours, strict=True):
            assert app.view.shown_names[int(app.view.given[other])] in line, line
            assert len(line) <= pane.size.width
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:  # 80 columns: cut to 18 as before
        await open_labels(pilot, app)
        pane = app.screen.query_one(DetailPane)
        plain = pane.render_row(app.screen.row_list.current_row).plain
        lines = plain[plain.index("Nearest neighbours:"):].splitlines()[1:]
        assert all("…" in line[9:27] for line in lines if len(line) > 27), lines


async def test_neighbour_labels_take_only_the_room_their_names_need(app):
    """serve in a 1280-pixel browser: the column was padded to the longest class of the data,
    so 'pending_transfer' stood 20 blank cells before its text."""
    async with app.run_test(size=(120, 40)) as pilot:
        await open_labels(pilot, app)
        pane, view = app.screen.query_one(DetailPane), app.view
        row = app.screen.row_list.current_row
        plain = pane.render_row(row).plain
        lines = plain[plain.index("Nearest neighbours:"):].splitlines()[1:]
        names = [view.shown_names[int(view.given[int(other)])] for other in view.neighbour_indices[row]]
        start = 2 + 5 + 2 + max(len(name) for name in names) + 2  # indent, distance, gaps
        for line, other in zip(lines, view.neighbour_indices[row], strict=True):
            assert line[start:].startswith(" ".join(str(view.texts[int(other)]).split())[:10]), (start, line)


async def test_a_relabel_says_its_label_in_the_list_without_the_decision_column(app, journal_path):
    """tmux 80x24 demo: a row relabelled to another class than the suggestion drew '→', its given
    label and the suggestion, exactly as an accepted row: nothing on the list said which label it
    got (the Decision column has no room at 80 columns). The Suggested cell now says it."""
    from pilot_helpers import journal_lines

    async with app.run_test(size=(80, 24)) as pilot:
        await open_labels(pilot, app)
        screen, view = app.screen, app.view
        rows = screen.row_list
        assert "decision" not in rows.shown_keys and "suggested" in rows.shown_keys
        row = rows.current_row
        other = next(i for i in range(view.n_classes) if i not in (int(view.given[row]), int(view.predicted[row])))
        screen.relabel_rows([row], other)
        await wait_until(pilot, lambda: len(journal_lines(journal_path)) == 1, "the relabel in the journal")
        await pilot.pause()
        line = rows.render_line(1 + rows.order.tolist().index(row)).text
        assert f"→{view.shown_names[other]}"[:12] in line, line
        assert view.shown_names[int(view.predicted[row])] not in line, line
        second = rows.order.tolist()[1] if rows.order.tolist()[0] == row else rows.order.tolist()[0]
        undecided = rows.render_line(1 + rows.order.tolist().index(second)).text
        assert view.shown_names[int(view.predicted[second])][:8] in undecided  # others keep their suggestion
