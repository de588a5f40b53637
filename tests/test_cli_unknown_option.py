"""An unknown option is named, also when a required argument is missing too (argparse checks that first)."""

from __future__ import annotations

import pytest

from tui.cli import main


@pytest.mark.parametrize("argv, required", [
    (["-x"], "COMMAND"),
    (["--bogus"], "COMMAND"),
    (["audit", "-x"], "data"),
    (["export", "data.csv", "--frobnicate=1"], "--output/-o"),
])
def test_an_unknown_option_is_named_beside_what_is_missing(argv, required, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"unrecognized arguments: {argv[-1]}" in err
    assert f"required: {required}" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [
    [],                                     # nothing at all: only what is missing
    ["audit", "--folds", "-1"],             # a negative number is a value, not an option
    ["export", "d.csv", "-ofixed.csv", "--journal"],   # (argparse's own 'expected one argument')
    ["audit", "--text", "t"],               # an abbreviation argparse takes
])
def test_known_options_and_values_are_not_called_unknown(argv, capsys):
    assert main(argv) == 2
    assert "unrecognized" not in capsys.readouterr().err


@pytest.mark.parametrize("argv, helped", [
    (["demo", "--bogus"], "textaudit demo --help"),     # said 'see textaudit --help' (review34)
    (["audit", "d.csv", "--bogus"], "textaudit audit --help"),
    (["--bogus"], "textaudit --help"),
])
def test_an_unknown_option_points_at_its_commands_help(argv, helped, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.strip().endswith(f"(see {helped})")
