"""A name typed like a new class whose every use was undone is said to be spelled like it (session 34's
walkthrough): the picker hints 'check the spelling' for the data's classes and the new classes in use, but
after an undo 'brand_new' is offered as new again and 'Brand New' went by with '(confirm next)'. The journal
keeps every name a line relabelled to, so the hint holds in a reopened app too."""

from __future__ import annotations

from types import SimpleNamespace

from pilot_helpers import open_issue, settle
from textual.widgets import OptionList
from tui_synthetic import fixed_app

from tui.screens.label_picker import NEW_CLASS


def new_class_line(screen) -> str:
    options = screen.query_one("#picker-options", OptionList)
    lines = [options.get_option_at_index(i) for i in range(options.option_count)]
    return next(str(o.prompt) for o in lines if o.id == NEW_CLASS)


async def typed(pilot, screen, row: int, text: str) -> str:
    screen.open_picker(row, text)
    await pilot.pause()
    line = new_class_line(pilot.app.screen)
    await pilot.press("escape")
    await pilot.pause()
    return line


async def test_a_near_spelling_of_an_undone_new_class_is_hinted(demo_csv, journal_path):
    from engine.load import load_dataset

    source = SimpleNamespace(dataset=load_dataset(demo_csv, id_column="id"))
    app = fixed_app(source, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        assert not app.book.record("relabel", row, app.book.add_label("brand_new"), "label", None).error
        screen.refresh_decisions()
        await settle(pilot)
        assert "(like brand_new: check the spelling)" in await typed(pilot, screen, row, "Brand New")  # in use
        await pilot.press("u")
        await settle(pilot)
        assert app.book.codes[row] == 0
        assert "(like brand_new, undone: check the spelling)" in await typed(pilot, screen, row, "Brand New")
        assert await typed(pilot, screen, row, "brand_new") == "+ new class: brand_new  (confirm next)"
        assert "check the spelling" not in await typed(pilot, screen, row, "other_name")
    again = fixed_app(source, journal_path)  # reopened: the undone class is no extra label, the hint holds
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        assert "brand_new" not in again.book.extra_labels
        line = await typed(pilot, screen, screen.target(), "brand-new")
        assert "(like brand_new, undone: check the spelling)" in line, line
