"""A cache folder holding JSON nested past the stack (a damaged or planted results-v1 entry, or
cpu_features.json): every audit using that cache ended in 'internal error: RecursionError', exit 70
(s17 hostile). Such a file is unreadable, as any other corrupt cache file: ignored and rewritten."""

from __future__ import annotations

from pathlib import Path

from engine import cpu_features, result_index

DEEP = "[" * 30_000 + "]" * 30_000  # under cpu_features' 64,000-byte limit


def test_a_deep_results_entry_is_no_entry(tmp_path: Path) -> None:
    path = result_index._entry_path(tmp_path, "k" * 64)
    path.parent.mkdir(parents=True)
    path.write_text('{"view": ' + DEEP + "}")
    assert result_index.load(tmp_path, "k" * 64) is None


def test_a_deep_cpu_memo_is_probed_again_and_rewritten(tmp_path: Path) -> None:
    (tmp_path / cpu_features.MEMO_FILE).write_text(DEEP)
    assert cpu_features.remembered(tmp_path, lambda: True) is True
    assert cpu_features.remembered(tmp_path, lambda: False) is True  # the rewritten memo answers
