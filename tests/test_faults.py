"""Faults: interrupts leave a consistent cache; bad cache entries are recomputed; nothing unpickles.

Ctrl+C / SIGTERM are sent to a real ``textaudit audit`` process once its stderr shows the
stage has started; cancel requests (the TUI's path) are made from the progress callback, so
each stage is hit deterministically.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from engine.cache import FORMAT_VERSION, MANIFEST, Cache
from engine.errors import EXIT_CANCELLED, Cancelled
from engine.pipeline import AuditOptions, Progress, run_audit

REPO = Path(__file__).resolve().parents[1]
FRAME = pd.DataFrame(
    {
        "text": [f"{w} {v} number {i}" for i in range(15) for w, v in (("apple", "pie"), ("train", "rail"))],
        "label": ["fruit", "vehicle"] * 15,
    }
)


def assert_cache_consistent(root: Path) -> int:
    """Every entry verifies against its manifest; no staging folder is left. Returns the count."""
    entries = 0
    version_dir = root / f"v{FORMAT_VERSION}"
    if not version_dir.exists():
        return 0
    for stage_dir in version_dir.iterdir():
        for folder in stage_dir.iterdir():
            assert not folder.name.startswith("."), f"staging folder left behind: {folder}"
            manifest = json.loads((folder / MANIFEST).read_text())
            for name, expected in manifest["files"].items():
                data = (folder / name).read_bytes()
                assert len(data) == expected["size"] and hashlib.sha256(data).hexdigest() == expected["sha256"]
            entries += 1
    return entries


# --------------------------------------------------------------------------- cancel (in process)


@pytest.mark.parametrize("stage", ["embed", "neighbours", "predict", "audit"])
def test_cancel_in_each_stage_leaves_a_consistent_cache(stage, tmp_path):
    """Cancel as the stage starts (the bundled model for embed, TF-IDF elsewhere); rerun works."""
    root = tmp_path / "cache"
    options = AuditOptions(model=None if stage == "embed" else "tfidf", folds=3, cache_root=str(root))
    cancel = threading.Event()

    def progress(report: Progress) -> None:
        if report.stage == stage and report.message == "starting":
            cancel.set()

    with pytest.raises(Cancelled):
        run_audit(FRAME, options, progress=progress, cancel=cancel)
    assert_cache_consistent(root)
    again = run_audit(FRAME, options)
    assert len(again.output.issues) == len(FRAME)
    # the bundled model's audit also caches the TF-IDF view's vectors, graph and pred_probs (22e1243)
    assert assert_cache_consistent(root) == (7 if stage == "embed" else 4)


def test_interrupt_during_a_cache_write_leaves_no_entry(tmp_path, monkeypatch):
    """Ctrl+C after the files are written but before the rename: no entry, no staging folder."""
    import engine.atomic as atomic_module

    root = tmp_path / "cache"
    real_fsync = atomic_module._fsync_tree

    def interrupted(folder: Path) -> None:
        real_fsync(folder)
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_module, "_fsync_tree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_audit(FRAME, AuditOptions(model="tfidf", folds=3, cache_root=str(root)))
    assert assert_cache_consistent(root) == 0
    monkeypatch.setattr(atomic_module, "_fsync_tree", real_fsync)
    assert not run_audit(FRAME, AuditOptions(model="tfidf", folds=3, cache_root=str(root))).cache_hit
    assert assert_cache_consistent(root) == 4


def test_stale_staging_folders_are_swept(tmp_path):
    import os

    cache = Cache(root=tmp_path)
    stale = cache.entry_dir("embeddings", "k").parent / ".deadbeef.tmp"
    stale.mkdir(parents=True)
    os.utime(stale, (0, 0))
    fresh = stale.parent / ".cafe.tmp"  # a write in progress in another process: kept
    fresh.mkdir()
    dead = stale.parent / ".textaudit-tmp-999999999-0123abcd-k.tmp"  # the atomic writer's, pid gone
    dead.mkdir()
    live = stale.parent / f".textaudit-tmp-{os.getpid()}-0123abcd-k.tmp"  # a live writer's
    live.mkdir()
    cache.save("embeddings", "k", {"vectors.npy": np.zeros((2, 2), np.float32)})
    assert not stale.exists() and fresh.exists()
    assert not dead.exists() and live.exists()


def test_unwritable_cache_is_a_note_not_a_crash(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    result = run_audit(FRAME, AuditOptions(model="tfidf", folds=3, cache_root=str(blocker)))
    assert len(result.output.issues) == len(FRAME)
    assert any("could not write cache entry" in note for note in result.notes)


# --------------------------------------------------------------------------- signals (real process)


def _csv(tmp_path: Path, rows: int = 400) -> Path:
    rng = np.random.default_rng(0)
    words = np.array("card payment transfer balance refund pin cash atm fee limit account rate".split())
    frame = pd.DataFrame(
        {"text": [" ".join(rng.choice(words, 8)) + f" {i}" for i in range(rows)], "label": rng.choice(list("abcd"), rows)}
    )
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False)
    return path


def _interrupt(argv: list[str], stage: str, sig: signal.Signals, cache_root: Path) -> subprocess.CompletedProcess:
    """Start ``textaudit audit``, wait for ``stage`` on stderr, send ``sig``; return the result."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "audit", *argv, "--cache-dir", str(cache_root)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.rstrip().endswith(f"] {stage}"):
            process.send_signal(sig)
            break
    out, rest = process.communicate(timeout=120)  # a guard against a hang, not a speed goal
    return subprocess.CompletedProcess(process.args, process.returncode, out, "".join(seen) + rest)


