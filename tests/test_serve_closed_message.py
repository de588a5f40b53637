"""The page ``textaudit serve`` shows when its session ends says where to look.

Seen in headless Chromium (banking77 train, --no-cache): escape on the progress screen ended the
session with 'Session ended.' alone; the line saying what happened ('interrupted: the audit was
cancelled ...; nothing is kept', or on a quit where the decisions were saved) goes to the
terminal running serve (textual-serve writes the app's stderr there), which the page never named.
"""

from __future__ import annotations

import re

from test_serve import TOKEN, serving


async def test_the_closed_dialog_names_the_journal_and_serves_terminal():
    async with serving() as client:
        page = await (await client.get("/?token=" + TOKEN)).text()
        closed = re.search(r'<div class="message">(.*?)</div>', page, re.S)
        assert closed is not None
        said = " ".join(closed.group(1).split())
        assert said.startswith("Session ended."), said
        assert "saved in the journal" in said and "terminal running textaudit serve" in said, said
