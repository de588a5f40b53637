"""The other row-level issue types (class imbalance, underperforming group, null) in one screen."""

from __future__ import annotations

import numpy as np

from engine.imbalance_cut import classes_under_cut
from engine.wording import share as share_of
from tui.screens.row_screen import RowScreen
from tui.terminal_text import quoted
from tui.view import AuditView, counted


def also_under(view: AuditView, threshold: object) -> str:
    """The other classes under Datalab's class-imbalance cut (engine/imbalance_cut.py), which it
    leaves unflagged: it flags the rarest class only."""
    flagged = view.flags.get("class_imbalance", np.zeros(len(view), dtype=bool))
    cut, under = classes_under_cut(view.given, view.n_classes, flagged, threshold)
    if not under:
        return ""
    counts = np.bincount(view.given, minlength=view.n_classes)
    shown = ", ".join(f"{quoted(view.shown_names[c])} {counted(int(counts[c]), 'row')}" for c in under[:5])
    more = f" and {len(under) - 5:,} more" if len(under) > 5 else ""
    return (f" Also under that cut ({cut:.1f} rows), not flagged (Datalab flags the rarest class only): "
            f"{shown}{more}; the class chart (c on the summary) has every class.")


def why_not_checked(view: AuditView, issue_type: str) -> str | None:
    """Why Datalab's check of ``issue_type`` did not run (its note's reason, '' where no note says),
    or None where it ran. Notes read '<type> not checked: <reason>' (engine/audit.py), several types
    joined by ', ' on label sets (engine/multilabel_audit.py)."""
    counts = getattr(view, "counts", None)  # a stand-in view without counts: checked
    if counts is None or issue_type in counts:
        return None
    for note in getattr(view, "notes", []):
        head, _, reason = note.partition(" not checked")
        if reason and issue_type in head.split(", "):
            return reason.removeprefix(":").strip()
    return ""


class FlaggedRowsScreen(RowScreen):
    """Flagged rows of ``issue_type`` with a dataset-level verdict line above them."""

    def verdict(self) -> str:
        view, info = self.view, self.view.info.get(self.issue_type) or {}
        reason = why_not_checked(view, self.issue_type)
        if reason is not None:  # the summary's 'not checked'; it read 'No cluster of rows where the model does clearly worse'
            return (f"Not checked: {reason.rstrip('.')}. Nothing is flagged and no row has a score."
                    if reason else "Not checked (the report, r, says why): nothing is flagged and no row has a score.")
        flagged = len(view.flagged(self.issue_type))
        if self.issue_type == "class_imbalance":
            counts = np.bincount(view.given, minlength=view.n_classes)
            rarest = int(np.argmin(counts))
            share = share_of(int(counts[rarest]), len(view))  # 15 of 63,697 rows: '<0.1%', not '0.0%'
            threshold = info.get("threshold")
            limit = f" (threshold {threshold:g} of an even share)" if isinstance(threshold, (int, float)) else ""
            if counts.min() == counts.max():  # no class is the rarest (banking77 test: 40 rows each)
                return (f"Every class has {counted(int(counts[0]), 'row')} ({share}); "
                        f"{counted(flagged, 'row')} {'belongs' if flagged == 1 else 'belong'} to "
                        f"under-represented classes{limit}.")
            also = also_under(view, threshold)
            # beside the classes also under the cut, 'N rows belong to under-represented classes'
            # counted the flag's rows as if they were all of them (ui27b, banking77 test cut to 2/3/4/6)
            belong = (f"{counted(flagged, 'row')} flagged as under-represented{limit}" if also else
                      f"{counted(flagged, 'row')} {'belongs' if flagged == 1 else 'belong'} to under-represented classes{limit}")
            return (f"Rarest class {quoted(view.shown_names[rarest])}: {counted(int(counts[rarest]), 'row')} ({share}); "
                    f"{belong}.{also}")
        if self.issue_type == "underperforming_group":
            clustering = (info.get("clustering") or {}).get("stats") or {}
            clusters = clustering.get("n_clusters")
            where = f" among {counted(int(clusters), 'cluster')}" if clusters is not None else ""
            return (f"{counted(flagged, 'row')} {'sits' if flagged == 1 else 'sit'} in a cluster where the model does clearly worse than on the rest"
                    f"{where}." if flagged else f"No cluster of rows where the model does clearly worse{where}.")
        if self.issue_type == "null":
            if flagged == 1:
                return "1 row has empty or missing text."
            return f"{flagged:,} rows have empty or missing text." if flagged else "No row has empty or missing text."
        return ""

    def empty_text(self) -> str:
        if why_not_checked(self.view, self.issue_type) is not None:  # no scores for f to list rows by
            return "not checked: nothing flagged, no scores"
        return "nothing flagged: press f to list every row by score"
