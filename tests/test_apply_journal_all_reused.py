"""``textaudit audit --apply-journal`` after an exclusion says every kept text's vectors were reused.

It printed 'note: reused the vectors of 257 of 257 texts embedded by earlier audits; encoded 0'
(ui27, the demo with one row excluded), which read as if nothing had been embedded or checked; the
app's re-audit said 'reused the vectors of all 257 texts embedded by earlier audits' (289c020, a
rewrite in the TUI only). The pipeline's note now says it so on every path; a partial reuse keeps
its counts and 'encoded N'.
"""

from __future__ import annotations

import re
from pathlib import Path

from engine.corrections import Journal
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from tui.cli import main


def test_the_cli_says_all_texts_were_reused(demo_csv: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    run_audit(demo_csv, AuditOptions(id_column="id", cache_root=str(cache)))  # every text embedded
    dataset = load_dataset(demo_csv, id_column="id")
    journal = tmp_path / "demo.corrections.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("exclude", 0, issue_type="label")
    assert main(["audit", str(demo_csv), "--id-column", "id", "--apply-journal", str(journal),
                 "--cache-dir", str(cache)]) == 0
    out = capsys.readouterr().out
    kept = len(dataset) - 1
    assert "encoded 0" not in out, out
    assert f"reused the vectors of all {kept:,} texts embedded by earlier audits" in out, out


def test_a_partial_reuse_keeps_its_counts(demo_csv: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    head = tmp_path / "head.csv"
    lines = demo_csv.read_text().splitlines(keepends=True)
    head.write_text("".join(lines[:201]))  # 200 rows embedded first
    run_audit(head, AuditOptions(id_column="id", cache_root=str(cache), issue_types=("label",)))
    result = run_audit(demo_csv, AuditOptions(id_column="id", cache_root=str(cache), issue_types=("label",)))
    notes = [n for n in result.run_notes if n.startswith("reused the vectors")]
    total = len(result.dataset)
    assert len(notes) == 1, result.run_notes
    match = re.fullmatch(r"reused the vectors of ([\d,]+) of ([\d,]+) texts embedded by earlier audits; encoded ([\d,]+)",
                         notes[0])
    assert match is not None, notes
    found, of, encoded = (int(g.replace(",", "")) for g in match.groups())
    assert 200 <= found < total == of and 0 < encoded <= total - found, notes
