"""The re-audit's per-class table gives a class name the room the screen has: at 200 columns it cut
banking77's names at 32 cells ('balance_not_upda…r_bank_transfer', ui30, tmux 200x50 after R); at
60 columns the same 32 cells cut the heading 'Remaining' to 'Remain…'; now the names are cut in the middle
to the room the counts leave."""

from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console
from textual.app import App
from textual.widgets import Static

from tui.screens.reaudit import ReauditScreen

LONG = "balance_not_updated_after_bank_transfer"  # 39 cells
DELTA = {"label": {"by_class": {LONG: {"resolved": 1, "remaining": 5, "new": 0},
                                "card_arrival": {"resolved": 0, "remaining": 2, "new": 0}}}}


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(ReauditScreen("j.jsonl"))


def drawn(screen: ReauditScreen) -> str:
    console = Console(width=screen.size.width, record=True, color_system=None)
    console.print(screen.query_one("#delta-classes", Static).content)
    return console.export_text()


async def test_class_names_take_the_room_there_is():
    app = Host()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.reaudit = SimpleNamespace(delta=DELTA)  # what show_delta keeps of a finished re-audit
        screen.show_classes("label")
        await pilot.pause()
        assert LONG in drawn(screen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        said = drawn(screen)
        assert LONG not in said and "balance_not_up" in said and "…" in said, said
        assert "Remaining" in said, said  # the counts' headings whole: 'Remain…' with 32 cells of names
