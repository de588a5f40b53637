"""A guessed label column is said as the data loads, before the embedding's minutes, not only after the audit.

walk36: 'textaudit audit banking77/test.csv' printed 'label column: category (guessed; --label-column to choose)'
after '[ 53.9s] audit' (ag_news: after 6.5 minutes); 'browse' showed it on the summary only. A wrong guess
is now said while the audit can still be cancelled: a load notice, on stderr and the progress screen.
"""

from __future__ import annotations

from pathlib import Path

from engine.load import load_dataset
from tui.cli import main

NOTE = "label column: category (guessed; --label-column to choose)"


def _category_csv(tmp_path: Path) -> Path:
    rows = [f"please {verb} my {thing} {i},{cat}" for i in range(6)
            for verb, thing, cat in [("block", "card", "card"), ("reset", "pin", "pin"), ("show", "balance", "balance")]]
    path = tmp_path / "tickets.csv"
    path.write_text("text,category\n" + "\n".join(rows) + "\n")
    return path


def test_the_guess_is_a_load_notice(tmp_path):
    dataset = load_dataset(_category_csv(tmp_path))
    assert dataset.notices[0] == NOTE and dataset.warnings[0] == NOTE


def test_audit_says_the_guess_before_it_embeds(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["audit", str(_category_csv(tmp_path)), "--model", "tfidf", "--no-cache"]) == 0
    lines = capsys.readouterr().err.splitlines()
    said = lines.index(f"textaudit: note: {NOTE}")
    embed = next(i for i, line in enumerate(lines) if line.endswith("] embed"))
    assert said < embed, lines
    # once: it was said again after the audit, 'textaudit: label column: category (guessed; ...)' (walk38)
    assert sum(NOTE in line for line in lines) == 1, lines
