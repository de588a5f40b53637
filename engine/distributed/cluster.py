"""The Ray session textaudit's distributed stages run in, and waiting on Ray work.

``connect`` starts a local Ray instance (``address`` None or ``"local"``; ``num_cpus`` from the
machine or ``--ray-cpus``) or joins a running cluster (``"auto"`` or ``host:port``), once per
process: the TUI's re-audits reuse it, and a local instance is shut down when the process
exits. Ray writes nothing to the terminal (the TUI draws on stderr): worker output stays in
Ray's own log folder. ``gather`` waits for object refs while honouring cancellation
(``ray.cancel`` on every ref still running) and turns Ray's failures into one readable line.
"""

from __future__ import annotations

import atexit
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from engine.errors import Cancelled, TextauditError, UsageError

#: Where a test arms a worker fault: ``<dir>/<stage>`` holding "once" or "always" (see ``fault``).
FAULT_DIR_ENV = "TEXTAUDIT_RAY_FAULT_DIR"
#: Ray's own setting (read by the raylet it starts): how much nicer than the driver workers run.
WORKER_NICENESS_ENV = "RAY_worker_niceness"
#: Added to a worker's import error: the usual cause on a real cluster.
_MISSING_HINT = " (every node of the cluster needs textaudit and its model installed, as on this machine)"
#: Seconds to wait for a cluster address to answer before saying it cannot be reached.
PROBE_S = 5.0
#: The longest a ``hold`` fault keeps a worker busy (tests remove the file sooner).
HOLD_S = 120.0
#: Retries of a task (or restarts of an actor) whose worker process died.
RETRIES = 2
_lock = threading.Lock()
_owned = False
_address: str | None = None
_fault_sink: object = None  # the null device faulthandler writes to when stderr is unusable


class RayStageError(TextauditError):
    """A distributed stage failed (a worker died more often than it is retried, or the cluster went)."""


def ray_missing_reason() -> str | None:
    """None when Ray (with Ray Data) can be imported, else why not, in one line."""
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError as exc:
        return f"Ray is not installed ({exc.name or exc}); pip install 'textaudit[ray]'"
    return None


def connect(address: str | None = None, num_cpus: int | None = None) -> None:
    """Start a local Ray instance or join ``address`` (``auto`` or ``host:port``), once per process."""
    global _owned, _address
    missing = ray_missing_reason()
    if missing:
        raise UsageError(f"--ray: {missing}")
    import ray

    with _lock:
        if ray.is_initialized():
            return
        _quiet()
        _fault_handler_on_a_real_stream()
        local = address in (None, "", "local")
        # ray.init (on the main thread) sets SIGTERM to its own handler (sys.exit(15); its core worker's
        # fault handler prints a stack first) for the rest of the process: the CLI's own handler (cleanup,
        # one line, exit 130) is put back, and pools forked later do not inherit Ray's.
        term = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
        try:
            if local:
                # Ray starts its workers 15 nice levels below the driver; here they do the work
                # the local path does at the driver's priority, so on a shared machine they would
                # get a fraction of the CPU it gets (bench/README.md, Ray). A user's setting wins.
                os.environ.setdefault(WORKER_NICENESS_ENV, "0")
                cpus = num_cpus or os.cpu_count() or 1
                ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.ERROR, configure_logging=True)
            else:
                reachable(address)  # Ray itself retries an unreachable address for minutes, loudly
                ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
        except UsageError:
            raise
        except ConnectionError as exc:
            if address == "auto" and "running Ray instance" in str(exc):  # Ray's words name its own --address flag
                where = f"RAY_ADDRESS={os.environ['RAY_ADDRESS']}" if os.environ.get("RAY_ADDRESS") else "RAY_ADDRESS unset"
                raise UsageError(f"--ray auto: no running Ray cluster found (none started on this machine, {where}); "
                                 "start one with `ray start --head`, give host:port, or use --ray alone for a local "
                                 "instance") from None
            raise UsageError(f"--ray {address}: cannot join the Ray cluster ({_first_line(exc)})") from None
        except Exception as exc:  # noqa: BLE001 - Ray raises many kinds; the user needs one line
            raise UsageError(f"--ray: Ray did not start ({type(exc).__name__}: {_first_line(exc)})") from None
        finally:
            if term is not None:
                signal.signal(signal.SIGTERM, term)
        _owned, _address = local, address
        if local:
            atexit.register(shutdown)
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False


