"""The summary's 'pred_probs:' line: where the probabilities the label check reads came from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len

#: The fewest cells a cut word keeps (less, and the line wraps whole).
MIN_WORD = 16
#: the start of the notes engine/second_view.py gives where ``auto`` or a text-less file leaves the view out
LEFT_OUT = "TF-IDF view left out:"


def pred_probs_line(result: Any) -> str:
    """One short line (80 columns for the bundled model): the pooled views as the report's and the JSON's
    'pred_probs:' say them (engine/result.pred_probs_source), else the one source and why it stands alone;
    the report said nothing where one view was used, and the summary said nothing at all."""
    from engine.embed_model import TFIDF_MODEL, resolve_model_name
    from engine.result import pred_probs_source
    from engine.second_view import AUTO_MAX_ROWS

    options = result.options
    if options.pred_probs_path:
        return f"pred_probs: given, --pred-probs {_file_name(options.pred_probs_path)}"
    pooled = pred_probs_source(result)
    if pooled:
        return f"pred_probs: {pooled}"
    model = resolve_model_name(options.model)
    if options.features_path:
        return f"pred_probs: a classifier on --features {_file_name(options.features_path)}"
    if getattr(result.dataset, "is_multilabel", False):
        return f"pred_probs: {model}, one probability per label"
    if model == TFIDF_MODEL:
        return "pred_probs: tfidf alone (the model is TF-IDF: no second view)"
    left_out = next((note for note in result.notes if note.startswith(LEFT_OUT)), None)
    if left_out is not None:
        why = "no words to read" if "no text has a word" in left_out else f"over {AUTO_MAX_ROWS:,} rows"
        return f"pred_probs: {model} alone (TF-IDF view left out: {why})"  # the note says more
    if options.second_view == "none":
        return f"pred_probs: {model} alone (--second-view none)"
    return f"pred_probs: {model} alone"


def _file_name(path: str) -> str:
    """A file's name as the title names it (62fce66): a Latin-1 'p\\xe9.npy' reached the line as 'p\\udce9.npy',
    whose byte a UTF-8 terminal drops ('p.npy', another file's name; diff38)."""
    from tui.std_streams import undecodable_escaped

    return undecodable_escaped(Path(path).name)


def fit_line(line: str, width: int) -> str:
    """``line`` in ``width`` cells, its longest word cut in the middle, more of its end kept (a folder's own
    name ends its path): a --model folder's path wrapped the line in two or three (ui38, 80 and 120
    columns); the report (r) says it whole. Too narrow: the word cut to ``MIN_WORD`` cells, the line wrapping."""
    from tui.names import cut_middle

    if width <= 0 or cell_len(line) <= width:
        return line
    words = line.split(" ")
    at = max(range(len(words)), key=lambda index: cell_len(words[index]))
    keep = max(cell_len(words[at]) - (cell_len(line) - width), MIN_WORD)
    words[at] = cut_middle(words[at], keep, tail=(keep - 1) * 2 // 3)
    return " ".join(words)
