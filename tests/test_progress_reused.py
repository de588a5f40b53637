"""Progress says how many texts the embedding reused: reopening a dataset whose earlier, cancelled
audit cached 6,618 of its 63,697 texts showed 'embed 57,079 texts' with no word of the 6,618 until
the summary's notes (walk31, Debian index in tmux). The embed stage's reports carry ``reused``; the
progress screen and the CLI's progress line say it beside the count of texts still to embed."""

from __future__ import annotations

import io

import pandas as pd
from rich.cells import cell_len

from engine.pipeline import AuditOptions, run_audit
from engine.progress import Progress
from tui.cli_progress import _StderrProgress
from tui.screens.progress import StageClock

SAID = "57,079 texts (+6,618 reused from cache)"


def test_the_pipeline_reports_the_reused_texts(three_class_csv, tmp_path):
    frame = pd.read_csv(three_class_csv)
    options = AuditOptions(id_column="id", cache_root=str(tmp_path / "cache"))
    run_audit(frame.iloc[::3], options)  # a third of the texts, each class among them: cached
    reports: list[Progress] = []
    run_audit(frame, options, progress=reports.append)
    embed = [r for r in reports if r.stage == "embed" and r.total > 1]
    texts = frame["text"].fillna("")
    found = int(texts.isin(set(texts.iloc[::3])).sum())  # those rows, and any copy of their texts
    assert embed and all(r.reused == found and r.total == len(frame) - found for r in embed), embed
    assert embed[0].message.startswith("loading")  # the report before the first count says it too
    reports.clear()
    run_audit(frame, AuditOptions(id_column="id", cache_root=str(tmp_path / "other")), progress=reports.append)
    assert all(r.reused == 0 for r in reports)  # nothing cached there: nothing said


def test_the_stage_line_says_the_reused_texts():
    clock = StageClock("embed", 0.0)
    clock.report(1.0, 0, 57_079, "loading all-MiniLM-L6-v2", 6_618)
    assert clock.line(1.5) == f"embed      loading all-MiniLM-L6-v2, then {SAID} · 1.5s"
    clock.report(2.0, 1_024, 57_079, "", 6_618)
    clock.report(3.0, 2_048, 57_079, "", 6_618)
    line = clock.line(3.0)
    assert line.startswith(f"embed      2,048/{SAID} · 1,024 texts/s · ~"), line
    for width in (76, 70, 60, 46, 36):  # 80 columns and fewer: within the width, the clock kept
        line = clock.line(3.0, width)
        assert cell_len(line) <= width and line.endswith(" · 3.0s"), (width, line)
    assert SAID in clock.line(3.0, 76)  # 80 columns: the speed gives way first
    assert "texts (+6,618 reused) · ~" in clock.line(3.0, 70)  # then the short form, the time left kept
    clock.finished = 9.0
    assert clock.line(9.0) == f"embed      done in 9.0s · {SAID}"
    plain = StageClock("embed", 0.0)
    plain.report(1.0, 5, 10, "")
    assert "reused" not in plain.line(1.0)  # nothing reused: nothing said


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_progress_says_the_reused_texts(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = _StderrProgress()
    progress(Progress("embed", 1_024, 57_079, "", reused=6_618))
    assert SAID in terminal.getvalue(), terminal.getvalue()
    progress.close()
    log = io.StringIO()  # not a terminal: a line per stage, and one saying the reused texts
    monkeypatch.setattr("sys.stderr", log)
    progress = _StderrProgress()
    progress(Progress("embed", 0, 1, "starting"))
    progress(Progress("embed", 0, 57_079, "loading all-MiniLM-L6-v2", reused=6_618))
    progress(Progress("embed", 1_024, 57_079, reused=6_618))
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].endswith("] embed") and lines[1].endswith(f"] embed: {SAID}"), lines
