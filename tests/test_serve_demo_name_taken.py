"""'textaudit serve demo' where a folder or file named demo is here serves that (2271b8c); where it is no data, the
refusal said only 'demo: is a directory, not a data file ...' with no word of the bundled demo README promises (diff38)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.demo import demo_path
from engine.errors import TextauditError
from tui.cli_parser import build_parser
from tui.serve import serve


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_demo_here_that_is_no_data_names_the_bundled_demo(tmp_path: Path, monkeypatch, kind: str) -> None:
    if kind == "folder":
        (tmp_path / "demo").mkdir()
    else:
        (tmp_path / "demo").write_text("text,label\nhello,a\n")  # no extension: 'unknown file type'
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TextauditError) as caught:
        serve(build_parser().parse_args(["serve", "demo"]))
    message = caught.value.message
    assert message.startswith("demo: ") and f"give its data, {demo_path()} --id-column id" in message, message
