"""The command palette: the app's commands in it, and page keys that cannot crash it.

Textual's palette (8.2) passes page-up/down to its option list, whose page move reads the line
of the highlighted option; right after a search refills the list and before the list is laid
out that line does not exist yet and the KeyError ended the app with a traceback (tmux: ctrl+p,
m, down, pagedown typed at once). A page key that comes too early now does nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.view import ISSUE_TITLES


class SafeCommandPalette(CommandPalette):
    """The Textual command palette; a page key sent before its list is laid out is ignored, and
    so are the results of a search that ends after the palette closed."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):  # the list is not laid out yet: the next key works
            pass

    def _watch__list_visible(self) -> None:
        try:
            super()._watch__list_visible()
        except NoMatches:  # the palette closed while a search ran: nothing left to show it on
            pass


class PaletteCommands:
    """Mixin of the App (before ``App`` in the bases): the issue screens, the app's own commands
    and the current screen's keys in the command palette."""

    view: Any

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        left_out = textual_panels(self, screen)
        yield from (command for command in super().get_system_commands(screen)  # type: ignore[misc]
                    if command.callback not in left_out)
        if self.view is None:
            return
        for name in self.view.issue_types:
            title = ISSUE_TITLES.get(name, name)
            count = self.view.counts.get(name)  # None: its check did not run (it said '0 flagged')
            words = ("not checked" if count is None else non_iid_words(self.view) if name == "non_iid"
                     else f"{count:,} flagged")
            yield SystemCommand(f"Open: {title}", words,
                                lambda name=name: self.open_issue(name, flagged=True))
        yield SystemCommand("Open: Summary", "counts, health, class chart", self.action_summary)
        yield SystemCommand("Open: Confusions", "label issues by class pair, given → suggested",
                            self.action_confusions)
        yield SystemCommand("Re-audit with the corrections", "cached vectors; shows resolved / remaining / new",
                            self.action_reaudit)
        yield SystemCommand("Flag thresholds", "label / outlier / near-duplicate scores, with a histogram",
                            lambda: self.open_thresholds(getattr(self.screen, "issue_type", "label")))
        yield SystemCommand("Open: Datalab report", "the full text report", self.action_open_report)
        yield SystemCommand("Export corrected dataset", "write the data with decisions applied", self.action_export)
        yield SystemCommand("Help: keys", "every key of every screen", self.action_help)
        yield from self.binding_commands(screen)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Textual's Screenshot (the palette's command, its action), saved in the Downloads folder where there is
        one, else in the current folder: on a server over SSH there is no ~/Downloads, and the palette's Screenshot
        said only 'Failed to save screenshot' (ui38, tmux); the toast names the file."""
        if path is None:
            from platformdirs import user_downloads_path

            downloads = user_downloads_path()
            path = str(downloads) if downloads.is_dir() else os.getcwd()
        return super().deliver_screenshot(filename, path, time_format)  # type: ignore[misc]

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """The screenshot's toast in plain words: Textual's ('Saved screenshot to [$text-success]'/d/x.svg'')
        holds markup, which this app's toasts (plain text) showed as it is."""
        if event.name == "screenshot":
            event.prevent_default()  # not Textual's own toast as well
            saved = f"Saved screenshot to {event.path}" if event.path else "Saved screenshot"
            self.notify(saved, title="Screenshot")  # type: ignore[attr-defined]

    def binding_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The screen's own keys as palette commands (one per action, only those it offers now)."""
        from tui.screens.help import key_name

        covered = {"export", "app.export", "help", "report", "open", "app.quit", "quit", "back", "command_palette",
                   "app.command_palette", "app.confusions", "app.reaudit"}
        textual_own = textual_keys()
        keys: dict[str, list[str]] = {}
        bindings = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if active.node is not screen or not binding.description or binding.action in covered:
                continue
            if (binding.action, binding.description) in textual_own:  # 'Copy selected text · super+c'
                continue
            if not active.enabled:
                continue  # dimmed right now (e.g. Accept where no label issue backs it)
            keys.setdefault(binding.action, []).append(key_name(key))
            bindings.setdefault(binding.action, binding)
        for action, binding in bindings.items():
            yield SystemCommand(binding.tooltip or binding.description,
                                f"{', '.join(keys[action])} · on {screen_words(screen)}",
                                lambda action=action: screen.run_action(action))


def non_iid_words(view: Any) -> str:
    """The Non-IID command's line: the summary table's verdict on the row order, not Datalab's count
    ('1 flagged' beside the summary's 'NOT random'; '0 flagged' where the labels run together)."""
    from tui.screens.summary import non_iid_cell

    cell = non_iid_cell(view.p_value, view.label_order, view.p_z, view.length_drift is not None)
    return {"NOT random": "row order NOT random", "likely": "row order likely not random",
            "no": "row order looks random", "drifts": "text length drifts with the row order"}.get(cell, cell)


def textual_panels(app: Any, screen: Screen) -> tuple[Any, ...]:
    """Textual's own palette commands the app leaves out: 'Keys' (its key panel, which cut the
    summary's table, listed Textual's keys beside 'Help: keys' and did not close on escape) and
    'Maximize' / 'Minimize' (a list or pane filling the screen, with no key to say how back).
    Theme, Quit and Screenshot stay."""
    return (app.action_show_help_panel, app.action_hide_help_panel, screen.action_maximize, screen.action_minimize)


def textual_keys() -> frozenset[tuple[str, str]]:
    """The (action, description) of the keys Textual gives every screen (tab / shift+tab: focus
    next / previous, ctrl+c / super+c: copy selected text): Textual's, not this app's commands, so
    the palette leaves them out (it listed 'Copy selected text · super+c'). A screen's own key on
    tab (the row screens' 'Move between the list and the detail pane') is the app's and stays."""
    from textual.binding import Binding
    from textual.screen import ModalScreen

    return frozenset((binding.action, binding.description) for base in (Screen, ModalScreen)
                     for binding in base.BINDINGS if isinstance(binding, Binding))


#: Screens without a title of their own, as the palette names them (it said 'on SummaryScreen').
SCREEN_WORDS = {"SummaryScreen": "the summary", "ReauditScreen": "the re-audit", "ReportScreen": "the report",
                "NonIidScreen": "Non-IID", "LabelChangeScreen": "label changes", "ProgressScreen": "the audit"}


def screen_words(screen: Screen) -> str:
    """The screen's title, else its words: never a class name."""
    if screen.title:
        return str(screen.title)
    name = type(screen).__name__
    if name in SCREEN_WORDS:
        return SCREEN_WORDS[name]
    stem = name[:-len("Screen")] if name.endswith("Screen") and name != "Screen" else name
    return "".join(f" {c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(stem)) or "this screen"
