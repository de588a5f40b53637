"""``--help`` names what a new user must otherwise guess: the seven issue types ``--issue-types`` takes,
where the cache lives (``--cache-dir`` said only 'the user cache dir', never ``$TEXTAUDIT_CACHE_DIR``), and,
under the command list, the first command to try (walk39)."""

from __future__ import annotations

import pytest

from tui.cli import main


def _help(args: list[str], capsys) -> str:
    assert main([*args, "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())  # unwrapped


@pytest.mark.parametrize("command", ["audit", "browse", "serve"])
def test_issue_types_help_lists_every_type(command, capsys):
    from engine.audit import ISSUE_TYPES
    from tui.cli_parser import ISSUE_TYPE_NAMES

    assert ISSUE_TYPE_NAMES == ISSUE_TYPES
    assert f"any of {', '.join(ISSUE_TYPES)} (default: all seven)" in _help([command], capsys)


@pytest.mark.parametrize("command", ["audit", "browse", "serve", "demo"])
def test_cache_dir_help_names_the_variable_and_the_folder(command, capsys):
    text = _help([command], capsys)
    assert "$TEXTAUDIT_CACHE_DIR" in text and "~/.cache/textaudit" in text


def test_top_level_help_says_where_to_start(capsys):
    text = _help([], capsys)
    assert "Start with 'textaudit demo'" in text and "'textaudit browse data.csv'" in text
