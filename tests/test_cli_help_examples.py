"""Every command's ``--help`` ends with examples a new user can run as written, one a line (walk41: only
``serve``'s description named one command; ``audit``, ``browse``, ``demo`` and ``export`` said what they do and
listed their options, with no example)."""

from __future__ import annotations

import shlex

import pytest

from tui.cli import main
from tui.cli_parser import build_parser

COMMANDS = ["audit", "browse", "demo", "serve", "export"]


def _examples(command: str, capsys) -> list[str]:
    """The example commands under the help's 'examples:' line, a '\\' continuation joined."""
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "\nexamples:\n" in out, out[-400:]
    tail = out.split("\nexamples:\n", 1)[1].replace("\\\n", " ")
    return [line.strip() for line in tail.splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_examples_of_the_command(command, capsys):
    examples = _examples(command, capsys)
    assert examples, "no example"
    for example in examples:
        assert example.startswith(f"textaudit {command}"), example  # each on its own line, not run together


@pytest.mark.parametrize("command", COMMANDS)
def test_every_example_parses(command, capsys):
    parser = build_parser()
    for example in _examples(command, capsys):
        args = parser.parse_args(shlex.split(example)[1:])
        assert args.command == command
