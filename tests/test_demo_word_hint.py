"""'textaudit serve demo' (or browse, audit) where no file 'demo' is: the line names the bundled demo's data.

After 'textaudit demo', 'textaudit serve demo' said only 'demo: no such file or directory' (walk36); the demo's
file lies in the package, so the line now says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.demo import demo_path
from engine.demo_multilabel import demo_multilabel_path
from engine.errors import DataError
from engine.source_checks import check_source


@pytest.mark.parametrize(("word", "bundled", "command"), [
    ("demo", demo_path(), "textaudit demo,"), ("demo.csv", demo_path(), "textaudit demo,"),
    ("demo_multilabel", demo_multilabel_path(), "textaudit demo --multilabel,")])
def test_missing_demo_word_names_the_bundled_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  word: str, bundled: Path, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as raised:
        check_source(word)
    message = str(raised.value)
    assert message.startswith(f"{word}: no such file or directory; the bundled demo is {command}")  # multi-label:
    # its own command (it said plain 'textaudit demo', which opens the single-label demo; review diff36)
    assert str(bundled) in message


def test_other_missing_names_get_no_demo_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError) as raised:
        check_source("demos.csv")
    assert str(raised.value) == "demos.csv: no such file or directory"
