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
    assert lines == ["textaudit: interrupted; the vectors of 2,048 texts are cached (the next run embeds only the "
                     "rest)"]


def _interrupted_on_the_third_chunk(monkeypatch, cancel: threading.Event | None) -> None:
    """The bundled model's encoder, hit by a signal inside its third chunk: the CLI's handler sets
    the cancel event (when there is one) and raises KeyboardInterrupt wherever the main thread is."""
    from engine.bert_encoder import BertMeanEncoder

    real, calls = BertMeanEncoder.encode, []

    def encode(self, texts, progress=None):
        calls.append(len(texts))
        if len(calls) == 3:
            if cancel is not None:
                cancel.set()
            raise KeyboardInterrupt
        return real(self, texts, progress=progress)

    monkeypatch.setattr(BertMeanEncoder, "encode", encode)


def test_a_signal_inside_a_chunk_keeps_the_chunks_before_it(demo_csv, small_chunks, monkeypatch):
    """tmux, AG News with an empty cache: SIGTERM 48 s into the embedding said 'interrupted' and
    the cache held no vector (the KeyboardInterrupt unwound past the chunk loop); README says an
    embedding stopped midway keeps its finished chunks."""
    texts = texts_with_copies(demo_csv)
    whole = engine.embed.embed_texts(texts)
    cancel = threading.Event()
    _interrupted_on_the_third_chunk(monkeypatch, cancel)
    with pytest.raises(EmbedCancelled) as caught:
        engine.embed.embed_texts(texts, cancel=cancel)
    rows = np.asarray(caught.value.rows)
    assert len(set(rows.tolist()) & set(range(120))) == 2 * CHUNK  # the two whole chunks (and their copies)
    np.testing.assert_allclose(caught.value.vectors, whole[rows], atol=1e-6)


def test_a_callers_own_ctrl_c_stays_a_keyboard_interrupt(demo_csv, small_chunks, monkeypatch):
    _interrupted_on_the_third_chunk(monkeypatch, None)
    with pytest.raises(KeyboardInterrupt):
        engine.embed.embed_texts(texts_with_copies(demo_csv), cancel=threading.Event())
