"""A cancelled embedding keeps the texts it finished: the next start encodes only the rest.

Walking long work in tmux (3,000 ag_news rows, an empty cache): escape during the embedding left
nothing in the cache, and the reopen embedded every text again. Chunks finished before the cancel
are now stored as an embeddings entry the per-text reuse finds (engine/text_vectors)."""

from __future__ import annotations

import functools
import threading

import numpy as np
import pandas as pd
import pytest

import engine.embed
from engine.errors import EmbedCancelled
from engine.pipeline import AuditOptions, run_audit

CHUNK = 16


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 16 texts: a cancel after the first chunks keeps those (the default is 2,048)."""
    monkeypatch.setattr(engine.embed, "embed_texts", functools.partial(engine.embed.embed_texts, chunk_size=CHUNK))


def texts_with_copies(demo_csv) -> list[str]:
    texts = pd.read_csv(demo_csv)["text"].fillna("").tolist()[:120]
    return texts + texts[:10]  # copies: each is kept with its original


def test_the_kept_vectors_are_those_a_whole_run_gives(demo_csv, small_chunks):
    texts = texts_with_copies(demo_csv)
    whole = engine.embed.embed_texts(texts)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 2 * CHUNK:
            cancel.set()

    with pytest.raises(EmbedCancelled) as caught:
        engine.embed.embed_texts(texts, progress=progress, cancel=cancel)
    rows = np.asarray(caught.value.rows)
    assert CHUNK <= len(rows) < len(texts)
    assert len(set(rows.tolist())) == len(rows)
    np.testing.assert_allclose(caught.value.vectors, whole[rows], atol=1e-6)
    copies = {i for i in range(120, 130) if (i - 120) in set(rows.tolist())}
    assert copies <= set(rows.tolist())  # a kept text's copy is kept too


def test_a_cancelled_audit_keeps_its_chunks_and_the_next_encodes_the_rest(demo_csv, tmp_path, small_chunks):
    frame = pd.read_csv(demo_csv)
    options = AuditOptions(id_column="id", cache_root=str(tmp_path / "cache"))
    cancel = threading.Event()

    def progress(report) -> None:
        if report.stage == "embed" and report.total > 1 and report.done >= 2 * CHUNK:
            cancel.set()

    with pytest.raises(EmbedCancelled) as caught:
        run_audit(frame, options, progress=progress, cancel=cancel)
    kept = caught.value.kept
    assert CHUNK <= kept < len(frame)
    result = run_audit(frame, options)
    distinct = len(set(frame["text"].fillna("").tolist()))
    assert any(note.startswith(f"reused the vectors of {kept:,} of {len(frame):,} texts") for note in result.run_notes), \
        result.run_notes
    assert not any(f"encoded {distinct:,}" in note for note in result.run_notes)


def test_the_cli_says_how_many_texts_it_kept(tmp_path, monkeypatch, capsys):
    from tui import cli
    from tui.interrupts import INTERRUPTED

    data = tmp_path / "d.csv"
    data.write_text("text,label\na,x\nb,y\n")

    def interrupted(args) -> int:
        INTERRUPTED.set()  # as Ctrl+C does, then the pipeline's EmbedCancelled with what it kept
        stopped = EmbedCancelled([0, 1], None)
        stopped.kept = 2048
        raise stopped

    monkeypatch.setitem(cli._COMMANDS, "audit", interrupted)
    try:
        assert cli.main(["audit", str(data)]) == 130
    finally:
        INTERRUPTED.clear()
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert lines == ["textaudit: interrupted; the vectors of 2,048 texts embedded by then are cached (the next run "
                     "embeds only the rest)"]
