"""``run_audit``'s options from Python: a seed numpy cannot take (negative, or 2**32 and over) ended in numpy's
'ValueError: Seed must be between 0 and 2**32 - 1' from inside the folds, and ``model=''`` in
"AttributeError: 'NoneType' object has no attribute 'tokenize'" from sentence-transformers, both tracebacks after
the load (hostile43; the CLI has no --seed and refuses an empty --model itself). Both are now one UsageError before
any work, as folds, k and C are."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import AuditOptions, UsageError, run_audit
from engine.checks import validate_options

FRAME = pd.DataFrame({"text": [f"text number {i}" for i in range(12)], "label": ["ab"[i % 2] for i in range(12)]})


@pytest.mark.parametrize("values, said", [
    ({"seed": -1}, "seed must be an integer from 0 to 2**32 - 1 (got -1)"),
    ({"seed": 2 ** 32}, "seed must be an integer from 0 to 2**32 - 1 (got 4294967296)"),
    ({"seed": 1.5}, "seed must be an integer from 0 to 2**32 - 1 (got 1.5)"),
    ({"model": ""}, "model must name a model (got ''; None for the bundled model, or 'tfidf')"),
    ({"model": "  "}, "model must name a model (got '  '; None for the bundled model, or 'tfidf')"),
])
def test_wrong_values_are_one_line(tmp_path, values, said) -> None:
    options = AuditOptions(**{"model": "tfidf", "cache_root": str(tmp_path), **values})
    with pytest.raises(UsageError) as error:
        run_audit(FRAME, options)
    assert str(error.value) == said


@pytest.mark.parametrize("values", [{"seed": 0}, {"seed": 2 ** 32 - 1}, {"model": None}, {"model": "tfidf"}])
def test_right_values_pass(values) -> None:
    validate_options(AuditOptions(**values))
