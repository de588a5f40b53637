"""``textaudit serve hf:NAME --label-names ...`` refuses names that miss a label in the shell, before serving.

serve loaded a local file in the shell (a wrong column or --label-names: one line), but not ``hf:NAME``: each browser
tab's app loaded it and said 'Audit failed: --label-names: label 3 (6 rows) has no name', once per tab, while the
shell said 'serving ...' (fix41c's 'noticed'; browse refuses it in the shell since 3b11be4). serve now loads
``hf:NAME`` whole as browse does (check_columns_early) and checks the names on it: one line, exit 2, no server.
A folder saved with ``save_to_disk`` is not an ``hf:`` source (hf: says to give it without 'hf:'), so the hub
stand-in here is a folder of data files, offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browse_helpers import hub_ints_folder

from tui.cli import main


class _StubServer:
    """Stands in for GuardedServer: records that it was made, ready at once, serves nothing."""

    made: list[str] = []

    def __init__(self, command, **kwargs) -> None:
        _StubServer.made.append(command)

    def serve(self, on_ready) -> None:
        on_ready()


@pytest.fixture
def hub_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """``hf:ints``: a folder of one CSV with integer labels 1-3, read offline; the server stubbed."""
    pytest.importorskip("datasets")
    hub_ints_folder(tmp_path, monkeypatch)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("tui.serve_guard.GuardedServer", _StubServer)
    _StubServer.made = []
    return "hf:ints"


def test_names_missing_a_label_are_refused_before_serving(hub_folder: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["serve", hub_folder, "--label-names", "0=a,1=b,2=c", "--model", "tfidf"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "--label-names: label 3 (6 rows) has no name" in err
    assert _StubServer.made == []  # no server, no tab to say it in


def test_names_for_every_label_serve(hub_folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", hub_folder, "--label-names", "1=a,2=b,3=c", "--model", "tfidf", "--port", "8765"]) == 0
    assert len(_StubServer.made) == 1
    assert "textaudit: serving hf:ints; open http://127.0.0.1:8765/?token=" in capsys.readouterr().err


def test_a_missing_column_is_refused_before_serving(hub_folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", hub_folder, "--text-column", "body", "--model", "tfidf"]) != 0
    err = capsys.readouterr().err
    assert "body" in err and len(err.strip().splitlines()) == 1, err
    assert _StubServer.made == []