def reachable(address: str, timeout_s: float = PROBE_S) -> None:
    """Raise a one-line :class:`UsageError` unless ``address`` (``host:port`` or
    ``ray://host:port``) accepts a TCP connection within ``timeout_s``; ``auto`` is Ray's own
    lookup (a running local cluster or ``$RAY_ADDRESS``), which fails at once."""
    if address == "auto":
        return
    scheme = address.partition("://")[0] if "://" in address else "ray"
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not host or not port.isdecimal() or not 0 < int(port) < 65536 or scheme != "ray":
        # 'http://head:8265' (the dashboard's address, the one a browser shows) was probed as the
        # host 'http://head' ('Name or service not known'); port 99999 as 'Connection refused'
        why = (f" ({scheme}:// is not Ray's; the dashboard's http address is not the cluster's)" if scheme != "ray"
               else f" (port {port} is out of range)" if port.isdecimal() and sep and host else "")
        raise UsageError(f"--ray {address}: not a Ray address{why}; use auto, host:port or ray://host:port")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s).close()
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or type(exc).__name__)
        raise UsageError(f"--ray {address}: cannot reach a Ray cluster there ({reason}); "
                         "start one with `ray start --head` or check the address") from None


def shutdown() -> None:
    """Stop the local Ray instance this process started (a joined cluster is only left)."""
    global _owned
    try:
        import ray
    except ImportError:
        return
    with _lock:
        if ray.is_initialized():
            ray.shutdown()
        _owned = False


def _quiet() -> None:
    """No Ray log lines on the terminal (the TUI draws there; --format json prints to stdout)."""
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    # Ray's C++ core logs ERROR lines on this process's stderr (e.g. about actors' constructor
    # arguments), where the TUI draws; failures still reach textaudit as exceptions. (Ray itself
    # then logs one INFO line saying it read this setting.)
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    import warnings

    warnings.filterwarnings("ignore", module=r"ray(\.|$)")  # Ray Data's concurrency advice, deprecations
    for name in ("ray", "ray.data", "ray.train", "ray.tune"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _fault_handler_on_a_real_stream() -> None:
    """Turn Python's fault handler on before ``ray.init`` does. Ray enables it on ``sys.stderr``
    and lets only ``io.UnsupportedOperation`` pass; inside the TUI ``sys.stderr`` is Textual's
    print capture, whose ``fileno()`` is -1, so faulthandler raised RuntimeError and every
    ``browse --ray`` / ``serve --ray`` failed ('Ray did not start'). Here it goes to the real
    stderr (a crash's trace is what the terminal should show), else to the null device."""
    import faulthandler

    if faulthandler.is_enabled():
        return
    try:
        faulthandler.enable(file=sys.__stderr__, all_threads=False)
    except (AttributeError, ValueError, RuntimeError, OSError):  # no usable stderr (closed, None, not a file)
        global _fault_sink
        _fault_sink = open(os.devnull, "w")  # noqa: SIM115 - kept open: faulthandler writes to it on a crash
        faulthandler.enable(file=_fault_sink, all_threads=False)


def cluster_gpus() -> int:
    """How many GPUs the joined cluster has (0 on this kind of machine)."""
    import ray

    return int(ray.cluster_resources().get("GPU", 0))


def node_cpus() -> list[tuple[str, int]]:
    """(node id, CPUs) of each alive node with CPUs, the largest first."""
    import ray

    nodes = ((node["NodeID"], int(node.get("Resources", {}).get("CPU", 0))) for node in ray.nodes() if node.get("Alive"))
    return sorted(((node, cpus) for node, cpus in nodes if cpus > 0), key=lambda item: -item[1])


def cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def gather(
    refs: Sequence[Any], stage: str, *, on_done: Callable[[int, Any], None] | None = None,
    cancel: threading.Event | None = None, poll_s: float = 0.2,
) -> list[Any]:
    """The values of ``refs`` in their order; ``on_done(i, value)`` as each finishes.

    A set ``cancel`` cancels every ref still running (``ray.cancel(force=True)``: a running
    task's worker exits at once) and raises :class:`Cancelled`. A task whose worker died more
    often than it is retried, or an actor that cannot be restarted, raises
    :class:`RayStageError` with one line; a textaudit error raised inside a task is re-raised
    as itself.
    """
    import ray

    position = {ref: i for i, ref in enumerate(refs)}
    values: list[Any] = [None] * len(refs)
    pending = list(refs)
    try:
        while pending:
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"{stage} cancelled")
            ready, pending = ray.wait(pending, num_returns=1, timeout=poll_s)
            for ref in ready:
                value = ray.get(ref)
                values[position[ref]] = value
                if on_done is not None:
                    on_done(position[ref], value)
    except BaseException as exc:
        for ref in pending:
            try:
                ray.cancel(ref, force=True)
            except Exception:  # noqa: BLE001 - an actor task cannot be force-cancelled: it is left to finish
                try:
                    ray.cancel(ref)
                except Exception:  # noqa: BLE001
                    pass
        raise translate(exc, stage) from None
    return values


