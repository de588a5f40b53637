"""The --ray path (engine/distributed) on a local 2-CPU Ray instance and the demo: the same
flags, graph and cache entries as the local path, cancellation, and workers killed mid-stage."""

from __future__ import annotations

import re
import signal
import threading
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ray", reason="Ray is an optional extra: pip install -e '.[ray]'")
pytest.importorskip("ray.data", reason="Ray Data is an optional extra: pip install -e '.[ray]'")

from engine.errors import Cancelled  # noqa: E402
from engine.pipeline import AuditOptions, run_audit  # noqa: E402

FLAGS = ["is_null_issue", "is_label_issue", "is_outlier_issue", "is_near_duplicate_issue",
         "is_non_iid_issue", "is_class_imbalance_issue", "is_underperforming_group_issue"]


SIGTERM_AFTER_CONNECT: list[bool] = []  # ray_instance: the handler set before connect() is still set after


@pytest.fixture(scope="module")
def fault_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ray-faults")


@pytest.fixture(scope="module", autouse=True)
def ray_instance(fault_dir):
    """One local Ray instance with 2 CPUs for the whole module (workers inherit the fault folder)."""
    import os

    from engine.distributed import connect, shutdown
    from engine.distributed.cluster import FAULT_DIR_ENV

    os.environ[FAULT_DIR_ENV] = str(fault_dir)

    def mine(*_args) -> None:  # stands for the CLI's handler (tui/interrupts.py)
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    connect(None, 2)
    SIGTERM_AFTER_CONNECT.append(signal.getsignal(signal.SIGTERM) is mine)
    signal.signal(signal.SIGTERM, previous)
    yield
    shutdown()
    os.environ.pop(FAULT_DIR_ENV, None)


def test_connect_puts_back_the_sigterm_handler_ray_init_replaces() -> None:
    """ray.init set SIGTERM to sys.exit(15) for good: `audit --ray` then died with Ray's stack and exit 15
    instead of textaudit's cleanup, one line and exit 130, and pools forked later inherited it."""
    assert SIGTERM_AFTER_CONNECT == [True]


def _options(cache: Path, **kwargs) -> AuditOptions:
    return AuditOptions(id_column="id", precision="fp32", cache_root=str(cache), **kwargs)


def _entries(cache: Path, stage: str) -> set[str]:
    folder = cache / "v1" / stage
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")} if folder.exists() else set()


@pytest.fixture(scope="module")
def local_run(demo_csv, tmp_path_factory):
    cache = tmp_path_factory.mktemp("local-cache")
    stages: list[str] = []
    result = run_audit(demo_csv, _options(cache), progress=lambda p: stages.append(p.stage))
    return result, cache, stages


@pytest.fixture(scope="module")
def three_local(demo_csv, tmp_path_factory):
    """conftest's ``three_class_csv`` (60 demo rows of three classes) once for the module, and its
    local audit with the cache it filled: the TUI tests compare with it and start from its cache."""
    import pandas as pd

    folder = tmp_path_factory.mktemp("three")
    frame = pd.read_csv(demo_csv)
    frame = frame[frame["label"].isin(["card_lost", "change_pin", "refund_request"])].head(60)
    path = folder / "small.csv"
    frame.to_csv(path, index=False)
    cache = folder / "local-cache"
    return path, run_audit(path, _options(cache)), cache


@pytest.fixture(scope="module")
def ray_run(demo_csv, tmp_path_factory):
    cache = tmp_path_factory.mktemp("ray-cache")
    stages: list[str] = []
    result = run_audit(demo_csv, _options(cache, ray="local"), progress=lambda p: stages.append(p.stage))
    return result, cache, stages


