"""The palette's Screenshot saves where there is no ~/Downloads (a server over SSH): Textual saved only there and
said 'Failed to save screenshot' (ui38, tmux); now the current folder, and the toast names the file."""

from __future__ import annotations

from tui_synthetic import fixed_app


async def test_screenshot_without_a_downloads_folder(pinned_result, journal_path, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no Downloads folder in it
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(here)
    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")
        command.callback()  # as the palette runs it (Textual's: a timer, then deliver_screenshot)
        for _ in range(50):  # the file is written on a thread, then a message says so
            await pilot.pause(0.05)
            if list(here.glob("*.svg")) and app._notifications:
                break
        saved = list(here.glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text().startswith("<svg")
        assert [n.message for n in app._notifications] == [f"Saved screenshot to {saved[0]}"]  # no markup
