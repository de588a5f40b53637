"""``textaudit audit`` interrupted says what a re-run reuses, as the app's exit line does.

hostile41: Ctrl+C during the CLI's audit printed only 'textaudit: interrupted' (exit 130), while each
stage is cached whole once it finishes and the same command reads it back. The line now names the
stages the engine holds in the cache (engine/stage_runner.timed puts them on the exception), checked
here by running the command again: those stages are cache hits. Nothing is claimed where the cache
is off or its writes failed."""

from __future__ import annotations

import json
import signal

import pytest
from journal_helpers import says_csv

from engine.errors import EXIT_CANCELLED


def _interrupt_at(stage: str, monkeypatch) -> None:
    from tui import cli_progress

    def progress_then_ctrl_c(self, progress) -> None:
        if progress.stage == stage and progress.message == "starting":
            signal.raise_signal(signal.SIGINT)  # textaudit's handler raises KeyboardInterrupt here
        original(self, progress)

    original = cli_progress._StderrProgress.__call__
    monkeypatch.setattr(cli_progress._StderrProgress, "__call__", progress_then_ctrl_c)


def _said(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("textaudit:") and "note:" not in line]


@pytest.mark.parametrize("stage, cached, next_stage", [
    ("audit", "embed, neighbours, predict", "audit"),
    ("predict", "embed, neighbours", "predict"),
])
def test_the_line_names_what_a_rerun_reuses(stage, cached, next_stage, tmp_path, monkeypatch, capsys):
    from tui import cli

    data = says_csv(tmp_path / "d.csv", 30)
    args = ["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache")]
    with monkeypatch.context() as patched:
        _interrupt_at(stage, patched)
        assert cli.main(args) == EXIT_CANCELLED
    said = _said(capsys.readouterr().err)
    assert said == [f"textaudit: interrupted; cached: {cached} (re-running the same command reuses them and "
                    f"picks up at {next_stage})"], said
    assert cli.main([*args, "--format", "json"]) == 0  # and it does
    hits = json.loads(capsys.readouterr().out)["stage_cache_hits"]
    assert [name for name in ("embed", "neighbours", "predict", "audit") if hits[name]] == cached.split(", "), hits


def test_no_cache_keeps_nothing(tmp_path, monkeypatch, capsys):
    from tui import cli

    _interrupt_at("audit", monkeypatch)
    data = says_csv(tmp_path / "d.csv", 30)
    assert cli.main(["audit", str(data), "--model", "tfidf", "--no-cache"]) == EXIT_CANCELLED
    assert _said(capsys.readouterr().err) == ["textaudit: interrupted; nothing is kept (no cache: --no-cache)"]


def test_unwritten_entries_are_not_claimed(tmp_path, monkeypatch, capsys):
    """A cache whose writes fail (a full disk, a read-only folder): the stages finished, none is cached."""
    from engine import cache
    from tui import cli

    def full_disk(path, value) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "_write", full_disk)
    _interrupt_at("audit", monkeypatch)
    data = says_csv(tmp_path / "d.csv", 30)
    assert cli.main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "c")]) == EXIT_CANCELLED
    assert _said(capsys.readouterr().err) == ["textaudit: interrupted; no stage is cached: re-running starts over"]


def test_features_given_are_not_a_cached_stage(tmp_path, monkeypatch, capsys):
    """--features: the vectors are the user's (no embed entry); the line names the stages cached after them."""
    import numpy as np

    from tui import cli

    data = says_csv(tmp_path / "d.csv", 30)
    np.save(tmp_path / "f.npy", np.random.default_rng(1).normal(size=(30, 16)).astype(np.float32))
    _interrupt_at("audit", monkeypatch)
    assert cli.main(["audit", str(data), "--features", str(tmp_path / "f.npy"), "--cache-dir",
                     str(tmp_path / "c")]) == EXIT_CANCELLED
    assert _said(capsys.readouterr().err) == [
        "textaudit: interrupted; cached: neighbours, predict (re-running the same command reuses them and picks up "
        "at audit)"]
