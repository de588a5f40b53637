"""A lean CPU encoder for sentence-transformers folders that hold a BERT with mean pooling.

Why not sentence-transformers here: importing it (with transformers) is a large share of a
cold audit's start (bench/cold_start.py), and its padded batches waste work on short texts. This
module runs the same network from the folder's ``model.safetensors`` and ``tokenizer.json``
with torch, ``tokenizers`` and ``safetensors`` only (a far lighter import), batching texts of
*equal* token length so no padding, attention mask or masked pooling is needed. In fp32 its
vectors equal sentence-transformers' to cosine > 0.99999 (tests/test_bert_encoder.py);
bf16 runs the matrix products in bf16 and keeps layer norms and residuals in fp32; int8 runs
them as int8 GEMMs with a few fp32 outlier channels (engine/int8_linear.py).

Anything that is not exactly [Transformer(bert), Pooling(mean)(, Normalize)] goes through
sentence-transformers as before (``engine.embed.load_model``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
TOKENS_PER_BATCH = 1024  # measured on 2 cores: 1024 rows stay in cache, 2048 was ~5% slower
_ROW_STEP = 128  # dense layers see token rows padded to a multiple of this
_MATRICES = (0, 2, 6, 8)  # a layer tuple's qkv, attention output, intermediate, output weights (see _layer)


_SETTINGS_KEYS = {"max_seq_length", "do_lower_case"}
_POOLING_KEYS = {"word_embedding_dimension", "include_prompt", "pooling_mode"}


def supports(folder: str | Path) -> bool:
    """True when ``folder`` is a sentence-transformers BERT + mean-pooling model on disk whose
    every setting this encoder reproduces; anything unusual is left to sentence-transformers."""
    folder = Path(folder)
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        types = [module["type"] for module in sorted(modules, key=lambda m: m["idx"])]
        if types not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]):
            return False
        if any(module["path"] for module in modules if module["type"] == _TRANSFORMER):
            return False  # the transformer lives in a subfolder: leave it to sentence-transformers
        pooling_path = next(m["path"] for m in modules if m["type"] == _POOLING)
        pooling = json.loads((folder / pooling_path / "config.json").read_text(encoding="utf-8"))
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        settings = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        normalizer = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8")).get("normalizer") or {}
        tokenizer_config = _optional_json(folder / "tokenizer_config.json")
        st_config = _optional_json(folder / "config_sentence_transformers.json")
        return (
            _bert_config_ok(config)
            and _settings_ok(settings, config)
            and _pooling_ok(pooling)
            and _tokenizer_ok(normalizer, tokenizer_config)
            and not st_config.get("default_prompt_name")  # a prompt would be prepended
            and (folder / "model.safetensors").is_file()
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, StopIteration, RecursionError):
        return False  # RecursionError: a config nested past the stack ('internal error', exit 70)


def _optional_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _bert_config_ok(config: dict[str, Any]) -> bool:
    return (
        config.get("model_type") == "bert"
        and config.get("architectures", ["BertModel"]) == ["BertModel"]
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and not config.get("is_decoder") and not config.get("add_cross_attention")
        and config["hidden_size"] % config["num_attention_heads"] == 0
    )


def _settings_ok(settings: dict[str, Any], config: dict[str, Any]) -> bool:
    """Only a plain ``max_seq_length`` (sentence-transformers' truncation) and no lowercasing."""
    max_length = settings.get("max_seq_length")
    return (
        set(settings) <= _SETTINGS_KEYS
        and isinstance(max_length, int) and 0 < max_length <= config["max_position_embeddings"]
        and not settings.get("do_lower_case", False)
    )


def _pooling_ok(pooling: dict[str, Any]) -> bool:
    modes = {key for key, value in pooling.items() if key.startswith("pooling_mode_") and value}
    return (
        all(key in _POOLING_KEYS or key.startswith("pooling_mode_") for key in pooling)
        and modes == {"pooling_mode_mean_tokens"}
        and pooling.get("pooling_mode", "mean") == "mean"
        and pooling.get("include_prompt", True) is True
    )


def _tokenizer_ok(normalizer: dict[str, Any], tokenizer_config: dict[str, Any]) -> bool:
    """transformers rebuilds a BERT tokenizer's normalizer from ``tokenizer_config.json``; the
    ``tokenizers`` file alone is only right when the two agree."""
    return (
        normalizer.get("type") == "BertNormalizer"
        and tokenizer_config.get("tokenizer_class", "BertTokenizer") in ("BertTokenizer", "BertTokenizerFast")
        and tokenizer_config.get("do_lower_case", True) == normalizer.get("lowercase")
        and tokenizer_config.get("strip_accents") == normalizer.get("strip_accents")
        and tokenizer_config.get("tokenize_chinese_chars", True) == normalizer.get("handle_chinese_chars")
    )


class BertMeanEncoder:
    """``encode(texts) -> (n, d) float32`` for a folder that :func:`supports` accepts."""

    device = "cpu"

    def __init__(self, folder: str | Path, *, precision: str = "fp32", fingerprint: str | None = None) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        settings = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        max_length = int(settings["max_seq_length"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))  # BertConfig's default
        self.dtype = torch.bfloat16 if precision == "bf16" else torch.float32  # int8: fp32 outside the dense layers
        weights = load_file(str(folder / "model.safetensors"))
        weights = {key.removeprefix("bert."): value.float() for key, value in weights.items()}
        self.embeddings = (
            weights["embeddings.word_embeddings.weight"],
            weights["embeddings.position_embeddings.weight"],
            weights["embeddings.token_type_embeddings.weight"][0],
            weights["embeddings.LayerNorm.weight"],
            weights["embeddings.LayerNorm.bias"],
        )
        self.layers = [self._layer(weights, f"encoder.layer.{i}.") for i in range(config["num_hidden_layers"])]
        self.linear = _plain_linear
        if self.dtype == torch.bfloat16 and _onednn_linear_works():
            self.layers = [_prepacked(layer) for layer in self.layers]
            self.linear = _onednn_linear
        if precision == "int8":
            self._quantize(fingerprint)

    def calibrate_outliers(self) -> list[list[int]]:
        """Per dense layer (encoder order), the fp32 input channels int8 keeps in fp32."""
        from engine import int8_linear

        plain = self.linear
        found = int8_linear.outlier_channels(self.encode, lambda fn: setattr(self, "linear", fn),
                                             int8_linear.calibration_texts())
        self.linear = plain
        return [found[id(layer[i])].tolist() for layer in self.layers for i in _MATRICES]

    def _quantize(self, fingerprint: str | None) -> None:
        """int8 dense layers with a few fp32 outlier channels each (engine/int8_linear.py)."""
        import torch

        from engine import int8_linear

        if not int8_linear.int8_works():
            raise RuntimeError("this torch build has no working int8 linear")
        channels = iter(int8_linear.shipped_outliers(fingerprint) or self.calibrate_outliers())
        self.layers = [
            tuple(int8_linear.Int8Linear(t, layer[i + 1], torch.tensor(next(channels), dtype=torch.long))
                  if i in _MATRICES else (None if i - 1 in _MATRICES else t) for i, t in enumerate(layer))
            for layer in self.layers
        ]
        self.linear = int8_linear.int8_linear

    def _layer(self, weights: dict[str, Any], prefix: str) -> tuple[Any, ...]:
        """One encoder layer's tensors; matrix weights in the compute dtype, Q/K/V fused."""
        import torch

        def matrix(name: str) -> Any:
            return weights[prefix + name].to(self.dtype)

        attention = prefix + "attention.self."
        return (
            torch.cat([weights[attention + f"{n}.weight"] for n in ("query", "key", "value")]).to(self.dtype),
            torch.cat([weights[attention + f"{n}.bias"] for n in ("query", "key", "value")]).to(self.dtype),
            matrix("attention.output.dense.weight"), matrix("attention.output.dense.bias"),
            weights[prefix + "attention.output.LayerNorm.weight"], weights[prefix + "attention.output.LayerNorm.bias"],
            matrix("intermediate.dense.weight"), matrix("intermediate.dense.bias"),
            matrix("output.dense.weight"), matrix("output.dense.bias"),
            weights[prefix + "output.LayerNorm.weight"], weights[prefix + "output.LayerNorm.bias"],
        )

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text with [CLS]/[SEP], truncated like sentence-transformers does. Each
        text is cut to a bound of characters first (the tokenizer works on all it is given)."""
        from engine.embed_model import CHARS_PER_TOKEN

        limit = int(self.tokenizer.truncation["max_length"]) * CHARS_PER_TOKEN
        return [e.ids for e in self.tokenizer.encode_batch([str(t)[:limit] for t in texts])]

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors, one row per text, in input order; ``progress``
        gets after each batch the texts done, counted by their tokens: the batches go shortest
        first, so a count of texts ran ahead of the work (1,500 banking77 texts: the progress
        screen's estimate was 0.36-0.49 of the time left, ui26). The cost is per token."""
        import torch

        ids = self.token_ids(texts)
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        order = np.argsort(lengths, kind="stable")
        sorted_lengths = lengths[order]
        tokens_before = np.concatenate([[0], np.cumsum(sorted_lengths)])  # tokens of the texts before each
        all_tokens = max(int(tokens_before[-1]), 1)
        out = np.empty((len(ids), self.hidden), dtype=np.float32)
        start = 0
        with torch.inference_mode():
            while start < len(order):
                length = int(sorted_lengths[start])
                stop = int(np.searchsorted(sorted_lengths, length, side="right"))
                stop = min(stop, start + max(1, TOKENS_PER_BATCH // length))
                rows = order[start:stop]
                batch = torch.tensor([ids[i] for i in rows], dtype=torch.long)
                out[rows] = self._forward(batch).numpy()
                start = stop
                if progress is not None:  # as texts, counted by tokens: len(ids) once all are done
                    progress(start if start == len(ids) else int(len(ids) * int(tokens_before[start]) // all_tokens))
        return out

    def _forward(self, batch: Any) -> Any:
        """(B, L) token ids, all real tokens, to (B, hidden) unit vectors.

        The dense layers see the batch's B*L token rows padded to a multiple of 128: oneDNN
        keeps a primitive (with its own copy of the reordered weights) per input shape, and
        one shape per batch held ~500 MiB after 10k texts; 16 heights hold a tenth of that.
        """
        import torch
        import torch.nn.functional as F

        size, length = batch.shape
        hidden, heads, eps, dtype = self.hidden, self.heads, self.eps, self.dtype
        tokens = size * length
        height = -(-tokens // _ROW_STEP) * _ROW_STEP
        word, position, token_type, norm_w, norm_b = self.embeddings
        h = torch.zeros(height, hidden)
        embedded = word[batch] + position[:length] + token_type
        h[:tokens] = F.layer_norm(embedded, (hidden,), norm_w, norm_b, eps).view(tokens, hidden)
        context = torch.zeros(height, hidden, dtype=dtype)
        linear = self.linear
        for qkv_w, qkv_b, out_w, out_b, ln1_w, ln1_b, in_w, in_b, ff_w, ff_b, ln2_w, ln2_b in self.layers:
            # attention in fp32: exact, and faster than bf16 SDPA at these short lengths; Q, K
            # and V are cast in one copy, and each residual sum promotes the bf16 product to
            # fp32 inside the add (the same numbers as casting first, one pass fewer)
            qkv = linear(h.to(dtype), qkv_w, qkv_b)[:tokens].float().view(size, length, 3, heads, hidden // heads)
            q, k, v = qkv.permute(2, 0, 3, 1, 4)
            attended = F.scaled_dot_product_attention(q, k, v)
            context[:tokens] = attended.transpose(1, 2).reshape(tokens, hidden)
            a = F.layer_norm(torch.add(h, linear(context, out_w, out_b)), (hidden,), ln1_w, ln1_b, eps)
            inner = linear(a.to(dtype), in_w, in_b, gelu=True)
            h = F.layer_norm(torch.add(a, linear(inner, ff_w, ff_b)), (hidden,), ln2_w, ln2_b, eps)
        return F.normalize(h[:tokens].view(size, length, hidden).mean(dim=1), dim=1)


def _plain_linear(x: Any, weight: Any, bias: Any, *, gelu: bool = False) -> Any:
    import torch.nn.functional as F

    out = F.linear(x, weight, bias)
    return F.gelu(out) if gelu else out


def _onednn_linear(x: Any, weight: Any, bias: Any, *, gelu: bool = False) -> Any:
    """oneDNN's linear with its weight prepacked once and GELU fused into the product: the
    (rows, 1536) intermediate is never written out and read back. ~16% faster bf16 encoding
    on 2 cores, cosine to the plain path > 0.9999. These are torch's internal CPU ops (the
    ones ``torch.compile`` emits), so :func:`_onednn_linear_works` checks them first."""
    import torch

    return torch.ops.mkldnn._linear_pointwise(x, weight, bias, "gelu" if gelu else "none", [], "none" if gelu else "")


def _prepacked(layer: tuple[Any, ...]) -> tuple[Any, ...]:
    """A layer's tuple with its four weight matrices in oneDNN's blocked layout."""
    import torch

    matrices = (0, 2, 6, 8)  # qkv, attention output, intermediate, output (see BertMeanEncoder._layer)
    return tuple(
        torch.ops.mkldnn._reorder_linear_weight(tensor, TOKENS_PER_BATCH) if index in matrices else tensor
        for index, tensor in enumerate(layer)
    )


def _onednn_linear_works() -> bool:
    """True when this torch build has the fused oneDNN linear and it agrees with F.linear+GELU
    on a small bf16 product; anything else keeps the plain path."""
    try:
        import torch

        generator = torch.Generator().manual_seed(0)
        x = torch.randn(130, 64, generator=generator).to(torch.bfloat16)
        weight = (torch.randn(96, 64, generator=generator) / 8).to(torch.bfloat16)
        bias = torch.randn(96, generator=generator).to(torch.bfloat16)
        packed = torch.ops.mkldnn._reorder_linear_weight(weight, TOKENS_PER_BATCH)
        expected = _plain_linear(x, weight, bias, gelu=True).float()
        fused = _onednn_linear(x, packed, bias, gelu=True).float()
        plain = _onednn_linear(x, packed, bias).float()
        return bool(
            fused.shape == expected.shape
            and (fused - expected).abs().max() < 0.05
            and (plain - _plain_linear(x, weight, bias).float()).abs().max() < 0.05
        )
    except Exception:  # noqa: BLE001 - an old or CPU-less build: the plain path it is
        return False
