"""The confirmation of a relabel to a NEW class says the decision it replaces (session 34's walkthrough): a
row relabelled to X and then, from the picker, to a new class was previewed 'Y → NEW (new)', Y the data's
label, with no word of the relabel to X that the new class takes the place of."""

from __future__ import annotations

from types import SimpleNamespace

from pilot_helpers import open_issue, settle
from textual.widgets import Static
from tui_synthetic import fixed_app


def notes(app) -> str:
    assert type(app.screen).__name__ == "BulkDialog"
    return str(app.screen.query_one("#bulk-notes", Static).render())


async def test_the_confirmation_names_the_decision_a_new_class_replaces(demo_csv, journal_path):
    from engine.load import load_dataset

    app = fixed_app(SimpleNamespace(dataset=load_dataset(demo_csv, id_column="id")), journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        names = app.view.shown_names
        given = names[int(app.view.given[row])]
        other = next(i for i in range(len(names)) if i != int(app.view.given[row]))
        screen.open_picker(row, "brand_new")  # no decision yet: nothing is replaced
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "replace" not in notes(app) and "did not see" in notes(app)
        await pilot.press("n", "escape")
        await pilot.pause()
        screen.relabel_rows([row], other)
        await settle(pilot)
        screen.open_picker(row, "brand_new")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert f"replaces your relabel to {names[other]}; the data says {given}" in notes(app), notes(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.book.describe(row, names) == "→ brand_new (new)"
        screen.open_picker(row, "second_new")  # a relabel to a new class, replaced by another: said '(new)'
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert f"replaces your relabel to brand_new (new); the data says {given}" in notes(app), notes(app)
        await pilot.press("n", "escape")
        await pilot.pause()
        assert not app.book.record("exclude", row, None, "label", None).error
        screen.open_picker(row, "brand_new")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert f"replaces your decision ✗ excluded; the data says {given}" in notes(app), notes(app)
