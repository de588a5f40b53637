"""--device and --precision with --model tfidf were ignored without a word (hostile23): TF-IDF
vectors are scikit-learn's, on the CPU, whatever was asked."""

from __future__ import annotations

import pandas as pd

from engine.pipeline import AuditOptions, run_audit


def _data(tmp_path):
    path = tmp_path / "d.csv"
    pd.DataFrame({"text": [f"note {i} about {'cards' if i % 2 else 'loans'} and fees" for i in range(30)],
                  "label": ["ab"[i % 2] for i in range(30)]}).to_csv(path, index=False)
    return path


def test_device_and_precision_given_with_tfidf_get_a_note(tmp_path):
    path = _data(tmp_path)
    result = run_audit(path, AuditOptions(model="tfidf", device="cpu", precision="int8", use_cache=False))
    said = [note for note in result.notes if "--model tfidf" in note]
    assert said == ["--device cpu and --precision int8 not used: --model tfidf computes its vectors with "
                    "scikit-learn on the CPU, as float32 (they apply to sentence-transformers models)"], result.notes
    plain = run_audit(path, AuditOptions(model="tfidf", use_cache=False))
    assert not [note for note in plain.notes if "not used: --model tfidf" in note], plain.notes
