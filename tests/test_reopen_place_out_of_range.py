"""A remembered row number too large for an index (ui-state.json, tui/ui_state.py) opens the list as before.

The place's row is an int from a JSON file in the user's state folder; 2**63 (or any past int64) made numpy raise
OverflowError, not IndexError, as the list looked it up, and the app stopped with a traceback on the summary's
enter (diff43). A file not as this module wrote it is ignored, nothing said."""

from __future__ import annotations

import json

import pytest
from pilot_helpers import open_from_summary, settle
from tui_synthetic import fixed_app



@pytest.mark.parametrize("entry", [2**63, 10**30])
async def test_a_row_number_past_int64_opens_the_list_as_before(pinned_result, journal_path, entry):
    from tui.ui_state import state_path

    app = fixed_app(pinned_result, journal_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        await pilot.press("f", "down", "down")
        await settle(pilot)
    data = json.loads(state_path().read_text(encoding="utf-8"))
    (kept,) = data["datasets"].values()
    kept["screens"]["label"]["entry"] = entry
    state_path().write_text(json.dumps(data), encoding="utf-8")
    again = fixed_app(pinned_result, journal_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_from_summary(pilot, "label")
        assert screen.show_all and screen.row_list.cursor == 0  # f kept; the row not found: the first undecided
