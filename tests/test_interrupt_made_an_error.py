"""A Ctrl+C that a library turns into another error: cleanlab's labels_to_array wraps np.asarray
in a bare ``except:`` and raises ValueError('List of labels must be convertable ...'), so a SIGINT
landing there (banking77 test, Ctrl+C 0.5 s into the audit stage, 1 run of 3) ended
'textaudit: internal error: ValueError: List of labels must b...', exit 70. The user asked to stop."""

from __future__ import annotations

import signal

import pytest
from journal_helpers import says_csv

from engine.errors import EXIT_CANCELLED, DataError


def _bare_except() -> None:
    try:
        signal.raise_signal(signal.SIGINT)  # textaudit's handler raises KeyboardInterrupt here
    except:  # noqa: E722 - as cleanlab's labels_to_array does
        raise ValueError("List of labels must be convertable to 1D numpy array via: np.ndarray(labels).") from None


def _wrapped() -> None:
    try:
        _bare_except()
    except ValueError as exc:  # and a caller that makes a data error of that
        raise DataError(f"cannot read the labels: {exc}") from None


@pytest.mark.parametrize("fault", [_bare_except, _wrapped], ids=["internal error", "data error"])
def test_an_interrupt_a_library_made_an_error_is_still_an_interrupt(fault, tmp_path, monkeypatch, capsys):
    from tui import cli, cli_progress

    def progress_then_fault(self, progress) -> None:
        if progress.stage == "audit":
            fault()
        original(self, progress)

    original = cli_progress._StderrProgress.__call__
    monkeypatch.setattr(cli_progress._StderrProgress, "__call__", progress_then_fault)
    monkeypatch.delenv("TEXTAUDIT_DEBUG", raising=False)
    data = says_csv(tmp_path / "d.csv", 30)
    code = cli.main(["audit", str(data), "--model", "tfidf", "--cache-dir", str(tmp_path / "cache")])
    err = capsys.readouterr()
    assert code == EXIT_CANCELLED
    said = [line for line in err.err.splitlines() if line.startswith("textaudit:")]
    assert len(said) == 1 and said[0].startswith("textaudit: interrupted"), said  # and what stayed cached (fix41d)
    assert err.out == ""