def test_ray_gives_the_local_flags_graph_and_cache_entries(local_run, ray_run):
    (local, local_cache, local_stages), (ray, ray_cache, ray_stages) = local_run, ray_run
    assert not any(ray.stage_cache_hits.values())  # everything computed, on Ray
    for column in FLAGS:
        assert ray.output.issues[column].tolist() == local.output.issues[column].tolist(), column
    assert ray.output.issues["is_label_issue"].sum() > 0
    np.testing.assert_array_equal(ray.graph.indices, local.graph.indices)
    np.testing.assert_allclose(ray.graph.distances, local.graph.distances, atol=1e-5)
    assert ray.graph.method == local.graph.method == "exact"
    np.testing.assert_allclose(ray.pred_probs, local.pred_probs, atol=2e-3)
    for stage in ("embeddings", "neighbours", "pred_probs", "audit"):
        assert _entries(ray_cache, stage) == _entries(local_cache, stage), stage
    assert list(dict.fromkeys(ray_stages)) == list(dict.fromkeys(local_stages))
    assert len(ray_stages) > 10  # the embed/predict stages report progress, not only start/end


def test_ray_embedding_from_the_driver_matches_the_local_vectors():
    from engine.distributed.embed import embed_texts as ray_embed
    from engine.embed import embed_texts

    texts = ["refund my card", "where is my parcel", "refund my card", "", "x" * 3000, "hello"] * 3
    ours = ray_embed(texts, precision="fp32", device="cpu")
    theirs = embed_texts(texts, precision="fp32", device="cpu")
    assert ours.shape == theirs.shape
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.9999


def test_file_rows_come_back_in_file_order_and_none_is_embedded_twice(tmp_path, monkeypatch):
    """Rows read by Ray Data keep the file's order through the actor pool, so every row's
    fingerprint matches and none goes through the actors a second time. The first block holds
    long texts and the others short ones: out of order, the short blocks would come back first."""
    import pandas as pd

    import engine.distributed.embed as ray_embed
    from engine.embed import embed_texts

    texts = [" ".join(f"alpha{i} beta{j}" for j in range(100)) for i in range(8)]
    texts += [f"short text number {i}" for i in range(72)]
    path = tmp_path / "rows.parquet"
    pd.DataFrame({"text": texts}).to_parquet(path, index=False)
    monkeypatch.setattr(ray_embed, "BLOCK_ROWS", 8)  # ten blocks over the two actors
    embed = ray_embed.embed_texts
    again: list[int] = []
    monkeypatch.setattr(ray_embed, "embed_texts", lambda rows, **kw: again.append(len(rows)) or embed(rows, **kw))
    ours = embed(texts, precision="fp32", device="cpu", source=path, text_column="text")
    assert again == []  # no row embedded again from the driver's texts
    theirs = embed_texts(texts, precision="fp32", device="cpu")
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.9999


def test_cancel_during_cross_validation_stops_the_folds_and_caches_nothing(demo_csv, ray_run):
    _, cache, _ = ray_run
    cancel = threading.Event()
    folds_done: list[int] = []

    def progress(p) -> None:
        if p.stage == "predict" and p.total > 1 and p.done >= 1:
            folds_done.append(p.done)
            cancel.set()

    before = _entries(cache, "pred_probs")
    with pytest.raises(Cancelled):
        run_audit(demo_csv, _options(cache, ray="local", seed=11), progress=progress, cancel=cancel)
    assert folds_done and max(folds_done) < 5  # stopped after the first fold of five
    assert _entries(cache, "pred_probs") == before


def test_cancel_during_embedding_caches_no_vectors(demo_csv, tmp_path, monkeypatch):
    import engine.distributed.embed as ray_embed

    monkeypatch.setattr(ray_embed, "BLOCK_ROWS", 32)  # several batches on the demo
    cancel = threading.Event()
    seen: list[int] = []

    def progress(p) -> None:
        if p.stage == "embed" and p.total > 1 and 0 < p.done < p.total:
            seen.append(p.done)
            cancel.set()

    with pytest.raises(Cancelled):
        run_audit(demo_csv, _options(tmp_path, ray="local"), progress=progress, cancel=cancel)
    assert seen and seen[0] < 258
    assert _entries(tmp_path, "embeddings") == set()


