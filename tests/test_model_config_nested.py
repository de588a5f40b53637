"""A --model folder whose JSON config is nested past the stack (config.json, modules.json,
sentence_bert_config.json): 'internal error: RecursionError', exit 70, where a garbage config
says 'cannot load embedding model ...' (s17 hostile). Both checks that read the folder first now
treat it as any unreadable config: the model load then fails in its one line, exit 2."""

from __future__ import annotations

from pathlib import Path

from engine import bert_encoder, embed_model

DEEP = '{"a": ' + "[" * 30_000 + "]" * 30_000 + "}"


def test_the_lean_encoder_check_says_no(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text(DEEP)
    assert bert_encoder.supports(tmp_path) is False


def test_the_text_length_bound_falls_back(tmp_path: Path) -> None:
    (tmp_path / "sentence_bert_config.json").write_text(DEEP)
    assert embed_model._max_seq_length(str(tmp_path)) == embed_model.FALLBACK_MAX_TOKENS
