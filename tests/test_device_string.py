"""--device cuda:N: a malformed N ('cuda:x', 'cuda:-1', 'cuda:0 '; 'cuda:01': torch refuses a leading
zero) and, on a CUDA machine, an N past its devices reached torch inside the model's load, which said
'cannot load embedding model 'all-MiniLM-L6-v2': Invalid device string: 'cuda:x'': the model blamed
(hostile23, CUDA simulated by patching torch.cuda: no GPU in this session, so the ordinal case is
checked against device_count only). Now one line naming the device, before any work; also with
--model tfidf, which uses no device and took any such string silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.embed_model import resolve_device
from engine.errors import UsageError
from tui.cli import main


@pytest.mark.parametrize("device", ["cuda:x", "cuda:-1", "cuda:0 ", "cuda:", "cuda:\u0661", "cuda:+1",
                                    "cuda:01", "cuda:00"])
def test_a_malformed_cuda_device_is_one_line(tmp_path: Path, monkeypatch, capsys, device: str) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)))
    assert main(["audit", str(data), "--model", "tfidf", "--device", device, "--no-cache"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"textaudit: error: unknown device {device!r}; use auto, cpu, cuda, cuda:N or mps")


def test_a_cuda_device_past_the_machines_is_named(monkeypatch) -> None:
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    assert resolve_device("cuda:1") == "cuda:1"
    with pytest.raises(UsageError, match=r"^--device cuda:2: this machine has 2 CUDA devices \(cuda:0 to cuda:1\)$"):
        resolve_device("cuda:2")
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(UsageError, match=r"^--device cuda:7: this machine has 1 CUDA device \(cuda:0\)$"):
        resolve_device("cuda:7")
