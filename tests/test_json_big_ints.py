"""A JSON or JSONL file holding an integer of over 4,300 digits was refused: 'cannot parse as jsonl: Exceeds
the limit (4300 digits) for integer string conversion ... use sys.set_int_max_str_digits()' (exit 1), and
--issues-out an internal error (exit 70), though README promises integers 'of any size' (hostile40). Such
integers now read, audit and write back exactly (engine/big_ints.py lifts Python's limit while textaudit
reads, checks or writes the user's file, and restores it after)."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from engine.corrections import Journal
from engine.export import export_corrected
from engine.load import load_dataset

BIG = "9" * 5000
WORDS = {"x": "card payment declined refund".split(), "y": "transfer pending account balance".split()}


def _jsonl() -> str:
    lines = []
    for i in range(24):
        label = "xy"[i % 2]
        text = " ".join(WORDS[label][(i + k) % 4] for k in range(5))
        ident = BIG if i == 5 else str(i)
        extra = f"-{BIG}" if i == 7 else f"[1, {BIG}]" if i == 9 else "2"
        lines.append(f'{{"id": {ident}, "text": "{text} {i}", "label": "{label}", "extra": {extra}}}\n')
    return "".join(lines)


def _export(source: Path, out: Path, decisions=()) -> str:
    dataset = load_dataset(source)
    journal = source.with_name(source.name + ".journal.jsonl")
    with Journal.open(journal, dataset) as opened:
        for row, label in decisions:
            opened.record("relabel", row, label_after=label, issue_type="label")
    export_corrected(dataset, journal, out)
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["jsonl", "json"])
def test_a_5000_digit_integer_loads_and_exports_byte_exact(tmp_path: Path, kind: str) -> None:
    text = _jsonl() if kind == "jsonl" else "[" + ",\n".join(_jsonl().splitlines()) + "]\n"
    source = tmp_path / f"in.{kind}"
    source.write_text(text, encoding="utf-8")
    limit = sys.get_int_max_str_digits()
    assert _export(source, tmp_path / f"same.{kind}") == text  # untouched: byte for byte
    relabelled = _export(source, tmp_path / f"out.{kind}", decisions=((2, "y"),))
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace('"label": "x"', '"label": "y"')
    assert relabelled == "".join(lines)  # the relabelled record only
    assert BIG in _export(source, tmp_path / "out.csv")  # converted: every digit
    assert sys.get_int_max_str_digits() == limit  # restored for other code


def test_the_cli_audits_it_and_writes_the_id_in_issues_out(tmp_path: Path) -> None:
    from tui.cli import main

    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(), encoding="utf-8")
    limit = sys.get_int_max_str_digits()
    for name in ("issues.jsonl", "issues.csv"):
        out = tmp_path / name
        assert main(["audit", str(source), "--model", "tfidf", "--id-column", "id", "--issues-out", str(out),
                     "--cache-dir", str(tmp_path / "c")]) == 0
        assert BIG in out.read_text(encoding="utf-8")
    exported = tmp_path / "out.jsonl"
    journal = tmp_path / "none.jsonl"
    journal.write_text("", encoding="utf-8")
    assert main(["export", str(source), "--journal", str(journal), "--output", str(exported)]) == 0
    assert exported.read_text(encoding="utf-8") == _jsonl()
    assert sys.get_int_max_str_digits() == limit


def test_the_limit_comes_back_only_when_the_last_thread_leaves() -> None:
    from engine.big_ints import any_size_ints

    limit = sys.get_int_max_str_digits()
    entered, leave = threading.Event(), threading.Event()

    def other() -> None:
        with any_size_ints():
            entered.set()
            leave.wait(30)

    worker = threading.Thread(target=other)
    with any_size_ints():
        worker.start()
        entered.wait(30)
    assert json.loads(BIG) == int(BIG)  # the other thread is still inside: still lifted
    leave.set()
    worker.join(30)
    assert sys.get_int_max_str_digits() == limit
    if limit:
        with pytest.raises(ValueError):
            int(BIG)  # other code keeps Python's guard
