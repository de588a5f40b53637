"""``--model NAME`` and ``hf:NAME`` without a hub to ask: the same exit code, one line each.

ui28 (no network on the box): ``--model sentence-transformers/paraphrase-MiniLM-L3-v2`` stopped
with exit 2 (a usage error) while ``hf:ag_news`` stopped with exit 1 for the same unplugged cable;
and with HF_HUB_OFFLINE set, 2 and 1 again. The hub out of reach is the machine's state, not a
wrong option: both are 1 now. A model name the hub does not know stays 2 (README, exit codes).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_hostile_inputs import BASE, REPO, assert_one_error_line, write_csv

from engine.errors import EXIT_DATA, TextauditError

MODEL = "someone/no-such-cached-model"


@pytest.mark.parametrize("cached", [False, True], ids=["no-cache-folder", "cache-folder-without-the-model"])
def test_a_hub_model_name_without_the_hub_is_a_data_error_in_process(monkeypatch, tmp_path, cached):
    """With no folder of the model in any cache, the hub is asked before sentence-transformers is imported
    (~7 s that a machine without network waited for the same line): that import is blocked here. A cache
    folder that does not hold the model whole takes the long way (import, offline load, then the probe)."""
    import sys

    from huggingface_hub import constants

    from engine import embed

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # online, as at a fresh start
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens: refused
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.delenv("SENTENCE_TRANSFORMERS_HOME", raising=False)
    monkeypatch.delenv("TRANSFORMERS_CACHE", raising=False)
    if cached:
        (tmp_path / "hub" / f"models--{MODEL.replace('/', '--')}").mkdir(parents=True)
    else:
        monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # imported: 'is not installed'
    with pytest.raises(TextauditError, match=r"--model someone/no-such-cached-model: cannot reach the Hugging "
                                             r"Face hub") as caught:
        embed._load_sentence_transformer(MODEL, "cpu")
    assert caught.value.exit_code == EXIT_DATA
    assert "--model tfidf" in caught.value.message


@pytest.mark.parametrize("offline", [False, True], ids=["unreachable", "HF_HUB_OFFLINE"])
def test_model_and_hf_names_exit_alike_without_the_hub(offline, tmp_path):
    data = write_csv(tmp_path / "d.csv", BASE)
    env = {**os.environ, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path / "hf"),
           "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("HF_HUB_OFFLINE", None)
    if offline:
        env["HF_HUB_OFFLINE"] = "1"
    codes = {}
    for argv, needle in (([str(data), "--model", MODEL], f"--model {MODEL}: "),
                         (["hf:banking77", "--model", "tfidf"], "hf:banking77: cannot")):
        done = subprocess.run([sys.executable, "-m", "tui.cli", "audit", *argv], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=180)  # a guard against a hang
        assert_one_error_line(done.stderr, needle)
        codes[argv[0]] = done.returncode
    assert set(codes.values()) == {EXIT_DATA}, codes
