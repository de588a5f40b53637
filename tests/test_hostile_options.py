"""Hostile input (tests/test_hostile_inputs.py's rules): bad options are refused in one line before any heavy
work (no text embedded, the data not even read), and a table whose audit cannot fit in memory is refused up front.
"""

from __future__ import annotations

import numpy as np
import pytest
from test_hostile_inputs import BASE, WORDS, _probs, assert_one_error_line, write_csv

from engine.errors import EXIT_DATA, EXIT_USAGE, TextauditError
from engine.pipeline import AuditOptions, run_audit
from tui.cli import main


# --------------------------------------------------------------------------- options checked before heavy work


@pytest.fixture
def no_embedding(monkeypatch):
    """Any embedding (model load, TF-IDF) fails the test: options must be rejected first."""
    import engine.embed

    def refuse(*args, **kwargs):
        raise AssertionError("embedding ran before the options were checked")

    monkeypatch.setattr(engine.embed, "embed_texts", refuse)
    monkeypatch.setattr(engine.embed, "load_model", refuse)


@pytest.mark.parametrize(("extra", "code", "needle"), [
    (["--issue-types", ",,,"], EXIT_USAGE, "--issue-types names no issue type"),
    (["--issue-types", " , "], EXIT_USAGE, "--issue-types names no issue type"),
    (["--folds", "1"], EXIT_USAGE, "--folds must be an integer of at least 2"),
    (["--folds", "0"], EXIT_USAGE, "--folds must be an integer of at least 2"),
    (["--pred-probs", "WRONG_SHAPE"], EXIT_DATA, "has shape (29, 3); expected (30, 3)"),
    (["--pred-probs", "MISSING"], EXIT_DATA, "no such file"),
    (["--features", "WRONG_SHAPE"], EXIT_DATA, "has shape (29, 3); expected (30, dim)"),
    (["--features", "EMPTY"], EXIT_DATA, "empty.npy is empty"),
], ids=["issue-types-commas", "issue-types-blank", "folds-1", "folds-0", "pred-probs-shape",
        "pred-probs-missing", "features-shape", "features-empty"])
def test_bad_options_fail_before_embedding(extra, code, needle, tmp_path, capsys, no_embedding):
    """Defect 12: `--issue-types ",,,"` was exit 70 with a cleanlab message; `--folds 1` and a bad
    --pred-probs/--features were rejected only after the texts were embedded."""
    data = write_csv(tmp_path / "d.csv", BASE)
    np.save(tmp_path / "wrong.npy", _probs(29, 3))
    (tmp_path / "empty.npy").write_bytes(b"")
    paths = {"WRONG_SHAPE": str(tmp_path / "wrong.npy"), "MISSING": str(tmp_path / "none.npy"),
             "EMPTY": str(tmp_path / "empty.npy")}
    extra = [paths.get(arg, arg) for arg in extra]
    assert main(["audit", str(data), *extra]) == code  # the default model: embedding would load it
    assert_one_error_line(capsys.readouterr().err, needle)


def test_engine_checks_options_before_reading_the_data(tmp_path, no_embedding):
    """run_audit validates its options first: a missing data file is not even opened."""
    with pytest.raises(TextauditError, match="--folds must be") as caught:
        run_audit(tmp_path / "not-there.csv", AuditOptions(folds=1))
    assert caught.value.exit_code == EXIT_USAGE
    with pytest.raises(TextauditError, match="names no issue type"):
        run_audit(tmp_path / "not-there.csv", AuditOptions(issue_types=()))


# --------------------------------------------------------------------------- resource limits (defect 11)


def test_thousands_of_classes_are_bounded_before_any_heavy_work(tmp_path, capsys, monkeypatch, no_embedding):
    """5,000 classes x 2 rows took 7.0 GB (float64 (n, K) arrays in cross-validation, (n, K) and
    (K, K) ones in cleanlab): past the machine's memory the audit refuses in one line, up front."""
    import engine.checks as pipeline  # where the memory bound lives

    assert 6.5e9 < pipeline.audit_memory_estimate(10_000, 5_000) < 7.5e9  # the measured case
    rows = [(f"text {i} {WORDS[i % len(WORDS)]}", f"class{i % 20}") for i in range(40)]
    data = write_csv(tmp_path / "many.csv", rows)
    need = pipeline.audit_memory_estimate(40, 20)
    monkeypatch.setattr(pipeline, "memory_budget", lambda: int(need))  # as if the machine were this small
    assert main(["audit", str(data)]) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, "40 rows x 20 classes would need about")
    monkeypatch.undo()  # the real machine, and embedding allowed again for the accepted case below
    monkeypatch.setattr(pipeline, "MEMORY_NOTE_BYTES", need - 1)
    result = run_audit(data, AuditOptions(model="tfidf", folds=2, issue_types=("label",)))
    assert any("40 rows x 20 classes: the class probabilities need about" in note for note in result.notes)
