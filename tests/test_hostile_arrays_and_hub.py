"""Hostile input, continued (tests/test_hostile_inputs.py has the rules): user-supplied
``--pred-probs`` / ``--features`` arrays and Hugging Face names without a network."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_hostile_inputs import BASE, REPO, _cli_json, _probs, assert_one_error_line, write_csv

from engine.errors import EXIT_DATA, EXIT_USAGE, TextauditError
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from tui.cli import main


# --------------------------------------------------------------------------- --pred-probs / --features


def _features(n: int, d: int = 16, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)


class _Marker:
    """Unpickling this touches a file: proof that a pickle was (or was not) executed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def _nan_row(array: np.ndarray) -> np.ndarray:
    array = array.copy()
    array[3, 0] = np.nan
    return array


def _unnormalised(array: np.ndarray) -> np.ndarray:
    array = array.copy()
    array[5] *= 2
    return array


ARRAY_CASES = [
    ("pred-probs wrong shape", "pred-probs", lambda: _probs(29, 3), "has shape (29, 3); expected (30, 3)"),
    ("pred-probs 1-d", "pred-probs", lambda: _probs(30, 3)[:, 0], "has shape (30,)"),
    ("pred-probs NaN", "pred-probs", lambda: _nan_row(_probs(30, 3)), "NaN or infinite values in 1 row (first: row 3)"),
    ("pred-probs not summing to 1", "pred-probs", lambda: _unnormalised(_probs(30, 3)), "rows must sum to 1; 1 do not (first: row 5"),
    ("pred-probs wrong class count", "pred-probs", lambda: _probs(30, 4), "4 columns but the data has 3 classes"),
    ("pred-probs negative", "pred-probs", lambda: _probs(30, 3) * np.array([1, 1, -1]), "negative"),
    ("features NaN", "features", lambda: _nan_row(_features(30)), "NaN or infinite values in 1 row (first: row 3)"),
    ("features inf", "features", lambda: np.where(np.eye(30, 16) == 1, np.inf, _features(30)), "NaN or infinite"),
    ("features wrong row count", "features", lambda: _features(31), "has shape (31, 16); expected (30, dim)"),
    ("features strings", "features", lambda: np.array([["x"] * 4] * 30), "not a numeric array"),
    # every row alike at distance 1: it audited noise (19 of 40 rows label issues), nothing said
    ("features all zeros", "features", lambda: np.zeros((30, 16), np.float32), "every row is all zeros (30 x 16)"),
]


@pytest.mark.parametrize(("name", "option", "make", "needle"), ARRAY_CASES, ids=[c[0] for c in ARRAY_CASES])
def test_bad_user_arrays_are_data_errors(name, option, make, needle, tmp_path, capsys):
    data = write_csv(tmp_path / "d.csv", BASE)
    array_path = tmp_path / f"{option}.npy"
    np.save(array_path, make())
    other = {"pred-probs": ("features", _features(30)), "features": ("pred-probs", _probs(30, 3))}[option]
    np.save(tmp_path / f"{other[0]}.npy", other[1])
    options = AuditOptions(features_path=str(tmp_path / "features.npy"), pred_probs_path=str(tmp_path / "pred-probs.npy"))
    with pytest.raises(TextauditError) as caught:
        run_audit(data, options)
    assert caught.value.exit_code == EXIT_DATA and needle in caught.value.message
    argv = ["audit", str(data), "--features", str(tmp_path / "features.npy"), "--pred-probs", str(tmp_path / "pred-probs.npy")]
    assert main(argv) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, needle)


@pytest.mark.parametrize("option", ["pred-probs", "features"])
def test_pickled_user_arrays_are_refused_unexecuted(option, tmp_path, capsys):
    marker = tmp_path / "executed"
    payload = np.array([_Marker(marker)], dtype=object)
    pickle.loads(pickle.dumps(payload))  # the payload is live: unpickling it runs Path.touch
    assert marker.exists()
    marker.unlink()
    data = write_csv(tmp_path / "d.csv", BASE)
    array_path = tmp_path / "evil.npy"
    np.save(array_path, payload, allow_pickle=True)
    argv = ["audit", str(data), f"--{option}", str(array_path), "--model", "tfidf"]
    assert main(argv) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, "is not a readable .npy array")
    assert not marker.exists()


def test_missing_and_empty_array_files(tmp_path, capsys):
    data = write_csv(tmp_path / "d.csv", BASE)
    (tmp_path / "empty.npy").write_bytes(b"")
    for target, needle in [(tmp_path / "none.npy", "no such file"), (tmp_path / "empty.npy", "empty.npy is empty")]:
        assert main(["audit", str(data), "--pred-probs", str(target), "--model", "tfidf"]) == EXIT_DATA
        assert_one_error_line(capsys.readouterr().err, needle)


