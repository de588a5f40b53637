"""``--features`` in float64 beyond float32's range: the vectors are cast to float32 for the audit,
so a finite file of 1e200-scale rows was refused as 'has NaN or infinite values in 30 rows', and one
of 1e-300-scale rows as 'every row is all zeros' (s22 hostile22). Only each row's direction is used,
so each row is scaled before the cast: such files audit as the same vectors at a usual scale do."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tui.cli import main


def _audit(tmp_path, capsys, features: np.ndarray) -> dict:
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i} text,{'ab'[i % 2]}\n" for i in range(len(features))))
    np.save(tmp_path / "f.npy", features)
    code = main(["audit", str(data), "--features", str(tmp_path / "f.npy"), "--no-cache", "--format", "json",
                 "--folds", "3"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["issue_counts"]


@pytest.mark.parametrize("scale", [1e200, 1e-300, 1e35])
def test_far_scales_audit_as_the_usual_one(tmp_path, capsys, scale):
    base = np.random.RandomState(3).randn(30, 8)
    base[:15, 0] += 3  # the classes apart
    assert _audit(tmp_path, capsys, base * scale) == _audit(tmp_path, capsys, base)


def test_nan_and_inf_are_still_refused(tmp_path, capsys):
    bad = np.random.RandomState(3).randn(30, 8)
    bad[4, 2] = np.inf
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i} text,{'ab'[i % 2]}\n" for i in range(30)))
    np.save(tmp_path / "f.npy", bad)
    assert main(["audit", str(data), "--features", str(tmp_path / "f.npy"), "--no-cache"]) == 1
    assert "--features has NaN or infinite values in 1 row (first: row 4)" in capsys.readouterr().err


@pytest.mark.parametrize("shape", [(30,), (30, 2, 4)])
def test_another_shape_still_gets_the_shape_line(tmp_path, capsys, shape):
    """A 1-D float64 file reached the row scaling, whose max over axis 1 raised AxisError: 'internal
    error' where check_features says the shape (s22 review22)."""
    data = tmp_path / "d.csv"
    data.write_text("text,label\n" + "".join(f"row {i} text,{'ab'[i % 2]}\n" for i in range(30)))
    np.save(tmp_path / "f.npy", np.ones(shape, dtype=np.float64))
    assert main(["audit", str(data), "--features", str(tmp_path / "f.npy"), "--no-cache"]) != 0
    err = capsys.readouterr().err
    assert f"--features has shape {shape}; expected (30, dim)" in err and "internal error" not in err