@pytest.mark.parametrize(
    ("stage", "sig", "model"),
    [
        ("embed", signal.SIGINT, "bundled"),
        ("embed", signal.SIGTERM, "bundled"),
        ("predict", signal.SIGTERM, "features"),
        ("audit", signal.SIGINT, "features"),
    ],
)
def test_signal_mid_run_exits_130_with_one_line(stage, sig, model, tmp_path):
    data = _csv(tmp_path)
    root = tmp_path / "cache"
    extra = []
    if model == "features":
        np.save(tmp_path / "f.npy", np.random.default_rng(1).normal(size=(400, 32)).astype(np.float32))
        extra = ["--features", str(tmp_path / "f.npy")]
    done = _interrupt([str(data), *extra], stage, sig, root)
    assert done.returncode == EXIT_CANCELLED, done.stderr
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith("textaudit:")]  # and what is cached (fix41d)
    assert len(said) == 1 and said[0].startswith("textaudit: interrupted"), said
    assert done.stdout == ""
    assert_cache_consistent(root)
    if model == "features":  # rerun in process: completes and fills the cache
        options = AuditOptions(features_path=str(tmp_path / "f.npy"), cache_root=str(root))
        assert len(run_audit(data, options).output.issues) == 400
        assert assert_cache_consistent(root) >= 2


