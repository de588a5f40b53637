"""A stage that imports its library on a cache miss says so on its progress line.

walk43 (tmux, the demo opened from cache, R): the line read 'predict    starting · 4.8s' for ~6 s
with no count while scikit-learn loaded (StageRunner.cached's imports). It now reads 'loading
scikit-learn…' until the stage's own first report replaces it.
"""

from __future__ import annotations

import sys

from engine.pipeline import AuditOptions
from engine.progress import Progress
from engine.stage_runner import StageRunner, loading_words
from tui.screens.progress import StageClock


def test_the_import_is_said_before_it_runs(tmp_path, monkeypatch):
    (tmp_path / "open43_slow_library.py").write_text("LOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "open43_slow_library", raising=False)
    seen: list[Progress] = []
    runner = StageRunner(AuditOptions(use_cache=False, cache_root=str(tmp_path / "cache")), seen.append, None)

    def compute() -> int:
        assert "open43_slow_library" in sys.modules
        runner.report("predict", 0, 5, "")
        return 7

    value = runner.timed("predict", lambda: runner.cached(
        "predict", "pred_probs", "key", compute=compute, files=lambda result: ({}, {}),
        restore=lambda cached: 0, doubt=lambda cached: None, imports=("open43_slow_library",)))
    assert value == 7
    messages = [p.message for p in seen]
    assert messages[:3] == ["starting", "loading open43_slow_library…", ""], messages
    clock = StageClock("predict", started=0.0)
    clock.report(0.0, 0, 1, "starting")
    clock.report(0.1, seen[1].done, seen[1].total, seen[1].message)
    assert clock.line(4.8) == "predict    loading open43_slow_library… · 4.8s"


def test_scikit_learn_by_its_name_and_nothing_once_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "sklearn.model_selection", raising=False)
    monkeypatch.delitem(sys.modules, "sklearn.linear_model", raising=False)
    assert loading_words(("sklearn.model_selection", "sklearn.linear_model")) == "loading scikit-learn…"
    assert loading_words(("sys",)) == ""
