"""Option values argparse accepts but textaudit must not: an empty string read as "not given"."""

from __future__ import annotations

import argparse

from engine.errors import UsageError

#: Options whose own check says more about an empty value than the generic line.
_OWN_EMPTY_CHECK = frozenset({"model"})


def refuse_empty_values(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """An option or the data path given as '' (an unset shell variable, ``--issues-out "$OUT"``):
    one line, exit 2. argparse takes '' as a value, and ``if args.x`` then read it as "not given":
    ``--issues-out ''`` wrote no table, ``--journal ''`` opened the default journal, ``--apply-journal
    ''`` audited without the journal, ``--issue-types ''`` ran all seven, ``--host ''`` listened on
    every interface, and a data path '' was read as the current folder ('.: is a directory')."""
    sub = next((action for action in parser._actions if isinstance(action, argparse._SubParsersAction)), None)
    command = sub.choices.get(getattr(args, "command", None)) if sub is not None else None
    for action in (command or parser)._actions:
        if action.dest in _OWN_EMPTY_CHECK or not isinstance(getattr(args, action.dest, None), str):
            continue
        if getattr(args, action.dest) != "":  # ' ' may be a separator or a column's name
            continue
        if action.option_strings:
            name = max(action.option_strings, key=len)
            hint = "" if action.required else " (leave the option out for its default)"
            raise UsageError(f"{name} must not be empty{hint}")
        raise UsageError(f"the {action.dest} path must not be empty")
