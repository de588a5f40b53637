"""Shared fixtures: an isolated cache, the demo audit (real model, run once), the demo with three
classes mixed up (audited once), banking77 paths, a count of the texts embedded. And how the suite
runs in parallel (pytest-xdist, ``-n auto`` in pyproject's addopts): one file per worker at a time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BANKING77 = Path(__file__).resolve().parents[2] / "shared" / "data" / "banking77"

MAX_WORKERS = 4  # each worker loads torch and the bundled model (~1 GB); the suite is 2-core sized
# Files that start a local Ray instance: they run one after the other on one worker, so two Ray
# clusters never start (and compete for the cores) at the same time.
RAY_FILES = ("test_ray.py", "test_ray_first_connect_in_tui.py")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: one worker per usable core, at most MAX_WORKERS; none (the tests run in this
    process, as ``-n 0``) when the command names a single test file, where a worker adds only its start.
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still wins (xdist's own hook reads it)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    here = config.invocation_params.dir
    named = {(here / arg.split("::")[0]).resolve() for arg in config.args}
    if len(named) == 1 and next(iter(named)).is_file():
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under ``-n``: whole files go to a worker (their module fixtures run once, as in a serial run),
    the Ray files together as one unit. An explicit ``--dist`` other than load keeps xdist's own."""
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FileScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "ray" if path.rsplit("/", 1)[-1] in RAY_FILES else path

    return FileScheduling(config, log)


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test run gets its own cache root and rescue folder (engine/paths.py), never the user's."""
    root = tmp_path_factory.mktemp("cache")
    ours = {"TEXTAUDIT_CACHE_DIR": str(root), "TEXTAUDIT_RESCUE_DIR": str(tmp_path_factory.mktemp("recovered")),
            "TEXTAUDIT_STATE_DIR": str(tmp_path_factory.mktemp("state"))}  # each test its own: isolated_state
    previous = {name: os.environ.get(name) for name in ours}
    os.environ.update(ours)
    yield root
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def isolated_state(isolated_cache: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own state folder (engine/paths.state_dir: the lists' places an app leaves, tui/ui_state.py),
    created only where a test's app writes one: a list left by one test never opens another's at that row."""
    folder = isolated_cache.parent / "state" / f"{os.getpid()}-{id(request.node):x}"
    monkeypatch.setenv("TEXTAUDIT_STATE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module", autouse=True)
def signal_handlers_restored():
    """Each test file leaves SIGTERM, SIGINT and SIGHUP as it found them. ``ray.init`` (test_ray.py's
    module fixture) installs a Python SIGTERM handler for the rest of the process; multiprocessing
    pools forked later in it (cleanlab's multilabel find_label_issues) inherit it, and a pool worker
    survived Pool.terminate's SIGTERM (one sent by hand later ended it): the pool's join hung for good
    (par36: test_multilabel_managers after the Ray files on one xdist worker, two pools in a row)."""
    import signal

    signums = [getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)]
    saved = {signum: signal.getsignal(signum) for signum in signums}
    yield
    for signum, handler in saved.items():
        if handler is not None and signal.getsignal(signum) is not handler:
            signal.signal(signum, handler)


@pytest.fixture(scope="session")
def demo_csv() -> Path:
    from engine.demo import demo_path

    return demo_path()


@pytest.fixture(scope="session")
def demo_result(demo_csv: Path):
    """The demo dataset audited once per session with the bundled model (real, not mocked)."""
    from engine.pipeline import AuditOptions, run_audit

    return run_audit(demo_csv, AuditOptions(id_column="id"))


@pytest.fixture(scope="session")
def mixed_result(demo_csv: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo with the labels of three classes (``synthetic.MIXED``) shuffled among their rows,
    audited once per session with the bundled model: classes the model cannot tell apart."""
    import numpy as np
    import pandas as pd
    from synthetic import MIXED

    from engine.pipeline import AuditOptions, run_audit

    frame = pd.read_csv(demo_csv)
    rows = frame["label"].isin(MIXED).to_numpy()
    frame.loc[rows, "label"] = np.random.default_rng(0).permutation(frame.loc[rows, "label"].to_numpy())
    path = tmp_path_factory.mktemp("overlap") / "mixed.csv"
    frame.to_csv(path, index=False)
    return run_audit(path, AuditOptions(id_column="id"))


@pytest.fixture(scope="module")
def pinned_result(demo_csv: Path):
    """The demo dataset with fixed synthetic scores (tests/tui_synthetic.py): no audit, exact counts."""
    from tui_synthetic import fixed_result

    return fixed_result(demo_csv)


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many texts each call of ``engine.embed.embed_texts`` (the embedding model) was given."""
    import engine.embed

    calls: list[int] = []
    real = engine.embed.embed_texts

    def counting(texts, **kwargs):
        calls.append(len(texts))
        return real(texts, **kwargs)

    monkeypatch.setattr(engine.embed, "embed_texts", counting)
    return calls


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """What the app was opened with, one dict a run (``source`` and run_app's keyword arguments): run_app stubbed, no
    terminal, no audit (browse's checks before the app, tests/browse_helpers.py)."""
    import tui.launch

    calls: list[dict] = []
    monkeypatch.setattr(tui.launch, "run_app", lambda source, *args, **kwargs: calls.append({"source": source, **kwargs})
                        or 0)
    return calls


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    """A fresh journal file path for one test."""
    return tmp_path / "j.jsonl"


@pytest.fixture(scope="session")
def banking77_train() -> Path:
    path = BANKING77 / "train.csv"
    if not path.exists():
        pytest.skip("../shared/data/banking77 is not present on this machine")
    return path


@pytest.fixture(scope="session")
def ml_result():
    """The multi-label demo audited once per session with the bundled model."""
    from engine.demo_multilabel import demo_multilabel_path
    from engine.pipeline import AuditOptions, run_audit

    return run_audit(demo_multilabel_path(), AuditOptions(id_column="id", label_column="labels"))


@pytest.fixture
def ml_app(ml_result, tmp_path: Path):
    """The app on the multi-label demo audit, its journal tmp_path / 'j.jsonl'."""
    from tui.app import TextauditApp

    return TextauditApp(ml_result, journal_path=tmp_path / "j.jsonl")


@pytest.fixture
def three_class_csv(tmp_path: Path, demo_csv: Path) -> Path:
    """60 demo rows of three classes in a file of their own (a fresh audit: nothing of it is cached)."""
    import pandas as pd

    frame = pd.read_csv(demo_csv)
    frame = frame[frame["label"].isin(["card_lost", "change_pin", "refund_request"])].head(60)
    path = tmp_path / "small.csv"
    frame.to_csv(path, index=False)
    return path
