"""The near-duplicate word diff marks a word that differs only in a character left out of the drawing (diff41).

926acf0 drew the diff without the characters Rich and terminals measure differently (a skin-tone modifier, an emoji
variation selector, a zero-width joiner: tui/terminal_text.cell_plain), but diffed the texts after leaving them out:
two members 'great service 👍🏽' and 'great service 👍🏿' read as the same text, no word marked, though they differ.
The diff now compares the data's texts as they are (AuditView.raw_texts: since fe86179 the view's texts leave those
characters out too) and draws each word without them.
"""

from __future__ import annotations

import pytest
from pilot_helpers import drawn_diffs
from tui_synthetic import fixed_view

from tui.terminal_text import data_safe


def _two_texts(result, first: str, second: str):
    """The fixed view, rows 0 and 1 holding ``first`` and ``second``: as AuditView.from_result holds them, the data's
    texts raw, the view's without the characters left out of the drawing (fe86179)."""
    view = fixed_view(result.dataset)
    view.raw_texts = list(result.dataset.texts)
    view.raw_texts[0], view.raw_texts[1] = first, second
    view.texts[0], view.texts[1] = data_safe(first), data_safe(second)
    return view


@pytest.mark.parametrize(("first", "second", "marked"), [
    ("great service \U0001f44d\U0001f3fd", "great service \U0001f44d\U0001f3ff", "{+\U0001f44d+}"),
    ("I love it \u2764\ufe0f", "I love it \u2764", "{+\u2764+}"),
    ("x\u200dy card", "xy card", "{+xy+}"),
])
async def test_a_word_differing_in_a_left_out_character_is_marked(pinned_result, monkeypatch, first, second,
                                                                  marked) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # the diff brackets its marks: '{+new+}'
    [drawn] = await drawn_diffs(_two_texts(pinned_result, first, second), [[0, 1]])
    assert marked in drawn, drawn
    assert not any(char in drawn for char in "\u200d\ufe0f\U0001f3fd\U0001f3ff"), ascii(drawn)  # still left out


async def test_identical_members_are_not_marked(pinned_result, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    view = fixed_view(pinned_result.dataset)
    for row in (0, 1, 2):
        view.texts[row] = "great service \U0001f44d\U0001f3fd"
    member_sets = [[0, 1], [0, 1, 2]]
    for members, drawn in zip(member_sets, await drawn_diffs(view, member_sets)):
        assert drawn.count("{+") == drawn.count("[-") == 1, drawn  # the legend's alone
        assert drawn.count("great service \U0001f44d") == len(members), drawn


async def test_control_characters_stay_visible_in_the_diff(pinned_result) -> None:
    """The raw texts the diff reads still draw a bidi override as ⟨RLO⟩ and a tab as a symbol, never as sent."""
    [drawn] = await drawn_diffs(_two_texts(pinned_result, "pay x\u202ey now", "pay x\u202ey\tnow please"), [[0, 1]])
    assert "x\u27e8RLO\u27e9y" in drawn and "\u202e" not in drawn and "\t" not in drawn, ascii(drawn)