def test_a_killed_fold_worker_is_retried_and_the_result_is_the_local_one(demo_csv, ray_run, local_run, fault_dir):
    _, cache, _ = ray_run
    _, local_cache, _ = local_run
    (fault_dir / "predict").write_text("once")
    ray = run_audit(demo_csv, _options(cache, ray="local", seed=5))
    assert not (fault_dir / "predict").exists()  # a worker took the fault and died
    local = run_audit(demo_csv, _options(local_cache, seed=5))
    assert not ray.stage_cache_hits["predict"]
    np.testing.assert_allclose(ray.pred_probs, local.pred_probs, atol=2e-3)
    assert ray.output.issues["is_label_issue"].tolist() == local.output.issues["is_label_issue"].tolist()


def test_a_killed_searcher_is_restarted_and_the_graph_is_the_local_one(demo_csv, ray_run, local_run, fault_dir):
    _, cache, _ = ray_run
    _, local_cache, _ = local_run
    (fault_dir / "neighbours").write_text("once")
    ray = run_audit(demo_csv, _options(cache, ray="local", k=7))
    assert not (fault_dir / "neighbours").exists()
    local = run_audit(demo_csv, _options(local_cache, k=7))
    np.testing.assert_array_equal(ray.graph.indices, local.graph.indices)


def test_a_worker_that_keeps_dying_fails_in_one_line_and_caches_nothing(demo_csv, ray_run, fault_dir):
    from engine.distributed import RayStageError

    _, cache, _ = ray_run
    before = {stage: _entries(cache, stage) for stage in ("pred_probs", "audit")}
    (fault_dir / "predict").write_text("always")
    try:
        with pytest.raises(RayStageError, match="retries") as caught:
            run_audit(demo_csv, _options(cache, ray="local", seed=7))
    finally:
        (fault_dir / "predict").unlink(missing_ok=True)
    assert "\n" not in str(caught.value)
    assert {stage: _entries(cache, stage) for stage in before} == before


def test_ray_cpus_needs_ray(capsys):
    from tui.cli import main

    assert main(["audit", "x.csv", "--ray-cpus", "2"]) == 2
    assert "--ray-cpus needs --ray" in capsys.readouterr().err


def test_serve_passes_ray_to_every_app_process(demo_csv):
    from tui.cli_parser import build_parser
    from tui.serve import browse_command

    args = build_parser().parse_args(["serve", str(demo_csv), "--ray", "--ray-cpus", "2"])
    command = browse_command(args)
    assert command[command.index("--ray") + 1] == "local"
    assert command[command.index("--ray-cpus") + 1] == "2"
    again = build_parser().parse_args(command[3:])  # what the app process parses
    assert (again.ray, again.ray_cpus) == ("local", 2)


def test_ray_workers_run_at_the_drivers_priority():
    """Ray starts workers 15 nice levels below the driver unless told otherwise; on a shared
    machine that gave the --ray path a fraction of the CPU the local path gets."""
    import os

    import ray

    @ray.remote(num_cpus=1)
    def niceness() -> int:
        return os.nice(0)

    assert ray.get(niceness.remote()) == os.nice(0)


@pytest.mark.parametrize("address, words", [("banana", "not a Ray address"), ("127.0.0.1:1", "cannot reach")])
def test_an_unusable_cluster_address_is_one_line(address, words):
    from engine.distributed.cluster import reachable
    from engine.errors import UsageError

    with pytest.raises(UsageError, match=words) as caught:
        reachable(address, timeout_s=2)
    assert "\n" not in str(caught.value) and address in str(caught.value)


