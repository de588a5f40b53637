"""The audit's TF-IDF view keeps at most ``VIEW_MAX_TERMS`` 1-2 grams (the most frequent) under an embed entry of
its own, while ``--model tfidf`` keeps every one under the key its entries always had (engine/second_view.py: the
cap passed view38's rule for the view, not for --model tfidf alone)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from synthetic import stand_in_sentence_model


def test_the_view_caps_its_vocabulary_and_model_tfidf_does_not(monkeypatch, demo_csv, tmp_path) -> None:
    import engine.second_view
    import engine.tfidf
    from engine.cache import Cache
    from engine.embed_model import TFIDF_MODEL, model_fingerprint
    from engine.pipeline import AuditOptions, run_audit

    frame = pd.read_csv(demo_csv)
    frame = frame[frame["label"].isin(["card_lost", "check_balance", "exchange_rate"])].head(60)
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)  # 60 texts, some hundreds of 1-2 grams
    monkeypatch.setattr(engine.second_view, "VIEW_MAX_TERMS", 40, raising=False)
    real_tfidf = engine.tfidf.tfidf_vectors
    shapes: list[tuple[int, int]] = []

    def seen(texts, **kwargs):
        vectors = real_tfidf(texts, **kwargs)
        shapes.append(vectors.shape)
        return vectors

    stand_in_sentence_model(monkeypatch)
    monkeypatch.setattr(engine.tfidf, "tfidf_vectors", seen)
    cache = tmp_path / "cache"
    pooled = run_audit(path, AuditOptions(issue_types=("label",), cache_root=str(cache)))
    assert pooled.view_weight is not None
    run_audit(path, AuditOptions(model="tfidf", issue_types=("label",), cache_root=str(cache)))
    # the view: 40 terms, d = 39; --model tfidf computed again (not the view's entry), every term: d = rows - 1
    assert shapes == [(60, 39), (60, 59)]
    base = f"{model_fingerprint(TFIDF_MODEL)}+v{engine.tfidf.VECTORS_VERSION}"  # --model tfidf's entries stay valid
    models = {Cache(root=cache).load("embeddings", entry.name)["_meta"]["model"]
              for entry in Path(cache, "v1", "embeddings").iterdir()}
    assert {model for model in models if model.startswith(base)} == {base, f"{base}+cap40"}
