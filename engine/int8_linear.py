"""int8 dense layers for the lean BERT encoder (``--precision int8``), for CPUs without bf16.

Each of a layer's four matrix products runs as an int8 GEMM through FBGEMM's dynamic
quantized linear (weights int8 per output channel, activations quantized per call to 7 bits,
which keeps AVX2's 16-bit pair sums from saturating), except for a few *outlier input
channels*: BERT's layer-norm and GELU outputs carry a handful of channels up to ~30x larger
than the rest (MiniLM: hidden channels 99 and 223 after every layer norm), and one per-tensor
activation scale stretched over them leaves the other channels a few quantization levels.
Those channels (chosen once per model from its fp32 activations on the bundled demo texts;
for the bundled model they ship in ``data/int8_outliers.json``, keyed by its fingerprint, so
a cold run skips that calibration pass) stay in fp32 as a thin rank-k product added to the
int8 result, the LLM.int8() decomposition.
Cosine to the fp32 vectors and the quality figures are in bench/README.md.

These are torch's quantized CPU ops (deprecated upstream but present in the pinned torch);
:func:`int8_works` checks them on a small product before the encoder uses them.
"""

from __future__ import annotations

import csv
import functools
import json
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

OUTLIER_CHANNELS = 16  # per product: 16 of 384 (or 1536) input channels stay fp32
CALIBRATION_TEXTS = 96
PER_TOKEN = True
_DEMO_CSV = Path(__file__).with_name("data") / "demo.csv"
SHIPPED = Path(__file__).with_name("data") / "int8_outliers.json"


class Int8Linear:
    """One dense layer: int8 weights prepacked for FBGEMM plus the fp32 outlier columns."""

    __slots__ = ("packed", "keep", "outliers", "outlier_weight", "bias")

    def __init__(self, weight: Any, bias: Any, outliers: Any) -> None:
        import torch

        keep = torch.ones(weight.shape[1])
        keep[outliers] = 0.0
        inlier = weight * keep[None, :]
        scale = inlier.abs().amax(dim=1).clamp_min(1e-8) / 127
        with warnings.catch_warnings():  # quantized tensor creation is deprecated upstream, still the API
            warnings.simplefilter("ignore")
            quantized = torch.quantize_per_channel(
                inlier, scale.double(), torch.zeros(weight.shape[0], dtype=torch.long), 0, torch.qint8
            )
        self.bias = bias.float() if PER_TOKEN else None
        self.packed = torch.ops.quantized.linear_prepack(quantized, None if PER_TOKEN else bias.float())
        self.keep = keep
        self.outliers = outliers
        self.outlier_weight = weight[:, outliers].t().contiguous()

    def __call__(self, x: Any) -> Any:
        import torch

        if PER_TOKEN:
            inlier = x * self.keep
            rows = inlier.abs().amax(dim=1, keepdim=True).clamp_min_(1e-12)
            out = torch.ops.quantized.linear_dynamic(inlier.div_(rows), self.packed, True)
            out.mul_(rows).add_(self.bias)
        else:
            out = torch.ops.quantized.linear_dynamic(x * self.keep, self.packed, True)
        if len(self.outliers):
            out.addmm_(x[:, self.outliers], self.outlier_weight)
        return out


def int8_linear(x: Any, weight: Int8Linear, bias: Any, *, gelu: bool = False) -> Any:
    """The encoder's ``linear`` for int8 layers (the bias lives in the packed weight)."""
    import torch.nn.functional as F

    out = weight(x)
    return F.gelu(out) if gelu else out


def calibration_texts() -> list[str]:
    """The bundled demo texts (not any benchmark's data) that pick the outlier channels."""
    with _DEMO_CSV.open(newline="", encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)][:CALIBRATION_TEXTS]


def outlier_channels(encode: Callable[[Sequence[str]], Any], set_linear: Callable[[Callable], None],
                     texts: Sequence[str]) -> dict[int, Any]:
    """Per weight tensor (by ``id``), the input channels with the largest absolute fp32
    activation over ``texts``: runs ``encode`` once with a recording linear."""
    import torch
    import torch.nn.functional as F

    peaks: dict[int, Any] = {}

    def recording(x: Any, weight: Any, bias: Any, *, gelu: bool = False) -> Any:
        peak = x.abs().amax(dim=0)
        key = id(weight)
        peaks[key] = torch.maximum(peaks[key], peak) if key in peaks else peak
        out = F.linear(x, weight, bias)
        return F.gelu(out) if gelu else out

    set_linear(recording)
    encode(texts)
    return {key: torch.topk(peak, min(OUTLIER_CHANNELS, peak.numel())).indices.sort().values
            for key, peak in peaks.items()}


def shipped_outliers(fingerprint: str | None) -> list[list[int]] | None:
    """The outlier channels shipped for the model with this fingerprint (one list per dense
    layer, in encoder order), or None when none were shipped for it."""
    if not fingerprint or not SHIPPED.is_file():
        return None
    entry = json.loads(SHIPPED.read_text()).get(fingerprint)
    if not entry or entry.get("channels_per_product") != OUTLIER_CHANNELS or entry.get("texts") != CALIBRATION_TEXTS:
        return None
    return entry["channels"]


def write_shipped(fingerprint: str, channels: list[list[int]]) -> None:
    """Record ``channels`` for ``fingerprint`` in the shipped file (``python -m engine.int8_linear``)."""
    data = json.loads(SHIPPED.read_text()) if SHIPPED.is_file() else {}
    data[fingerprint] = {"channels_per_product": OUTLIER_CHANNELS, "texts": CALIBRATION_TEXTS, "channels": channels}
    SHIPPED.write_text(json.dumps(data, indent=1) + "\n")


@functools.cache
def int8_works() -> bool:
    """True when this torch build has FBGEMM's quantized linear and it agrees with fp32 on a
    small product; anything else keeps fp32."""
    try:
        import torch

        if "fbgemm" not in torch.backends.quantized.supported_engines and \
                "x86" not in torch.backends.quantized.supported_engines:
            return False
        generator = torch.Generator().manual_seed(0)
        x = torch.randn(130, 64, generator=generator)
        weight = torch.randn(96, 64, generator=generator) / 8
        bias = torch.randn(96, generator=generator)
        x[:, 3] *= 20  # an outlier channel, kept in fp32
        layer = Int8Linear(weight, bias, torch.tensor([3]))
        expected = x @ weight.t() + bias
        got = int8_linear(x, layer, None)
        error = (got - expected).norm() / expected.norm()
        return bool(got.shape == expected.shape and error < 0.02)
    except Exception:  # noqa: BLE001 - an old or stripped build: fp32 it is
        return False


if __name__ == "__main__":  # recalibrate the bundled model and ship its outlier channels
    from engine.bert_encoder import BertMeanEncoder
    from engine.embed import DEFAULT_MODEL, _model_path, model_fingerprint

    encoder = BertMeanEncoder(_model_path(DEFAULT_MODEL), precision="fp32")
    write_shipped(model_fingerprint(DEFAULT_MODEL), encoder.calibrate_outliers())
    print(f"wrote {SHIPPED}")
