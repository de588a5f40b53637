"""``--no-cache`` skips the disk cache, but the texts a run embedded are not embedded again in that run:
a re-audit (``R`` in the app, ``audit --apply-journal``) and More like this embedded every text anew
(README: R re-audits with the cached vectors; under --no-cache there were none, and nothing said so).
The vectors this process embedded are reused from memory; nothing is written to the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import engine.embed
from engine.corrections import Journal
from engine.load import load_dataset

TOPICS = {"a": "my card was lost at the station please block it", "b": "how do I change the pin of my card"}


def _data_and_journal(folder: Path) -> tuple[Path, Path]:
    data = folder / "d.csv"
    pd.DataFrame([(f"{TOPICS[label]} number {i}", label) for i, label in enumerate("ab" * 15)],
                 columns=["text", "label"]).to_csv(data, index=False)
    journal = folder / "j.jsonl"
    with Journal.open(journal, load_dataset(data)) as writer:
        writer.record("exclude", 3, issue_type="label")
        writer.record("relabel", 4, label_after="b", issue_type="label")
    return data, journal


def test_audit_apply_journal_no_cache_embeds_each_text_once(tmp_path, monkeypatch, capsys, encoded):
    from tui.cli import main

    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    data, journal = _data_and_journal(tmp_path)
    # the model's texts counted: no TF-IDF view (corpus-wide vectors, computed for each copy)
    assert main(["audit", str(data), "--apply-journal", str(journal), "--no-cache", "--second-view", "none"]) == 0, \
        capsys.readouterr().err
    assert sum(encoded) == 30  # was 30 + 29: the corrected copy embedded again
    assert "resolved" in capsys.readouterr().out
    assert not any((tmp_path / "cache").rglob("manifest.json"))  # still nothing cached


def test_the_apps_reaudit_and_more_like_this_reuse_the_runs_vectors(tmp_path, encoded):
    """The app's way: R re-audits with the audit's own options (and that audit), More like this asks
    for the audit's vectors; both gave the model every text again."""
    from engine.pipeline import audit_vectors, run_audit
    from engine.reaudit import reaudit
    from tui.cli import audit_options
    from tui.cli_parser import build_parser

    data, journal = _data_and_journal(tmp_path)
    options = audit_options(build_parser().parse_args(["browse", str(data), "--no-cache", "--second-view", "none"]))
    before = run_audit(data, options)
    assert sum(encoded) == 30
    after = reaudit(before.dataset, before.options, journal, before=before)
    vectors = audit_vectors(before.dataset, before.options)
    assert sum(encoded) == 30
    assert any("reused the vectors of all 29 texts embedded earlier in this session" in n for n in after.after.notes)
    fresh = engine.embed.embed_texts(list(before.dataset.texts))
    np.testing.assert_allclose(vectors, fresh, atol=1e-6)


def test_without_no_cache_options_carry_no_session_vectors(tmp_path):
    from tui.cli import audit_options
    from tui.cli_parser import build_parser

    data, _ = _data_and_journal(tmp_path)
    assert audit_options(build_parser().parse_args(["browse", str(data)])).session_vectors is None