def test_valid_user_arrays_are_used_as_given(tmp_path, capsys):
    """Rows summing to 1 within 1e-3 are accepted and renormalised; no model is loaded."""
    data = write_csv(tmp_path / "d.csv", BASE)
    probs = _probs(30, 3) * 1.0004
    np.save(tmp_path / "p.npy", probs)
    np.save(tmp_path / "f.npy", _features(30))
    options = AuditOptions(features_path=str(tmp_path / "f.npy"), pred_probs_path=str(tmp_path / "p.npy"))
    result = run_audit(data, options)
    np.testing.assert_allclose(result.pred_probs.sum(axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(result.pred_probs, probs / probs.sum(axis=1, keepdims=True), rtol=1e-5)
    summary = _cli_json([str(data), "--features", str(tmp_path / "f.npy"), "--pred-probs", str(tmp_path / "p.npy")], capsys)
    assert summary["n_rows"] == 30


def test_zero_feature_rows_are_noted(tmp_path, capsys):
    """A zero row has no direction: cosine distance 1 from every row, never a near-duplicate of
    its twin (it was silent)."""
    data = write_csv(tmp_path / "d.csv", BASE)
    features = _features(30)
    features[[4, 9]] = 0
    np.save(tmp_path / "f.npy", features)
    np.save(tmp_path / "p.npy", _probs(30, 3))
    summary = _cli_json([str(data), "--features", str(tmp_path / "f.npy"), "--pred-probs", str(tmp_path / "p.npy")], capsys)
    assert ("--features: 2 rows are all zeros (rows 4, 9): no direction, so as far from every row as can be "
            "(never near-duplicates, likely outliers)") in summary["notes"]
    np.save(tmp_path / "f.npy", _features(30))
    assert not any("all zeros" in note for note in _cli_json([str(data), "--features", str(tmp_path / "f.npy")], capsys)["notes"])


# --------------------------------------------------------------------------- hub names without a network


def test_hub_name_without_network_fails_fast_in_process(monkeypatch):
    """An unreachable hub is detected by one short probe; datasets (25 s of retries) is never called."""
    from huggingface_hub import constants

    import datasets

    import datasets.config

    # online mode, as at a fresh start (loading the bundled model sets HF_HUB_OFFLINE=1 in-process)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens: refused
    monkeypatch.setattr(datasets, "load_dataset", lambda *a, **k: pytest.fail("datasets was called"))
    with pytest.raises(TextauditError, match=r"hf:banking77: cannot reach the Hugging Face hub") as caught:
        load_dataset("hf:banking77")
    assert caught.value.exit_code == EXIT_DATA and "HF_HUB_OFFLINE=1" in caught.value.message


@pytest.mark.parametrize("offline", [False, True], ids=["unreachable", "HF_HUB_OFFLINE"])
def test_hub_name_without_network_is_one_line_from_the_command(offline, tmp_path):
    env = {**os.environ, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path / "hf")}
    env.pop("HF_HUB_OFFLINE", None)
    if offline:
        env["HF_HUB_OFFLINE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "audit", "hf:banking77", "--model", "tfidf"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,  # a guard against a hang
    )
    assert done.returncode == EXIT_DATA
    assert_one_error_line(done.stderr, "hf:banking77: cannot")


def test_hub_name_that_is_a_local_dataset_folder_loads_offline(monkeypatch, tmp_path, capfd):
    """hf:FOLDER[:SPLIT], a dataset repo downloaded earlier, is read by ``datasets`` itself, the
    split chosen, with no "Generating ... split" progress bar on stderr (not our progress lines)."""
    from huggingface_hub import constants

    import datasets.config

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    rows = [{"text": f"text number {i}", "label": "ab"[i % 2]} for i in range(12)]
    pd.DataFrame(rows[:8]).to_csv(repo / "train.csv", index=False)
    pd.DataFrame(rows[8:]).to_csv(repo / "test.csv", index=False)
    train = load_dataset(f"hf:{repo}")
    test = load_dataset(f"hf:{repo}:test")
    assert list(train.texts) == [row["text"] for row in rows[:8]]
    assert list(test.texts) == [row["text"] for row in rows[8:]]
    assert "Generating" not in capfd.readouterr().err


def test_empty_hub_name_is_a_usage_error(capsys):
    assert main(["audit", "hf:", "--model", "tfidf"]) == EXIT_USAGE
    assert_one_error_line(capsys.readouterr().err, "hf: needs a dataset name")


def test_dataframe_source_gets_the_same_checks():
    with pytest.raises(TextauditError, match="only one class"):
        load_dataset(pd.DataFrame({"text": ["x", "y"], "label": [1, 1]}))
    bools = load_dataset(pd.DataFrame({"text": ["x", "y", "z", "w"], "label": [True, False, True, False]}))
    assert bools.class_names == ["False", "True"]


@pytest.mark.parametrize(("content", "needle"), [
    (b"text\tlabel\nhello\ta\n", "is not a .npy file; save one numeric array with numpy.save"),
    (pickle.dumps([[0.5, 0.5]]), "is a pickle, which textaudit never loads"),
    (None, "is a .npz archive"),
])
def test_a_file_that_is_not_npy_is_named_as_such(content, needle, tmp_path, capsys):
    """numpy's message for a TSV or a pickle passed as --pred-probs was 'This file contains pickled
    (object) data. If you trust the file you can load it unsafely...': wrong, and bad advice."""
    data = write_csv(tmp_path / "d.csv", BASE)
    array_path = tmp_path / "probs.npy"
    if content is None:
        np.savez(tmp_path / "probs.npz", a=np.ones((2, 2)))
        array_path = tmp_path / "probs.npz"
    else:
        array_path.write_bytes(content)
    assert main(["audit", str(data), "--pred-probs", str(array_path), "--model", "tfidf"]) == EXIT_DATA
    err = capsys.readouterr().err
    assert_one_error_line(err, needle)
    assert "unsafely" not in err and "allow_pickle" not in err
