"""A JSON text holding a lone surrogate ("\\ud800" escapes are valid JSON) no longer breaks the filter and the text sort.

tmux, h.jsonl with one such text among 123: '/lone' on any row screen said 'filter/sort failed: UnicodeEncodeError:
'utf-8' codec can't encode character '\\ud800' ... surrogates not allowed', and so did every filter and every sort by
text on that dataset: the view's texts go into Arrow (tui/text_index.py), which holds only UTF-8 (hostile41).
"""

from __future__ import annotations

import json

import numpy as np


def _view(tmp_path):
    from engine.pipeline import AuditOptions, run_audit
    from tui.view import AuditView

    words = ["card lost block", "balance account money", "refund order back"]
    rows = [{"text": f"my {words[i % 3]} question {i}", "label": "abc"[i % 3], "id": f"r{i}"} for i in range(45)]
    rows[4]["text"] = "lone \ud800 surrogate and \udce9 one"
    rows[7]["id"] = "id\udc9b\ud800"
    source = tmp_path / "d.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    options = AuditOptions(model="tfidf", folds=3, id_column="id", cache_root=str(tmp_path / "cache"))
    return AuditView.from_result(run_audit(source, options))


def test_filter_and_text_sort_read_a_text_with_a_lone_surrogate(tmp_path) -> None:
    view = _view(tmp_path)
    rows = np.arange(len(view.texts))
    hits = view.text_index.contains(rows, "LONE")
    assert np.flatnonzero(hits).tolist() == [4]
    assert np.flatnonzero(view.text_index.contains(rows, "surrogate and")).tolist() == [4]
    rank = view.text_index.rank()
    assert sorted(rank.tolist()) == list(range(len(rows)))
    assert view.texts[4] == "lone \ufffd surrogate and \ufffd one" and view.ids[7] == "id\ufffd\ufffd"
    assert "\ud800" in str(view.raw_texts[4])  # the data keeps it (the journal's text hash, the export)
