"""run_audit leaves its options alone; the embeddings key holds the effective precision."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import engine.embed
import engine.embed_model
from engine.cache import Cache, make_key
from engine.cpu_features import MEMO_FILE, remembered
from engine.embed import DEFAULT_MODEL, model_fingerprint
from engine.pipeline import PIPELINE_VERSION, AuditOptions, run_audit


@pytest.fixture
def small_frame(demo_csv: Path) -> pd.DataFrame:
    return pd.read_csv(demo_csv).iloc[::4].reset_index(drop=True)  # 65 rows, every class


@pytest.fixture
def tiny_frame(demo_csv: Path) -> pd.DataFrame:
    """22 rows of 6 classes: for the runs that embed in bf16, which this CPU emulates (~8x slower
    than fp32): what they check is a key and a note, which no row count changes."""
    return pd.read_csv(demo_csv).iloc[::12].reset_index(drop=True)


@pytest.fixture
def no_native_bf16(tmp_path) -> None:
    """This CPU as one without native bf16 (so ``auto`` means fp32), as the cache's memo says."""
    assert remembered(tmp_path, lambda: False) is False


def test_the_cpu_answer_is_asked_once_per_cpu_and_environment(tmp_path, monkeypatch):
    asked: list[int] = []

    def probe() -> bool:
        asked.append(1)
        return True

    assert remembered(tmp_path, probe) and remembered(tmp_path, probe)
    assert asked == [1]
    with monkeypatch.context() as env:
        env.setenv("ONEDNN_MAX_CPU_ISA", "textaudit-test")  # another oneDNN limit: another answer
        assert remembered(tmp_path, lambda: False) is False
    assert remembered(tmp_path, probe) and asked == [1]  # the first answer is still kept
    (tmp_path / MEMO_FILE).write_text("not json")
    assert remembered(tmp_path, probe) and asked == [1, 1]  # a damaged memo: asked again


def test_run_audit_leaves_the_callers_options_alone(tmp_path):
    frame = pd.DataFrame({"text": ["card lost", "lost my card", "balance please", "what is my balance"],
                          "label": ["a", "a", "b", "b"]})
    options = AuditOptions(model="tfidf", issue_types="label,class-imbalance", cache_root=str(tmp_path))
    result = run_audit(frame, options)
    assert options.issue_types == "label,class-imbalance"  # not normalised in place
    assert result.options is not options
    assert result.options.issue_types == ("label", "class_imbalance")


def test_auto_is_keyed_as_the_precision_it_computes(tiny_frame, tmp_path, no_native_bf16):
    options = AuditOptions(cache_root=str(tmp_path), issue_types=("label",))
    first = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "auto"}))
    assert not first.stage_cache_hits["embed"]
    fp32 = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "fp32"}))
    assert fp32.cache_hit  # auto was fp32 here: the same vectors, the same key
    bf16 = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "bf16"}))
    assert not bf16.stage_cache_hits["embed"]


def test_bf16_asked_for_on_a_cpu_without_it_says_why_the_run_is_slow(tiny_frame, tmp_path, no_native_bf16):
    """Emulated bf16 was 7x slower than fp32 on an AVX2 EPYC: the user hears it, auto stays quiet."""
    options = AuditOptions(cache_root=str(tmp_path), issue_types=("label",), device="cpu")
    bf16 = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "bf16"}))
    assert any("--precision bf16 on a CPU without native bf16" in n for n in bf16.run_notes)
    auto = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "auto"}))
    assert not any("native bf16" in n for n in auto.notes)
    warm = run_audit(tiny_frame, AuditOptions(**{**options.__dict__, "precision": "bf16"}))
    assert warm.cache_hit and not any("native bf16" in n for n in warm.notes)  # nothing encoded: nothing slow


def test_bf16_on_a_cpu_with_it_has_no_note(tmp_path):
    assert remembered(tmp_path, lambda: True)
    assert engine.embed_model.emulated_bf16_note("bf16", "cpu", memo_dir=tmp_path) is None
    assert engine.embed_model.emulated_bf16_note("fp32", "cpu", memo_dir=tmp_path) is None
    assert engine.embed_model.emulated_bf16_note("bf16", "cuda", memo_dir=tmp_path) is None