class _InterruptInDestructor:
    """Sends SIGINT to this process from inside ``__del__``, where Python swallows the handler's
    KeyboardInterrupt (as a CI run had it, in ``ZipFile.__del__`` while torch loaded the model)."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGINT)


def test_an_interrupt_swallowed_by_a_destructor_still_stops_the_audit(tmp_path, monkeypatch, capsys):
    from tui import cli, cli_progress

    data, root = _csv(tmp_path, rows=120), tmp_path / "cache"
    fired = []

    def progress_then_interrupt(self, progress) -> None:
        if progress.stage == "embed" and not fired:
            fired.append(True)
            _InterruptInDestructor()  # dropped at once: __del__ runs here, its exception is ignored
        original(self, progress)

    original = cli_progress._StderrProgress.__call__
    monkeypatch.setattr(cli_progress._StderrProgress, "__call__", progress_then_interrupt)
    before = signal.getsignal(signal.SIGINT)
    code = cli.main(["audit", str(data), "--model", "tfidf", "--folds", "3", "--cache-dir", str(root)])
    err = capsys.readouterr()
    assert fired and code == EXIT_CANCELLED
    said = [line for line in err.err.splitlines() if line.startswith("textaudit:")]  # and what is cached (fix41d)
    assert len(said) == 1 and said[0].startswith("textaudit: interrupted"), said
    assert "Traceback" not in err.err and "Exception ignored" not in err.err and err.out == ""
    assert signal.getsignal(signal.SIGINT) is before  # main() hands its handlers back
    assert_cache_consistent(root)


# --------------------------------------------------------------------------- bad cache entries


def _corrupt_manifest(manifest: Path, change) -> None:
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps(change(data)))


CORRUPTIONS = {
    "other format version": lambda m: _corrupt_manifest(m, lambda d: {**d, "format": FORMAT_VERSION + 1}),
    "manifest not json": lambda m: m.write_text("{not json"),
    "manifest a list": lambda m: m.write_text("[1, 2]"),
    "manifest files a list": lambda m: _corrupt_manifest(m, lambda d: {**d, "files": ["vectors.npy"]}),
    "file missing": lambda m: (m.parent / "vectors.npy").unlink(),
    "file truncated": lambda m: (m.parent / "vectors.npy").write_bytes((m.parent / "vectors.npy").read_bytes()[:40]),
    "file flipped byte": lambda m: (m.parent / "vectors.npy").write_bytes(
        (m.parent / "vectors.npy").read_bytes()[:-1] + b"\x00"
    ),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_bad_embedding_entry_is_detected_recomputed_and_reported(corruption, tmp_path):
    root = tmp_path / "cache"
    options = AuditOptions(model="tfidf", folds=3, cache_root=str(root))
    first = run_audit(FRAME, options)
    (manifest,) = (root / f"v{FORMAT_VERSION}" / "embeddings").glob(f"*/{MANIFEST}")
    CORRUPTIONS[corruption](manifest)
    if corruption == "file flipped byte":  # same size and header: found when a stage reads the vectors (cb1acf5)
        shutil.rmtree(next((root / f"v{FORMAT_VERSION}" / "audit").iterdir()))
    again = run_audit(FRAME, options)
    assert not again.stage_cache_hits["embed"]
    assert any("cache entry embeddings/" in note and "recomputing" in note for note in again.notes)
    pd.testing.assert_frame_equal(first.output.issues, again.output.issues)
    assert run_audit(FRAME, options).cache_hit and assert_cache_consistent(root) == 4


# --------------------------------------------------------------------------- nothing unpickles


class _Marker:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def _plant(folder: Path, name: str, payload: bytes) -> None:
    """Add a file to an entry and list it in the manifest with a correct checksum."""
    (folder / name).write_bytes(payload)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"][name] = {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    (folder / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize("planted", ["vectors.pkl", "vectors.npy"])
def test_pickles_planted_in_the_cache_are_never_executed(planted, tmp_path):
    marker = tmp_path / "executed"
    pickle.loads(pickle.dumps(_Marker(marker)))  # the payload is live
    assert marker.exists()
    marker.unlink()
    root = tmp_path / "cache"
    options = AuditOptions(model="tfidf", folds=3, cache_root=str(root))
    run_audit(FRAME, options)
    (folder,) = (root / f"v{FORMAT_VERSION}" / "embeddings").iterdir()
    if planted.endswith(".pkl"):
        payload = pickle.dumps(_Marker(marker))
    else:  # an object array: np.save pickles it; only np.load(allow_pickle=True) would run it
        np.save(tmp_path / "evil.npy", np.array([_Marker(marker)], dtype=object), allow_pickle=True)
        payload = (tmp_path / "evil.npy").read_bytes()
    _plant(folder, planted, payload)
    again = run_audit(FRAME, options)
    assert not marker.exists()
    assert not again.stage_cache_hits["embed"] and any("unusable" in n for n in again.notes)
    assert not any(root.rglob("*.pkl"))


def test_no_pickle_in_the_code():
    offenders = [
        str(path) for folder in ("engine", "tui") for path in (REPO / folder).rglob("*.py")
        if any(token in path.read_text() for token in ("import pickle", "allow_pickle=True", "joblib.load", "torch.load("))
    ]
    assert offenders == []


# --------------------------------------------------------------------------- the TUI and a signal


@pytest.mark.parametrize("returns", [EXIT_CANCELLED, 1], ids=["quit for the signal", "audit had failed"])
@pytest.mark.parametrize("command", ["browse", "demo"])
def test_a_signal_while_the_app_runs_ends_with_its_one_exit_line(command, returns, tmp_path, monkeypatch, capsys):
    """tmux: SIGTERM to `textaudit demo` printed the app's exit line ('saved 0 decisions ...')
    and then 'textaudit: interrupted' as well: the flag the app quit for was read again by main()
    as an interrupt it had not reported. The app (run_app, replaced here by one that gets a real
    SIGTERM under flag_only, as the real one does) says what was saved; main() adds nothing, 130."""
    import os

    from tui import cli, launch
    from tui.interrupts import flag_only

    def fake_run_app(source, options, journal_path, **_) -> int:  # label_names too
        with flag_only():
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(10_000):  # the handler runs at a bytecode boundary
                if cli.INTERRUPTED.is_set():
                    break
        print(f"textaudit: saved 0 decisions this session; 0 rows decided in all, in {journal_path}",
              file=sys.stderr)
        return returns  # 1: the app showed a failed audit, and the signal quit it as q does

    monkeypatch.setattr(launch, "run_app", fake_run_app)
    monkeypatch.chdir(tmp_path)
    argv = [command] if command == "demo" else [command, str(_csv(tmp_path, rows=30))]
    try:
        code = cli.main(argv)
    finally:
        cli.INTERRUPTED.clear()
    err = capsys.readouterr().err
    assert code == EXIT_CANCELLED
    lines = [line for line in err.splitlines() if line.startswith("textaudit:")]
    assert len(lines) == 1 and lines[0].startswith("textaudit: saved 0 decisions"), lines
