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

A text's vector must not depend on the texts batched with it. FBGEMM picks one scale and zero
point per call from the whole tensor's min and max, so each token row is first mapped onto
[-1, 1] by its own min and max (the shift comes back as a rank-1 product with the int8
weight's row sums) and two constant rows at +-PIN are appended: every call's range is then
exactly [-PIN, PIN] and a row's int8 product is the same in any company.
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
VERSION = 2  # part of the embeddings cache key (engine/pipeline.py): bump when int8 vectors change
PIN = 1.0 + 2.0 ** -10  # above anything rounding lets a row mapped onto [-1, 1] reach (~1 + 4 * 2**-24)
_DEMO_CSV = Path(__file__).with_name("data") / "demo.csv"
SHIPPED = Path(__file__).with_name("data") / "int8_outliers.json"


class Int8Linear:
    """One dense layer: int8 weights prepacked for FBGEMM, plus an fp32 side product of the
    outlier columns, the per-row shift (times the int8 weight's row sums) and the bias."""

    __slots__ = ("packed", "keep", "outliers", "side_weight", "pins")

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
        self.packed = torch.ops.quantized.linear_prepack(quantized, None)
        self.keep = keep
        self.outliers = outliers
        # side inputs per row: [x's outlier channels | the row's shift | 1]
        self.side_weight = torch.cat([weight[:, outliers].t(), quantized.dequantize().sum(dim=1)[None, :],
                                      bias.float()[None, :]]).contiguous()
        self.pins = torch.tensor([[PIN], [-PIN]]).expand(2, weight.shape[1])

    def __call__(self, x: Any) -> Any:
        import torch

        rows = x.shape[0]
        scaled = torch.empty(rows + 2, x.shape[1])
        inlier = torch.mul(x, self.keep, out=scaled[:rows])
        # 0 in every row's range (the outlier channels' zeros put it there anyway); amin and
        # amax, not aminmax: 75 vs 1,080 us on 1024 x 384 (torch 2.13, AVX2)
        low = inlier.amin(dim=1, keepdim=True).clamp_(max=0.0)
        high = inlier.amax(dim=1, keepdim=True).clamp_(min=0.0)
        half = (high - low).mul_(0.5).clamp_min_(1e-12)
        shift = (high + low).mul_(0.5)
        inlier.sub_(shift).div_(half)  # each row onto [-1, 1], up to rounding
        scaled[rows:] = self.pins  # so FBGEMM's per-call range is always [-PIN, PIN]
        out = torch.ops.quantized.linear_dynamic(scaled, self.packed, True)[:rows]
        side = torch.cat([x[:, self.outliers], shift, torch.ones(rows, 1)], dim=1)
        return out.mul_(half).addmm_(side, self.side_weight)


def int8_linear(x: Any, weight: Int8Linear, bias: Any, *, gelu: bool = False) -> Any:
    """The encoder's ``linear`` for int8 layers (the bias lives in the layer's side product)."""
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
    from engine.embed_model import DEFAULT_MODEL, model_fingerprint, model_path

    encoder = BertMeanEncoder(model_path(DEFAULT_MODEL), precision="fp32")
    write_shipped(model_fingerprint(DEFAULT_MODEL), encoder.calibrate_outliers())
    print(f"wrote {SHIPPED}")
