"""The label picker: words in any order, spaces included, and a line that says nothing matches."""

from __future__ import annotations

from textual.app import App
from textual.widgets import OptionList

from tui.screens.label_picker import NO_MATCH, LabelPicker

NAMES = ["card_arrival", "lost_or_stolen_card", "lost_or_stolen_phone", "card_linking", "balance_not_updated_after_bank_transfer"]


class PickerApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int | None] = []

    def on_mount(self) -> None:
        self.push_screen(LabelPicker(NAMES), self.chosen.append)


def shown(app: App) -> list[str]:
    options = app.screen.query_one("#picker-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_query_with_a_space_matches_every_word():
    app = PickerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"lost card")
        await pilot.pause()
        assert shown(app)[0].startswith("lost_or_stolen_card")
        assert not any(s.startswith("lost_or_stolen_phone") for s in shown(app))  # 'card' is not in it
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [NAMES.index("lost_or_stolen_card")]


async def test_no_match_says_so_and_enter_does_nothing():
    app = PickerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"zebra")
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id == NO_MATCH
        assert "no class matches 'zebra'" in shown(app)[0]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.chosen == [] and isinstance(app.screen, LabelPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.chosen == [None]


async def test_dialog_titles_wrap_instead_of_being_cut_off():
    """At 80x24 the pickers' titles ran past the dialog ('... esc cance'), the go-to dialog's at 60
    columns: every label of these dialogs fits its box (the app's own stylesheet)."""
    from pathlib import Path

    from textual.widgets import Label

    import tui
    from tui.screens.goto_dialog import GotoDialog
    from tui.screens.label_set_picker import LabelSetPicker

    class StyledApp(App[None]):
        CSS_PATH = str(Path(tui.__file__).parent / "app.tcss")

    dialogs = [lambda: LabelPicker(NAMES), lambda: LabelSetPicker(NAMES, (0,)),
               lambda: GotoDialog(ids=list(range(3080)), n_rows=3080)]
    for size in [(80, 24), (60, 20), (40, 12)]:
        for make in dialogs:
            app = StyledApp()
            async with app.run_test(size=size) as pilot:
                app.push_screen(make())
                await pilot.pause()
                labels = list(app.screen.query(Label))
                assert labels
                for label in labels:
                    assert label.outer_size.width <= label.parent.content_size.width, (size, str(label.render()))
                title = str(labels[0].render())
                assert "esc cancels" in title


async def test_the_label_set_picker_stands_in_the_middle_like_the_label_picker():
    """The multi-label set picker sat at the left edge (its screen had no alignment rule)."""
    from pilot_helpers import StyledDialogHost

    from tui.screens.label_set_picker import LabelSetPicker

    app = StyledDialogHost(LabelSetPicker(NAMES, given=(0,)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#picker").region
        assert box.x > 0 and abs(box.x - (80 - box.right)) <= 1, box
        room = app.screen.query_one("Footer").region.y  # the lines above the dialog's own footer
        assert room == 23 and abs(box.y - (room - box.bottom)) <= 1, box
