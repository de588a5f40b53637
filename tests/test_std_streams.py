"""A standard stream the shell closed: `textaudit audit d.csv >&-` printed the report nowhere and
exited 0; no file opened later may take a closed stream's number."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import says_csv

REPO = Path(__file__).resolve().parents[1]


def _run(argv: list[str], tmp_path: Path, close: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    pipes = {1: {"stderr": subprocess.PIPE}, 2: {"stdout": subprocess.PIPE}}[close]
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=REPO, env=env, text=True, timeout=300,
                          preexec_fn=lambda: os.close(close), **pipes)


def _data(tmp_path: Path) -> Path:
    return says_csv(tmp_path / "d.csv", 30)


def test_audit_with_stdout_closed_is_an_error(tmp_path):
    done = _run(["audit", str(_data(tmp_path)), "--model", "tfidf"], tmp_path, close=1)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "textaudit: error: stdout is closed: nowhere to print the report (redirect it to a file or /dev/null)"]


def test_audit_with_stdout_closed_still_writes_its_issues_out_table(tmp_path):
    """A script that wants only the table (`audit d.csv --issues-out t.csv >&-`) gets it, exit 0."""
    table = tmp_path / "t.csv"
    done = _run(["audit", str(_data(tmp_path)), "--model", "tfidf", "--issues-out", str(table)], tmp_path, close=1)
    assert done.returncode == 0, done.stderr
    assert len(table.read_text().splitlines()) == 31  # header + every row


def test_export_with_stdout_closed_still_writes_its_file(tmp_path):
    data = _data(tmp_path)
    (tmp_path / "j.jsonl").write_text("")
    out = tmp_path / "out.csv"
    done = _run(["export", str(data), "--journal", str(tmp_path / "j.jsonl"), "-o", str(out)], tmp_path, close=1)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == data.read_bytes()


def test_a_closed_descriptor_is_not_handed_to_the_next_file(tmp_path):
    code = ("import os; os.close(1); os.close(2)\n"
            "from tui.std_streams import reopen_closed_std_fds\n"
            "closed = reopen_closed_std_fds()\n"
            "fd = os.open(os.devnull, os.O_RDONLY)\n"
            "os.write(1, b'')\n"  # open again, on /dev/null
            "raise SystemExit(0 if closed == {1, 2} and fd > 2 else 3)\n")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO, timeout=60).returncode == 0


def _named_data(tmp_path: Path) -> Path:
    path = tmp_path / "d.csv"
    path.write_text("text,label\n" + "".join(f"row {i} says {'yes' if i % 2 else 'no'},{['café', '日本'][i % 2]}\n"
                                             for i in range(30)), encoding="utf-8")
    return path


def _run_in(env_extra: dict[str, str], argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache"), "TEXTAUDIT_DEBUG": "", **env_extra}
    return subprocess.run([sys.executable, "-m", "tui.cli", *argv], cwd=tmp_path, env=env, capture_output=True,
                          timeout=300)


def test_a_report_naming_non_ascii_labels_prints_on_an_ascii_stdout(tmp_path):
    """PYTHONIOENCODING=ascii (or a Latin-1 / cp1252 terminal): the report's 'café' ended the audit
    in 'internal error: UnicodeEncodeError', exit 70, no report. Now escaped, as Python writes stderr."""
    done = _run_in({"PYTHONIOENCODING": "ascii"}, ["audit", str(_named_data(tmp_path)), "--model", "tfidf"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"caf\\xe9" in done.stdout and b"Traceback" not in done.stderr


def test_an_export_under_an_ascii_stdout_says_where_it_wrote(tmp_path):
    """The export's file was written, then its summary line ('wrote ... to sortie_é.csv') failed:
    exit 70, 'internal error', for a file that was complete."""
    data = _named_data(tmp_path)
    (tmp_path / "j.jsonl").write_text("")
    done = _run_in({"PYTHONIOENCODING": "ascii"}, ["export", str(data), "--journal", "j.jsonl", "-o", "sortie_é.csv"],
                   tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"sortie_\\xe9.csv" in done.stdout
    assert (tmp_path / "sortie_é.csv").read_bytes() == data.read_bytes()


def test_the_c_locale_prints_a_file_name_as_its_bytes(tmp_path):
    """Without UTF-8 mode the C locale reads 'é' in a file name as two escaped bytes: the summary
    line writes those bytes back (the name as the shell shows it), and 'café' in a label as '\\xe9'."""
    data = _named_data(tmp_path)
    (tmp_path / "j.jsonl").write_text("")
    done = _run_in({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
                   ["export", str(data), "--journal", "j.jsonl", "-o", "sortie_é.csv"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "sortie_é.csv".encode() in done.stdout
    done = _run_in({"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
                   ["audit", str(data), "--model", "tfidf"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert b"caf\\xe9" in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_export_whose_summary_line_cannot_be_printed_is_still_written(tmp_path):
    """'export ... > /dev/full' (a full disk under a redirect) wrote its file whole, then said
    'error: cannot write the output: No space left on device', exit 1: as if the export had failed."""
    data = _data(tmp_path)
    (tmp_path / "j.jsonl").write_text("")
    out = tmp_path / "out.csv"
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "tui.cli", "export", str(data), "--journal",
                               str(tmp_path / "j.jsonl"), "-o", str(out)], cwd=tmp_path, stdout=full,
                              env={**os.environ, "TEXTAUDIT_DEBUG": ""}, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"textaudit: warning: cannot write to stdout (No space left on device); "
                                        f"wrote 30 rows to {out} (csv): 0 relabelled, 0 excluded, 0 kept as is"]
    assert out.read_bytes() == data.read_bytes()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_a_non_blocking_stdout_gets_the_whole_report(tmp_path):
    """A stdout another process left non-blocking (a Node.js parent, a crashed full-screen program):
    through a full pipe 'audit' printed the first 4,096 bytes of its report, exit 0, nothing said."""
    import fcntl
    import termios
    import time

    argv = [sys.executable, "-m", "tui.cli", "audit", str(_named_data(tmp_path)), "--model", "tfidf"]
    env = {**os.environ, "TEXTAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    whole = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, timeout=300).stdout
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    fcntl.fcntl(write, 1031, 4096)  # F_SETPIPE_SZ: a report is more than the pipe holds
    done = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=write, stderr=subprocess.DEVNULL)
    os.close(write)

    def waiting_bytes() -> int:
        held = bytearray(4)
        fcntl.ioctl(read, termios.FIONREAD, held)
        return int.from_bytes(held, sys.byteorder)

    # the reader comes late, as a busy one does: nothing is read until the pipe is full (or the run
    # ended), then a moment more, in which a writer that does not wait drops the rest
    while done.poll() is None and waiting_bytes() < 4096:
        time.sleep(0.05)
    time.sleep(0.5)
    received = b""
    while chunk := os.read(read, 65536):
        received += chunk
    os.close(read)
    assert done.wait(timeout=300) == 0
    assert len(whole) > 4096 and received == whole


def test_a_non_blocking_stdout_on_windows_is_left_as_it_is(monkeypatch):
    """select() takes only sockets on Windows: the waiting writer would raise there on its first
    full pipe, so Windows keeps Python's own stdout."""
    import io

    from tui.std_streams import waiting_stdout

    read_end, write_end = os.pipe()
    try:
        os.set_blocking(write_end, False)
        stream = io.TextIOWrapper(io.FileIO(write_end, "w", closefd=False))
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setattr(sys, "platform", "win32")
        waiting_stdout()
        assert sys.stdout is stream
        monkeypatch.setattr(sys, "platform", "linux")
        waiting_stdout()
        assert sys.stdout is not stream  # elsewhere it waits (the test above)
    finally:
        os.close(read_end)
        os.close(write_end)
