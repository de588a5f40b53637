"""A CSV/TSV cut mid-label (ea01f08) names every class the cut label starts, not the first alone: 'card_l' was
'the start of 'card_linking'', where 'card_lost' was as likely (fix41b; banking77 test cut after 'card_': 'card_arrival'
or 'card_linking'). Up to three are named, then how many more."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.load import load_dataset
from tui.cli import main

CUT = "the file looks cut off"
ROWS = "text,label\n" + "".join(f"row {i},{name}\n" for i, name in enumerate(
    ["card_lost", "card_linking", "card_lost", "card_linking", "card_arrival", "card_arrival", "pin_blocked",
     "card_swallowed", "card_swallowed", "card_not_working", "card_not_working", "pin_blocked"]))


@pytest.mark.parametrize(("cut", "named"), [
    ("card_li", "the start of 'card_linking':"),
    ("card_l", "the start of 'card_linking' or 'card_lost':"),
    ("card_", "the start of 'card_arrival', 'card_linking', 'card_lost' or 2 more:"),
    ("pin", "the start of 'pin_blocked':"),
])
def test_every_class_the_cut_label_starts(tmp_path: Path, capsys, cut: str, named: str) -> None:
    (path := tmp_path / "d.csv").write_text(ROWS + f"last row,{cut}")
    notes = [w for w in load_dataset(path).warnings if CUT in w]
    assert len(notes) == 1 and f"holds the only row of label {cut!r}, {named} the file looks cut off" in notes[0], notes
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    assert main(["export", str(path), "--journal", str(journal), "-o", str(tmp_path / "o.csv")]) == 0
    assert named in capsys.readouterr().err