def test_the_cli_names_an_unreachable_cluster_in_one_line_at_once(demo_csv, tmp_path):
    """Ray alone retries a dead address for minutes and prints its C++ warnings on the terminal."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "audit", str(demo_csv), "--id-column", "id", "--ray", "127.0.0.1:1"],
        capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "cannot reach a Ray cluster" in lines[-1] and lines[-1].startswith("textaudit: error"), done.stderr
    assert all(re.match(r"\[ *\d+\.\ds\] \w", line) for line in lines[:-1]), done.stderr  # progress only


def test_gpu_actors_under_a_cpu_driver_are_keyed_with_their_own_precision(monkeypatch):
    """The embeddings' cache key names the precision the actors compute in, not the driver's."""
    import engine.distributed.embed as ray_embed
    from engine.distributed import embed_precision
    from engine.errors import UsageError

    options = AuditOptions(ray="auto")  # joins the running instance (this module's)
    cpu = embed_precision(options, "all-MiniLM-L6-v2")  # what a CPU worker supports, asked on one
    assert cpu == embed_precision(AuditOptions(ray="local"), "all-MiniLM-L6-v2")  # same machine here
    monkeypatch.setattr(ray_embed, "cluster_gpus", lambda: 2)
    assert ray_embed.actor_plan("auto")[0] == "cuda"
    assert embed_precision(options, "all-MiniLM-L6-v2") == "fp16"  # auto on CUDA, the driver has no GPU
    options.precision = "fp16"
    assert embed_precision(options, "all-MiniLM-L6-v2") == "fp16"  # allowed: the actors have GPUs
    options.device = "cpu"  # CPU actors even on a GPU cluster: fp16 is refused in one line
    with pytest.raises(UsageError, match="fp16 needs a CUDA device"):
        embed_precision(options, "all-MiniLM-L6-v2")


async def _wait_for_audit(app, pilot) -> None:
    try:
        await app.workers.wait_for_complete()
    except Exception:  # noqa: BLE001 - a cancelled worker re-raises here; the app handled it
        pass
    await pilot.pause()


async def test_browse_with_ray_shows_the_summary_with_the_local_flags(three_local, tmp_path):
    from tui.app import TextauditApp

    three_class_csv, local, _ = three_local
    app = TextauditApp(source=str(three_class_csv), options=_options(tmp_path / "ray", ray="local"),
                       journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await _wait_for_audit(app, pilot)
        assert type(app.screen).__name__ == "SummaryScreen"
        assert not any(app.result.stage_cache_hits.values())  # computed on Ray, not read back
        for column in FLAGS:
            assert app.result.output.issues[column].tolist() == local.output.issues[column].tolist(), column


async def test_escape_cancels_a_ray_audit_in_the_tui_and_caches_nothing(three_local, tmp_path, fault_dir):
    """The folds are held on their workers (a ``hold`` fault), so the cancel surely lands mid-stage.
    It starts from the local audit's cache (the Ray path keys its entries alike: the first test), so
    only the cross-validation runs on Ray: a full audit on Ray in the TUI is the test above's."""
    import shutil

    from engine.errors import EXIT_CANCELLED
    from tui.app import TextauditApp

    three_class_csv, _, local_cache = three_local
    cache = tmp_path / "cache"
    shutil.copytree(local_cache, cache)
    before = {stage: _entries(cache, stage) for stage in ("embeddings", "neighbours", "pred_probs", "audit")}
    assert before["embeddings"] and before["neighbours"]
    app = TextauditApp(source=str(three_class_csv), options=_options(cache, ray="local", seed=3),
                       journal_path=tmp_path / "j.jsonl")
    (fault_dir / "predict").write_text("hold")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3000):  # until the predict stage has started (its folds are held)
                if "predict" in getattr(app.screen, "clocks", {}):
                    break
                await pilot.pause(0.05)
            assert "predict" in app.screen.clocks
            await pilot.press("escape")
            await _wait_for_audit(app, pilot)
    finally:
        (fault_dir / "predict").unlink(missing_ok=True)
    assert app.return_code == EXIT_CANCELLED
    # the stages before it kept; no cross-validation (seed 3: an entry of its own) and no audit written
    assert {stage: _entries(cache, stage) for stage in before} == before


def test_a_worker_missing_a_package_says_so_in_one_line():
    """On a real cluster the usual failure: textaudit (or its model) not installed on a node."""
    import ray

    from engine.distributed import RayStageError
    from engine.distributed.cluster import gather

    @ray.remote(num_cpus=1, max_retries=0)
    def needs_a_package() -> None:
        import textaudit_missing_on_this_node  # noqa: F401

    with pytest.raises(RayStageError, match="every node of the cluster needs textaudit") as caught:
        gather([needs_a_package.remote()], "cross-validation")
    assert "\n" not in str(caught.value) and "textaudit_missing_on_this_node" in str(caught.value)