def translate(exc: BaseException, stage: str) -> BaseException:
    """Ray's exception as textaudit's: the user error inside, or one line about the cluster."""
    try:
        import ray.exceptions as rex
    except ImportError:
        return exc
    if isinstance(exc, rex.RayTaskError):
        cause = getattr(exc, "cause", None)
        if isinstance(cause, TextauditError):
            return cause
        if isinstance(cause, BaseException) and not isinstance(cause, rex.RayError):
            return RayStageError(f"{stage} failed on a Ray worker: {type(cause).__name__}: {_first_line(cause)}"
                                 f"{_MISSING_HINT if isinstance(cause, ImportError) else ''}")
    if isinstance(exc, (rex.WorkerCrashedError, rex.ActorDiedError, rex.ActorUnavailableError,
                        rex.NodeDiedError, rex.ObjectLostError, rex.OutOfMemoryError)):
        return RayStageError(f"{stage}: a Ray worker died and the {RETRIES} retries failed too "
                             f"({type(exc).__name__}); nothing of this stage was cached")
    if isinstance(exc, rex.TaskCancelledError):
        return Cancelled(f"{stage} cancelled")
    if isinstance(exc, rex.RayError):
        line = _first_line(exc)
        return RayStageError(f"{stage} failed in Ray: {type(exc).__name__}: {line}"
                             f"{_MISSING_HINT if 'No module named' in line else ''}")
    return exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def fault(stage: str) -> None:
    """Fault injection for the tests: when ``$TEXTAUDIT_RAY_FAULT_DIR/<stage>`` exists, the
    worker process that finds it dies at once (``os._exit``), as if killed; a file holding
    ``once`` is removed first, so the retry succeeds. ``hold`` keeps the worker busy until the
    file is removed (at most ``HOLD_S``): a stage that is surely still running when cancelled."""
    folder = os.environ.get(FAULT_DIR_ENV)
    if not folder:
        return
    path = os.path.join(folder, stage)
    try:
        with open(path, encoding="utf-8") as handle:
            mode = handle.read().strip()
    except OSError:
        return
    if mode == "hold":
        import time

        deadline = time.monotonic() + HOLD_S
        while os.path.exists(path) and time.monotonic() < deadline:
            time.sleep(0.05)
        return
    if mode == "once":
        try:
            os.unlink(path)
        except OSError:
            return  # another worker took this fault
    os._exit(1)
