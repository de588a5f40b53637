"""The summary's 'pred_probs:' line names a --pred-probs / --features file whose name is not UTF-8 as the title does
(62fce66): 'p\\xe9.npy', where the raw byte (a UTF-8 terminal drops it) read 'p.npy', another file's name (diff38)."""

from __future__ import annotations

from types import SimpleNamespace

from engine.pipeline import AuditOptions


def _result(**options) -> SimpleNamespace:
    return SimpleNamespace(options=AuditOptions(**options), notes=[], view_weight=None,
                           dataset=SimpleNamespace(is_multilabel=False))


def test_a_non_utf8_file_name_is_escaped():
    from tui.pred_source import pred_probs_line
    from tui.terminal_text import terminal_safe

    given = terminal_safe(pred_probs_line(_result(pred_probs_path="/d/p\udce9.npy")))
    features = terminal_safe(pred_probs_line(_result(features_path="/d/f\udce9.npy")))
    assert given == "pred_probs: given, --pred-probs p$'\\xe9'.npy", given
    assert features == "pred_probs: a classifier on --features f$'\\xe9'.npy", features
    assert pred_probs_line(_result(pred_probs_path="/d/café.npy")).endswith(" café.npy")  # UTF-8 names as they are
