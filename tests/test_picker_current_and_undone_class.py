"""The label picker lists the classes the data has plus the new classes a decision uses now, and marks the
row's current decision (review33b, walk33): after undoing the only use of a new class the picker still
listed it ('+ 1 new') until the app was reopened; a row relabelled to X showed X unmarked, only the
given label and the suggestion were said, so the user did not see which decision they were changing."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from pilot_helpers import open_issue, settle
from textual.widgets import OptionList
from tui_synthetic import fixed_app

from tui.screens.label_picker import NEW_CLASS


def prompts(screen) -> list[tuple[str, str | None]]:
    options = screen.query_one("#picker-options", OptionList)
    return [(str(o.prompt), o.id) for o in (options.get_option_at_index(i) for i in range(options.option_count))]


def drawn(screen) -> list[str]:
    """The option list's lines as drawn."""
    options = screen.query_one("#picker-options", OptionList)
    return ["".join(s.text for s in options.render_line(y)).rstrip() for y in range(options.size.height)]


def app_on(source: Path, journal_path: Path):
    from engine.load import load_dataset

    return fixed_app(SimpleNamespace(dataset=load_dataset(source, id_column="id")), journal_path)


async def open_picker(pilot) -> None:
    await pilot.press("l")
    await pilot.pause()
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "LabelPicker"


async def close_picker(pilot) -> None:
    await pilot.press("escape")
    await pilot.pause()


async def back_to(pilot, screen, row: int) -> None:
    """The cursor back on ``row`` (a decision moves it on to the next row)."""
    if screen.target() != row:
        await pilot.press("up")
        await pilot.pause()
    assert screen.target() == row


def title(screen) -> str:
    return str(screen.query_one("PartsLabel").render())


async def test_an_undone_new_class_is_not_listed_and_a_redo_brings_it_back(demo_csv, journal_path):
    app = app_on(demo_csv, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        await open_picker(pilot)
        pilot.app.screen.query_one("#picker-query").value = "brand_new"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # confirmed: the row is relabelled to the new class
        await settle(pilot)
        await back_to(pilot, screen, row)
        await open_picker(pilot)
        assert "(7 classes + 1 new)" in title(app.screen)
        assert any(prompt.startswith("brand_new  (") for prompt, _ in prompts(app.screen)), prompts(app.screen)
        await close_picker(pilot)
        await pilot.press("u")  # its only use undone
        await settle(pilot)
        await open_picker(pilot)
        assert "+ 1 new" not in title(app.screen) and "(7 classes)" in title(app.screen), title(app.screen)
        assert not any("brand_new" in prompt for prompt, _ in prompts(app.screen)), prompts(app.screen)
        app.screen.query_one("#picker-query").value = "brand_new"  # typed again: a new class again, asked again
        await pilot.pause()
        assert prompts(app.screen)[-1][1] == NEW_CLASS, prompts(app.screen)
        await close_picker(pilot)
        await pilot.press("ctrl+r")  # redone: listed again, and current on its row
        await settle(pilot)
        await open_picker(pilot)
        assert "(7 classes + 1 new)" in title(app.screen)
        assert ("brand_new  (current, new class)"  # the row's decision, marked (said short: one line at 50 columns)
                in [prompt for prompt, _ in prompts(app.screen)]), prompts(app.screen)


async def test_the_rows_current_relabel_is_marked_beside_the_given_label(demo_csv, journal_path):
    for size in ((100, 30), (50, 16)):
        journal_path.unlink(missing_ok=True)
        app = app_on(demo_csv, journal_path)
        async with app.run_test(size=size) as pilot:
            screen = await open_issue(pilot, "label")
            row = screen.target()
            names = app.view.class_names
            given, suggested = int(app.view.given[row]), int(app.view.predicted[row])
            other = next(i for i in range(len(names)) if i not in (given, suggested))
            screen.relabel_rows([row], other)
            await settle(pilot)
            await back_to(pilot, screen, row)
            await open_picker(pilot)
            listed = {option_id: prompt for prompt, option_id in prompts(app.screen)}
            assert listed[str(other)].endswith("  (current)"), listed
            assert listed[str(given)].endswith("  (given)"), listed
            # first lines: the suggestion (highlighted), the decision being changed, then the given label
            assert [option_id for _, option_id in prompts(app.screen)][:3] == [str(suggested), str(other), str(given)]
            lines = drawn(app.screen)
            assert any(names[other] in line and "(current)" in line for line in lines), (size, lines)
            assert any(names[given] in line and "(given)" in line for line in lines), (size, lines)


async def test_current_and_suggested_on_one_class_stay_on_one_line():
    """A row relabelled to its suggestion read '(current,' over 'suggested)' at 50 columns: the second note is
    left out where the two would wrap the line (the detail pane says the suggestion); a wide picker says both."""
    import numpy as np
    from pilot_helpers import DialogHost

    import tui
    from tui.screens.label_picker import LabelPicker

    class StyledHost(DialogHost):  # the app's stylesheet: the dialog as wide as the app draws it
        CSS_PATH = str(Path(tui.__file__).parent / "app.tcss")

    names = ["card_lost", "change_pin", "check_balance", "refund_request", "transfer_money"]
    probs = np.array([0.015, 0.009, 0.015, 0.938, 0.007])
    for size, note in (((50, 16), "(current)"), ((100, 30), "(current, suggested)")):
        app = StyledHost(LabelPicker(names, current=4, suggested=3, decided=3, probs=probs, text="the refund"))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause()
            lines = [line for line in drawn(app.screen) if line.strip()]
            assert any(line.endswith("refund_request  0.938  " + note) for line in lines), (size, lines)
            assert any(line.endswith("transfer_money  0.007  (given)") for line in lines), (size, lines)
            assert len(lines) == len(names), (size, lines)  # no line wrapped
