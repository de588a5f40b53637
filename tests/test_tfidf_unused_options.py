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


def test_every_precision_shares_one_tfidf_entry_keyed_as_before(tmp_path):
    """--precision was part of the TF-IDF vectors' key though unused: '--precision bf16' recomputed the same
    vectors. The default's key is kept (with the vectors' version since TF-IDF version 2, engine/tfidf.py)."""
    from engine.cache import make_key
    from engine.embed_model import TFIDF_MODEL, model_fingerprint
    from engine.pipeline import PIPELINE_VERSION
    from engine.tfidf import VECTORS_VERSION

    path = _data(tmp_path)
    options = AuditOptions(model="tfidf", cache_root=str(tmp_path / "cache"), issue_types=("label",))
    first = run_audit(path, options)
    entries = tmp_path / "cache" / "v1" / "embeddings"
    model = f"{model_fingerprint(TFIDF_MODEL)}+v{VECTORS_VERSION}"
    before = make_key({"texts": first.dataset.text_hash(), "model": model, "precision": "auto",
                       "v": PIPELINE_VERSION})  # the default precision's key
    assert [entry.name for entry in entries.iterdir()] == [before]
    for precision in ("bf16", "int8"):
        again = run_audit(path, AuditOptions(**{**options.__dict__, "precision": precision}))
        assert again.stage_cache_hits["embed"], precision
    assert [entry.name for entry in entries.iterdir()] == [before]
