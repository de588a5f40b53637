"""Every path shown for copy-paste into a shell is one word bash reads back as that path (engine/paths.shell_word):
the exit line, the export toasts and the export line printed '/x/my export file.csv' unquoted (fix40c's 'left'),
which pasted split in three, while a Latin-1 byte was already spelled $'\\xe9' (bd2bd85)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from engine.errors import DataError
from engine.export import ExportSummary
from engine.paths import shell_word
from tui.app import TextauditApp
from tui.decisions import DecisionBook
from tui.decisions_farewell import farewell_line
from tui.launch import export_line
from tui.messages import ExportFinished

SPACED = Path("/tmp/my data/it's out.csv")
SHOWN = "'/tmp/my data/it'\"'\"'s out.csv'"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_reads_each_word_back_as_the_path() -> None:
    rng = random.Random(7)
    letters = [*"ab ./-_~'\"$`\\!*?[](){}<>|&;#=%@:,\t\n\x1b\x07\x7f", "é", "日", "\u202e", "\xa0", "\x85",
               *(chr(0xDC00 + b) for b in (0x80, 0x9b, 0xe9, 0xff, 0xc3, 0xa9))]
    names = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(1500)]
    script = "".join(f"printf '%s\\0' {shell_word(name)}\n" for name in names)
    done = subprocess.run(["bash", "-c", script], capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert done.stdout.split(b"\0")[:-1] == [name.encode("utf-8", "surrogateescape") for name in names]
    assert shell_word("/d/out.csv") == "/d/out.csv" and shell_word("/d/café.csv") == "/d/café.csv"  # no quotes needed
    assert shell_word("/d/nof\udce9.csv") == "/d/nof$'\\xe9'.csv"  # as the export dialog spells the byte


def test_the_exit_lines_quote_the_journal_and_export_paths() -> None:
    book = DecisionBook(None, 4, ["a", "b"], problem="read-only")
    assert farewell_line(book, Path("/tmp/my data/d.corrections.jsonl")).endswith(
        "0 rows decided in '/tmp/my data/d.corrections.jsonl'")
    app = SimpleNamespace(book=SimpleNamespace(journal=SimpleNamespace(next_seq=3)), exported=None,
                          exports=[ExportSummary(SPACED, 5, 1, 0, 0, journal_seq=3)],
                          export_failed=(Path("/full/my a.csv"), DataError("cannot write /full/my a.csv: No space")))
    assert export_line(app) == [f"textaudit: exported 5 rows to {SHOWN} this session (1 relabelled, 0 excluded)",
                                "textaudit: export to '/full/my a.csv' failed: cannot write it: No space"]


def test_the_export_toasts_and_the_export_line_quote_the_path() -> None:
    said: list[str] = []
    summary = ExportSummary(SPACED, 5, 1, 0, 0, fmt="csv", journal_seq=3)
    app = SimpleNamespace(book=SimpleNamespace(journal=SimpleNamespace(next_seq=3)), exporting={os.path.realpath(SPACED)},
                          notify=lambda text, **_: said.append(text), run_export=lambda request: None)
    TextauditApp.on_export_finished(app, ExportFinished(summary))
    TextauditApp._export_confirmed(app, SimpleNamespace(output=SPACED))  # still running: refused
    app.exporting.clear()
    TextauditApp._export_confirmed(app, SimpleNamespace(output=SPACED))
    assert said == [f"wrote 5 rows to {SHOWN} (1 relabelled, 0 excluded)",
                    f"not exported: the export to {SHOWN} is still running; export again once it is done",
                    f"exporting to {SHOWN}…"]
    assert summary.line() == f"wrote 5 rows to {SHOWN} (csv): 1 relabelled, 0 excluded, 0 kept as is"
