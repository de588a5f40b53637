"""End to end in a real terminal (tmux): ``textaudit demo --multilabel``, a set accepted, a set edited
with the picker, an undo, an export of lists, and quitting. Skips like tests/test_e2e_tmux.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_e2e_tmux import COLD_START_S, SCRIPT, Terminal, decided, palette_offers_first, row_screen_flagged
from test_e2e_tmux import pytestmark  # noqa: F401 - the skips

from engine.demo_multilabel import demo_multilabel_path


@pytest.fixture
def terminal(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory):
    env = {"TEXTAUDIT_CACHE_DIR": str(tmp_path_factory.mktemp("ml-e2e-cache")), "TERM": "xterm-256color",
           "COLORTERM": "truecolor", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    term = Terminal(tmp_path, (110, 32), env)
    yield term
    term.close()


def test_multilabel_demo_accept_edit_undo_export(terminal: Terminal, tmp_path: Path):
    term = terminal
    term.start([str(SCRIPT), "demo", "--multilabel"])
    # the title bar is a condition of the wait, not read off the first frame showing 'Health:'
    term.wait(lambda text: "Health:" in text and "demo_multilabel.jsonl" in text.splitlines()[0],
              "the summary titled demo_multilabel.jsonl", COLD_START_S)
    term.keys("c")
    term.wait_text("Label frequencies (6 labels")

    term.keys("C-p")
    term.wait_text("Search for commands")
    term.type("Open: Label issues")
    term.wait(lambda text: palette_offers_first(text, "Open: Label issues"), "the palette to offer Label issues first")
    term.keys("Enter")
    # the first row's suggested change (+label / -label) is a condition of the wait: a half-drawn
    # frame can show 'Suggested: ' before the change
    screen = term.wait(lambda text: row_screen_flagged(text, "Label issues") >= 0 and "Suggested: " in text
                       and any(part[:1] in "+-" and len(part) > 2 for part in text.split()),
                       "the label screen, its title bar whole, with its first row's suggested change")
    flagged = row_screen_flagged(screen, "Label issues")
    assert flagged > 2, screen

    term.keys("a")  # the suggested set change
    term.wait(lambda text: decided(text) == f"1/{flagged}", "the accept to count")
    term.keys("l")
    term.wait_text("space toggles")
    term.keys("Space", "Enter")  # toggle the first label listed, save the set
    term.wait(lambda text: "space toggles" not in text and decided(text) == f"2/{flagged}", "the set edit to count")
    term.keys("u")
    term.wait(lambda text: decided(text) == f"1/{flagged}" and "undone:" in text, "the undo to count and say so")

    term.keys("q")  # back to the summary
    term.wait(lambda text: text.splitlines()[0].strip().startswith("textaudit · demo_multilabel"), "the summary")
    term.keys("e")
    term.wait_text("Export the corrected dataset")
    term.keys("Enter")
    term.wait_text("wrote 272 rows")
    term.keys("C-q")
    term.wait_text("EXIT=0")

    journal = [json.loads(line) for line in (tmp_path / "demo_multilabel.corrections.jsonl").read_text().splitlines()]
    accepted = journal[0]
    assert accepted["action"] == "relabel" and accepted["labels_after"] != accepted["labels_before"]
    exported = [p for p in tmp_path.glob("*.jsonl") if "corrections" not in p.name]
    assert len(exported) == 1
    rows = [json.loads(line) for line in exported[0].read_text().splitlines()]
    source = [json.loads(line) for line in demo_multilabel_path().read_text().splitlines()]
    changed = [i for i, (a, b) in enumerate(zip(source, rows)) if a != b]
    assert changed == [accepted["row"]]
    assert sorted(rows[accepted["row"]]["labels"]) == sorted(accepted["labels_after"])
