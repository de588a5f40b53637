"""The other row-level issue types (class imbalance, underperforming group, null) in one screen."""

from __future__ import annotations

import numpy as np

from tui.screens.row_screen import RowScreen
from tui.view import counted, quoted


def also_under(counts: np.ndarray, names: list[str], flagged_rows: np.ndarray, given: np.ndarray,
               threshold: object) -> str:
    """The other classes under Datalab's class-imbalance cut (``threshold`` of an even share of the
    rows), which it leaves unflagged: it flags the rarest class only. banking77 test with four
    classes cut to 2, 3, 4 and 6 rows listed the 2-row class alone, the 3-row one under the same cut
    (0.1 x 2,935 / 77 = 3.8 rows) unsaid."""
    if not isinstance(threshold, (int, float)) or not len(given):
        return ""
    cut = threshold * len(given) / max(1, len(counts))
    flagged_classes = set(np.unique(given[flagged_rows]).tolist())
    under = [c for c in np.argsort(counts, kind="stable").tolist()
             if 0 < counts[c] < cut and c not in flagged_classes]
    if not under:
        return ""
    shown = ", ".join(f"{quoted(names[c])} {counted(int(counts[c]), 'row')}" for c in under[:5])
    more = f" and {len(under) - 5:,} more" if len(under) > 5 else ""
    return (f" Also under that cut ({cut:.1f} rows), not flagged (Datalab flags the rarest class only): "
            f"{shown}{more}; the class chart (c on the summary) has every class.")


class FlaggedRowsScreen(RowScreen):
    """Flagged rows of ``issue_type`` with a dataset-level verdict line above them."""

    def verdict(self) -> str:
        view, info = self.view, self.view.info.get(self.issue_type) or {}
        flagged = len(view.flagged(self.issue_type))
        if self.issue_type == "class_imbalance":
            counts = np.bincount(view.given, minlength=view.n_classes)
            rarest = int(np.argmin(counts))
            share = counts[rarest] / max(1, len(view))
            threshold = info.get("threshold")
            limit = f" (threshold {threshold:g} of an even share)" if isinstance(threshold, (int, float)) else ""
            if counts.min() == counts.max():  # no class is the rarest (banking77 test: 40 rows each)
                return (f"Every class has {counted(int(counts[0]), 'row')} ({share:.1%}); "
                        f"{counted(flagged, 'row')} {'belongs' if flagged == 1 else 'belong'} to "
                        f"under-represented classes{limit}.")
            return (f"Rarest class {quoted(view.shown_names[rarest])}: {counted(int(counts[rarest]), 'row')} ({share:.1%}); "
                    f"{counted(flagged, 'row')} {'belongs' if flagged == 1 else 'belong'} to under-represented classes{limit}."
                    + also_under(counts, view.shown_names, view.flagged(self.issue_type), view.given, threshold))
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
        return "nothing flagged: press f to list every row by score"
