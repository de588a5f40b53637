"""``browse --label-names`` that miss a label is refused in the shell where the shell loaded the data whole.

Since 2d5aa6c/9482d4f/81cb074 browse loads a JSON object of column lists and ``hf:NAME`` whole before the app
(its column check); a ``--label-names`` missing a label was still said only inside the app ('Audit failed:
--label-names: label 3 (20 rows) has no name ...', waiting for q; fix41b's 'noticed', confirmed in tmux with an
``hf:`` folder). With the Dataset in hand the check costs nothing, so it is now one line and exit 2 in the shell.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browse_helpers import INT_LABELS, INT_TEXTS, hub_ints_folder

from tui.cli import main


def _column_lists(tmp_path: Path) -> Path:
    path = tmp_path / "cols.json"
    path.write_text(json.dumps({"text": INT_TEXTS, "label": INT_LABELS}))
    return path


def test_names_missing_a_label_are_refused_in_the_shell(tmp_path: Path, opened: list[dict],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["browse", str(_column_lists(tmp_path)), "--label-names", "0=a,1=b,2=c"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "--label-names: label 3 (6 rows) has no name" in err
    assert opened == []


def test_names_for_every_label_open_the_app(tmp_path: Path, opened: list[dict]) -> None:
    assert main(["browse", str(_column_lists(tmp_path)), "--label-names", "1=a,2=b,3=c"]) == 0
    assert len(opened) == 1 and opened[0]["dataset"] is not None
    assert opened[0]["label_names"] == {1: "a", 2: "b", 3: "c"}


def test_an_hf_folder_with_names_missing_a_label_is_refused_in_the_shell(
        tmp_path: Path, opened: list[dict], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("datasets")
    hub_ints_folder(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["browse", "hf:ints", "--label-names", "0=a,1=b,2=c"]) == 2
    assert "--label-names: label 3 (6 rows) has no name" in capsys.readouterr().err
    assert opened == []
