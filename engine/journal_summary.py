"""The one clause an export (and the app's re-audit screen) says of journal decisions that did not apply.

Why they did not is said by kind, as the warnings above it say it: a relabel to a label that is no class of
the data was 'its row changed since', or, with the journal made on another path, 'the journal was made on
d/b40.csv, not on this data' though the data was that file copied (review38).
"""

from __future__ import annotations

from typing import Any

from engine.wording import counted


def unapplied_clause(problems: Any) -> str | None:
    """'N journal decisions NOT applied (why; see the warnings)' for ``problems`` (a
    journal_problems.ReplayProblems), or None when every decision applied."""
    if not problems.unapplied:
        return None
    labels = len(problems.bad_label)
    options = problems.other_options
    rows = problems.unapplied - labels - len(problems.already_set) - options  # the decided rows are not found as they were
    why = []
    if rows and problems.data_names:  # the app's re-audit screen shows this clause alone: 'changed since' misled there
        why.append(f"the journal was made on {', '.join(sorted(problems.data_names))}, not on this data")
    elif rows:
        why.append(f"{'its row' if rows == 1 else 'their rows'} changed since")
    if labels:
        why.append(f"{'a label is' if labels == 1 else 'labels are'} not a class of this dataset")
    if problems.already_set:
        why.append(f"{'a row already has the label it sets' if len(problems.already_set) == 1 else 'rows already have the labels they set'}")
    if options:
        why.append("made with another --text-column, --label-column or --label-sep")
    groups = (f", {counted(len(problems.partial_groups), 'group')} only partly matching"
              if problems.partial_groups else "")
    return f"{counted(problems.unapplied, 'journal decision')} NOT applied ({'; '.join(why)}{groups}; see the warnings)"