def test_the_cli_with_ray_writes_only_its_progress_lines_on_stderr(three_local, tmp_path):
    """The TUI draws on stderr: Ray's warnings and C++ log lines must not reach it. Its own Ray
    instance (started by the CLI, as a user's first run does) on 60 rows: every stage on Ray."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "audit", str(three_local[0]), "--id-column", "id", "--precision", "fp32",
         "--ray", "--ray-cpus", "2", "--format", "json"],
        capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert any(re.match(r"\[ *\d+\.\ds\] audit", line) for line in lines), done.stderr
    # no Python warning, no C++ WARNING/ERROR line (Ray's one INFO line on reading its log level stays)
    noise = [line for line in lines if "Warning" in line or re.match(r"\[\d{4}-\d\d-\d\d [\d:,]+ [WEF] ", line)]
    assert noise == [], done.stderr


def test_searchers_one_per_node_share_blocks_by_cpus():
    """One searcher per node with all its CPUs (one copy of the index per node, not per CPU);
    blocks shared in proportion to CPUs, every block owned by exactly one searcher."""
    from engine.distributed.graph import node_plan, share_blocks

    plan = node_plan(blocks=5)
    assert len(plan) == 1 and plan[0][1] == 2  # the local instance: one node, 2 CPUs
    assert node_plan(blocks=5, workers=1)[0][1] == 1
    owner = share_blocks([16, 4], 10)
    assert owner.count(0) == 8 and owner.count(1) == 2
    assert share_blocks([1], 3) == [0, 0, 0]
    assert sorted(set(share_blocks([2, 2, 2], 7))) == [0, 1, 2]


def test_ivf_graph_over_several_blocks_is_the_local_one(monkeypatch):
    """The IVF path with the rows in several blocks (one node's searcher answering them all with
    its two faiss threads) gives the local IVF graph row for row, exact duplicates at 0."""
    import engine.distributed.graph as ray_graph
    from engine import neighbours
    from engine.neighbours import build_graph as local_graph

    monkeypatch.setitem(neighbours.SEARCH_ROWS, "ivf", 700)  # both paths: five blocks of 3,000 rows
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((12, 24)).astype(np.float32)
    vectors = centres[rng.integers(0, 12, 3000)] + 0.3 * rng.standard_normal((3000, 24)).astype(np.float32)
    vectors[10] = vectors[11]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    local = local_graph(vectors, k=5, method="ivf")
    distributed = ray_graph.build_graph(vectors, k=5, method="ivf")
    np.testing.assert_array_equal(distributed.indices, local.indices)
    np.testing.assert_allclose(distributed.distances, local.distances, atol=1e-6)
    assert distributed.distances[10, 0] == 0 and distributed.distances[11, 0] == 0


def test_ray_searches_the_local_query_blocks(monkeypatch):
    """The searchers answer the local IVF search's own query blocks (50,000 rows), not blocks of
    their own: a query's last probed cell can depend on its block (1M rows, one row's neighbour
    differed with 20,000-row blocks). 60,000 rows: two blocks, as locally, and the same graph."""
    import engine.distributed.graph as ray_graph
    from engine.neighbours import build_graph as local_graph
    from engine.neighbours import query_blocks

    blocks_searched = []
    share = ray_graph.share_blocks
    monkeypatch.setattr(ray_graph, "share_blocks", lambda threads, blocks: blocks_searched.append(blocks)
                        or share(threads, blocks))
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((60_000, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    distributed = ray_graph.build_graph(vectors, k=3, method="ivf")
    assert blocks_searched == [len(query_blocks(60_000, "ivf"))] == [2]
    np.testing.assert_array_equal(distributed.indices, local_graph(vectors, k=3, method="ivf").indices)
