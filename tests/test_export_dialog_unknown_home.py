"""A path typed as '~name/...' for a user this machine does not have is refused in a line, not a traceback (fix40c).

tmux, the demo: 'e', ctrl+u, then '~x' typed ended the app in 'RuntimeError: Could not determine home directory'
(pathlib's expanduser, run on every key): a typo of '~/', the first letters of another user's home, or a file
named '~old.csv'. The command line says it so (tui/cli_values.refuse_unknown_home): 'no user 'x' to expand ~x for'."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import export_warning, one_row_export_dialog

NO_USER = "nosuchuser-fix40c"


async def test_an_unknown_home_is_said_and_enter_refused(tmp_path: Path) -> None:
    async with one_row_export_dialog(tmp_path) as (app, pilot, path):
        path.value = ""
        await pilot.press("~", *NO_USER[:2])  # typed key by key: each one checked
        await pilot.pause()
        path.value = f"~{NO_USER}/out.csv"
        await pilot.press("enter")
        await pilot.pause()
        said = export_warning(app.screen)
        assert app.is_running and app.results == []
    assert said == (f"no user '{NO_USER}' to expand ~{NO_USER} for: give the path in full (or ~/ for your own "
                    "home)")