def test_a_warm_auto_run_imports_no_torch(small_frame, tmp_path):
    data = tmp_path / "small.csv"
    small_frame.to_csv(data, index=False)
    run_audit(str(data), AuditOptions(cache_root=str(tmp_path / "cache"), issue_types=("label",)))
    code = ("import sys; from engine.pipeline import AuditOptions, run_audit; "
            f"r = run_audit({str(data)!r}, AuditOptions(cache_root={str(tmp_path / 'cache')!r}, issue_types=('label',))); "
            "print(r.cache_hit, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent.parent)
    assert out.stdout.split() == ["True", "False"]


def test_entries_keyed_auto_by_earlier_versions_are_reused(small_frame, tmp_path, no_native_bf16, monkeypatch):
    # the embedding model's entry alone (no TF-IDF view: an embeddings entry of its own)
    options = AuditOptions(cache_root=str(tmp_path), issue_types=("label",), second_view="none")
    first = run_audit(small_frame, options)
    cache = Cache(root=tmp_path)
    [entry] = list((tmp_path / "v1" / "embeddings").iterdir())
    stored = cache.load("embeddings", entry.name)
    assert stored is not None and stored["_meta"]["precision"] == "fp32"
    old_key = make_key({"texts": first.dataset.text_hash(), "model": model_fingerprint(DEFAULT_MODEL),
                        "precision": "auto", "v": PIPELINE_VERSION})  # how versions before 0.1 keyed it
    cache.save("embeddings", old_key, {"vectors.npy": stored["vectors"], "row_hashes.npy": stored["row_hashes"]},
               {key: value for key, value in stored["_meta"].items() if not key.startswith("_")})
    shutil.rmtree(entry)
    encoded: list[int] = []
    monkeypatch.setattr(engine.embed, "embed_texts", lambda texts, **kwargs: encoded.append(len(texts)))
    second = run_audit(small_frame, options)
    assert encoded == []  # every text's vector came from the old entry
    assert any(f"reused the vectors of all {len(small_frame)} texts" in note for note in second.notes)  # fbb12bc's words
    assert second.stage_cache_hits == {"embed": False, "neighbours": True, "predict": True, "audit": True}


def test_int8_vectors_of_an_earlier_int8_version_are_not_reused(small_frame, tmp_path, monkeypatch):
    """int8's numbers changed (engine/int8_linear.VERSION 2: a row's vector no longer depends on
    its batch), so entries keyed as before, whole or per text, are not reused."""
    import numpy as np

    from engine.int8_linear import VERSION

    encoded: list[int] = []

    def fake(texts, **kwargs):
        encoded.append(len(texts))
        vectors = np.random.default_rng(len(encoded)).standard_normal((len(texts), 384)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr(engine.embed, "embed_texts", fake)
    options = AuditOptions(cache_root=str(tmp_path / "a"), issue_types=("label",), precision="int8", device="cpu",
                           second_view="none")  # the model's vectors alone (the TF-IDF view: its own entry)
    first = run_audit(small_frame, options)
    assert encoded == [len(small_frame)]
    [entry] = list((tmp_path / "a" / "v1" / "embeddings").iterdir())
    stored = Cache(root=tmp_path / "a").load("embeddings", entry.name)
    assert stored is not None and stored["_meta"]["model"] == f"{model_fingerprint(DEFAULT_MODEL)}+int8v{VERSION}"
    old_meta = {"model": model_fingerprint(DEFAULT_MODEL), "precision": "int8", "rows": len(small_frame)}
    old_key = make_key({"texts": first.dataset.text_hash(), **{k: old_meta[k] for k in ("model", "precision")},
                        "v": PIPELINE_VERSION})  # how int8 vectors were keyed before VERSION
    Cache(root=tmp_path / "b").save("embeddings", old_key, {"vectors.npy": stored["vectors"],
                                                           "row_hashes.npy": stored["row_hashes"]}, old_meta)
    second = run_audit(small_frame, AuditOptions(**{**options.__dict__, "cache_root": str(tmp_path / "b")}))
    assert not second.stage_cache_hits["embed"]
    assert encoded == [len(small_frame)] * 2  # every text encoded again, none reused per text
