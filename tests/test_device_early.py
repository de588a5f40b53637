"""``browse``/``demo``/``serve --device cuda`` on a machine without CUDA is one line, exit 2, before
the app starts: browse and demo opened the app, whose audit then failed inside it, and serve served
(every tab's audit failed in the page). CUDA is made absent here, whatever the machine has."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main


@pytest.mark.parametrize("command", ["browse", "demo", "serve"])
def test_a_missing_cuda_device_is_one_line_before_the_app(tmp_path: Path, monkeypatch, capsys, command: str) -> None:
    torch = pytest.importorskip("torch")
    import tui.launch
    import tui.serve

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(tui.launch, "run_app", lambda *a, **k: pytest.fail("the TUI started"))
    monkeypatch.setattr(tui.serve, "serve", lambda *a, **k: pytest.fail("it served"))
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    args = [command] if command == "demo" else [command, str(data)]
    assert main([*args, "--device", "cuda:0"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "textaudit: error: --device cuda:0: CUDA is not available on this machine"]
