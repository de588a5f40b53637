"""``--ray host:port`` that does not answer is one line before anything runs, in every command:
``browse`` opened the app (and ``serve`` served), whose audit then failed inside it; ``audit``
read and embedded the data first."""

from __future__ import annotations

from pathlib import Path

import pytest
from net_helpers import free_port

pytest.importorskip("ray")

from tui.cli import main  # noqa: E402


@pytest.mark.parametrize("command", ["audit", "browse", "serve"])
def test_an_unreachable_ray_address_is_one_line_first(tmp_path: Path, monkeypatch, capsys, command: str) -> None:
    import tui.launch
    import tui.serve

    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the TUI started"))
    monkeypatch.setattr(tui.serve, "serve", lambda *a, **k: pytest.fail("it served"))
    import engine.pipeline

    monkeypatch.setattr(engine.pipeline, "run_audit", lambda *a, **k: pytest.fail("the audit ran"))
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    address = f"127.0.0.1:{free_port()}"
    assert main([command, str(data), "--model", "tfidf", "--ray", address]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"textaudit: error: --ray {address}: cannot reach a Ray cluster there (Connection refused); "
                   "start one with `ray start --head` or check the address"], err
