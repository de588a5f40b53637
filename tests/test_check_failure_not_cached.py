"""A check that fails for a reason of the run (out of memory, the file system, a module, a bug), not of
the data, is not cached: the audit stage (and audit's result index) kept 'outlier not checked: Unable
to allocate 3.2 GiB ...', and every later run, with memory to spare, said it again without checking
(hostile23). A failure of the data (cleanlab's ValueError on it) is still cached, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

import engine.errors as errors
import engine.issue_managers as managers
from engine.pipeline import AuditOptions, run_audit

NOT_CACHED = getattr(errors, "NOT_CACHED", "(the old code has no such words)")

WORDS = ["card", "refund", "transfer", "balance", "pin", "atm", "fee", "limit"]


def _data(folder: Path) -> Path:
    data = folder / "d.csv"
    rows = [f"{WORDS[i % 8]} {WORDS[(i * 3) % 8]} question {i},{'ab'[i % 2]}" for i in range(40)]
    data.write_text("text,label\n" + "\n".join(rows) + "\n")
    return data


def _failing_outlier_check(monkeypatch, error: BaseException, times: int) -> dict[str, int]:
    real = managers.TextauditOutlierIssueManager._find_issues_for
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= times:
            raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(managers.TextauditOutlierIssueManager, "_find_issues_for", flaky)
    return calls


def _outlier_notes(result) -> list[str]:
    return [note for note in result.notes if note.startswith("outlier not checked")]


def test_a_failure_of_the_run_is_checked_again_by_the_next_run(tmp_path: Path, monkeypatch) -> None:
    calls = _failing_outlier_check(monkeypatch, MemoryError("Unable to allocate 3.2 GiB for an array"), times=1)
    options = AuditOptions(model="tfidf", cache_root=str(tmp_path / "cache"))
    first = run_audit(_data(tmp_path), options)
    second = run_audit(_data(tmp_path), options)
    assert calls["n"] == 2 and _outlier_notes(second) == []
    assert second.stage_cache_hits["audit"] is False and second.stage_cache_hits["predict"] is True
    assert _outlier_notes(first) == [f"outlier not checked: MemoryError: Unable to allocate 3.2 GiB for an array"
                                     f"{NOT_CACHED}"]
    third = run_audit(_data(tmp_path), options)  # checked now, so cached now
    assert calls["n"] == 2 and third.stage_cache_hits["audit"] is True


def test_a_failure_of_the_data_stays_cached(tmp_path: Path, monkeypatch) -> None:
    calls = _failing_outlier_check(monkeypatch, ValueError("the data lies in a lower-dimensional subspace"), times=9)
    options = AuditOptions(model="tfidf", cache_root=str(tmp_path / "cache"))
    first = run_audit(_data(tmp_path), options)
    second = run_audit(_data(tmp_path), options)
    assert calls["n"] == 1 and second.stage_cache_hits["audit"] is True
    assert _outlier_notes(first) == _outlier_notes(second) == [
        "outlier not checked: the data lies in a lower-dimensional subspace"]


def test_audit_keeps_no_result_index_of_such_a_run(tmp_path: Path, monkeypatch, capsys) -> None:
    from tui.cli import main

    monkeypatch.chdir(tmp_path)
    calls = _failing_outlier_check(monkeypatch, OSError(28, "No space left on device"), times=1)
    data = _data(tmp_path)
    argv = ["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache")]
    assert main(argv) == 0
    assert "outlier not checked: OSError: [Errno 28] No space left on device" in capsys.readouterr().out
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert calls["n"] == 2 and "outlier not checked" not in out


@pytest.mark.parametrize("error", [ImportError("No module named 'faiss'"), NameError("name 'x' is not defined")])
def test_a_missing_module_or_a_bug_is_named_and_not_cached(tmp_path: Path, monkeypatch, error) -> None:
    _failing_outlier_check(monkeypatch, error, times=1)
    result = run_audit(_data(tmp_path), AuditOptions(model="tfidf", cache_root=str(tmp_path / "cache")))
    (note,) = _outlier_notes(result)
    assert note.startswith(f"outlier not checked: {type(error).__name__}: ") and note.endswith(NOT_CACHED)
