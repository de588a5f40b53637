"""The command line: report formats, the issue table, exit codes, and fast headless start."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from tui.cli import main


def test_json_format_has_every_field(demo_csv, capsys):
    assert main(["audit", str(demo_csv), "--id-column", "id", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_rows"] == 258 and out["n_classes"] == 7
    assert set(out["issue_counts"]) == {
        "null", "label", "outlier", "near_duplicate", "non_iid", "class_imbalance", "underperforming_group"
    }
    assert out["non_iid_p_value"] < 0.01
    assert isinstance(out["cache_hit"], bool)
    assert set(out["timings_s"]) >= {"load", "embed", "predict", "neighbours", "audit"}


def test_second_run_reports_a_cache_hit(demo_csv, capsys):
    main(["audit", str(demo_csv), "--id-column", "id", "--format", "json"])
    capsys.readouterr()
    main(["audit", str(demo_csv), "--id-column", "id", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["cache_hit"] is True


def test_text_and_markdown_reports(demo_csv, capsys):
    assert main(["audit", str(demo_csv), "--id-column", "id"]) == 0
    text = capsys.readouterr().out
    assert "Issues found" in text and "near_duplicate" in text and "Non-IID p-value" in text
    assert main(["audit", str(demo_csv), "--id-column", "id", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# textaudit report") and "| label |" in markdown


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_issues_out_writes_the_per_row_table(demo_csv, tmp_path, suffix, capsys):
    target = tmp_path / f"issues{suffix}"
    assert main(["audit", str(demo_csv), "--id-column", "id", "--format", "json",
                 "--issues-out", str(target)]) == 0
    if suffix == ".csv":
        table = pd.read_csv(target)
    elif suffix == ".parquet":
        table = pd.read_parquet(target)
    else:
        table = pd.read_json(target, lines=True)
    assert len(table) == 258
    assert {"row", "id", "text", "given_label", "predicted_label", "is_label_issue", "label_score",
            "near_duplicate_sets", "distance_to_nearest_neighbor"} <= set(table.columns)
    assert table["id"].iloc[0] == "d0000"


def test_issue_type_subset(demo_csv, capsys):
    assert main(["audit", str(demo_csv), "--issue-types", "label,outlier", "--format", "json"]) == 0
    assert list(json.loads(capsys.readouterr().out)["issue_counts"]) == ["label", "outlier"]


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["audit", "missing.csv"], 1, "no such file"),
        (["audit", "DEMO", "--label-column", "intent"], 2, "no label column 'intent'"),
        (["audit", "DEMO", "--issue-types", "typo"], 2, "unknown issue type"),
        (["audit", "DEMO", "--format", "yaml"], 2, "invalid choice"),
        (["frobnicate"], 2, "unknown command 'frobnicate'"),
        # 'internal error: AttributeError' (exit 70); a missing folder went to the hub, whose library
        # printed a line of its own first
        (["audit", "DEMO", "--model", ""], 2, "--model must not be empty"),
        (["browse", "DEMO", "--model", " "], 2, "--model must not be empty"),
        (["audit", "DEMO", "--model", "/no/such/model"], 1, "--model /no/such/model: no such folder"),  # a file: 1
    ],
)
def test_errors_are_one_line_with_exit_codes(demo_csv, capsys, argv, code, needle):
    argv = [str(demo_csv) if a == "DEMO" else a for a in argv]
    assert main(argv) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if line.startswith("textaudit:")]) == 1
    assert needle in err[-1] and "Traceback" not in "\n".join(err)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        # each was read as "not given": no table written / the default journal / no journal / all seven
        # types / every interface / '.: is a directory'
        (["audit", "DEMO", "--issues-out", ""], "--issues-out must not be empty"),
        (["audit", "DEMO", "--apply-journal", ""], "--apply-journal must not be empty"),
        (["audit", "DEMO", "--issue-types", ""], "--issue-types must not be empty"),
        (["audit", "DEMO", "--pred-probs", ""], "--pred-probs must not be empty"),
        (["export", "DEMO", "--journal", "", "-o", "OUT"], "--journal must not be empty"),
        (["audit", ""], "the data path must not be empty"),
    ],
)
def test_an_empty_option_is_refused_not_read_as_not_given(demo_csv, tmp_path, capsys, argv, needle):
    argv = [str(demo_csv) if a == "DEMO" else str(tmp_path / "out.csv") if a == "OUT" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"textaudit: error: {needle} (leave the option out for its default)"] or \
        err == [f"textaudit: error: {needle}"]
    assert not (tmp_path / "out.csv").exists()


def test_headless_commands_never_import_textual_or_torch_at_start():
    code = (
        "import sys, tui.cli, engine, engine.pipeline, engine.result;"
        "print(sorted(m for m in ('textual','torch','cleanlab','sentence_transformers','sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_and_argument_errors_load_not_even_pandas():
    code = "import sys, tui.cli, engine, engine.errors; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    import engine
    from engine import AuditOptions, run_audit  # still reachable, resolved on first use

    assert AuditOptions().text_column is None and callable(run_audit)  # None: "text", else a guess
    assert sorted(engine.__all__) == sorted(engine._EXPORTS) and set(engine.__all__) <= set(dir(engine))


def test_engine_never_imports_textual():
    from pathlib import Path

    engine_dir = Path(__file__).resolve().parents[1] / "engine"
    offenders = [
        str(path) for path in engine_dir.rglob("*.py")
        if any(line.strip().startswith(("import textual", "from textual"))
               for line in path.read_text().splitlines())
    ]
    assert offenders == []
    code = "import sys, engine.pipeline, engine.result, engine.demo; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_console_script_exits_with_mains_code_after_freezing_the_heap(monkeypatch, capsys):
    import gc

    from tui.cli import run

    monkeypatch.setattr(sys, "argv", ["textaudit", "audit", "/no/such/file.csv"])
    try:
        with pytest.raises(SystemExit) as exited:
            run()
        assert exited.value.code == 1
        assert gc.get_freeze_count() > 0  # the teardown's collections will skip these
    finally:
        gc.unfreeze()
    assert "textaudit: error: /no/such/file.csv" in capsys.readouterr().err


def test_precision_option_reaches_the_embedding_cache_key(demo_csv, capsys, tmp_path, monkeypatch):
    # a cache of its own: where ``auto`` means fp32 (CPUs without native bf16) the session's
    # cache already holds the demo's fp32 vectors, and the first run below would hit them
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    base = ["audit", str(demo_csv), "--id-column", "id", "--format", "json"]
    assert main([*base, "--precision", "fp32"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main([*base, "--precision", "fp32"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert first["stage_cache_hits"]["embed"] is False and again["cache_hit"] is True
    assert main([*base, "--precision", "int3"]) == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["audit", "browse", "demo", "serve", "export"])
def test_every_option_of_every_command_has_help_and_its_default(command, capsys):
    import argparse

    from tui.cli_parser import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    assert main([command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())  # unwrapped
    for action in sub._actions:
        assert action.help, f"{command} {action.option_strings or action.dest} has no help text"
        if action.option_strings and action.default not in (None, False, "==SUPPRESS==") and not action.required:
            assert f"default: {action.default}" in text, (command, action.option_strings)


def test_version_prints_the_version_not_a_usage_error(capsys):
    from importlib.metadata import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"textaudit {version('textaudit')}"


@pytest.mark.parametrize(("typed", "meant"), [("serv", "serve"), ("audt", "audit"), ("exprot", "export"),
                                            ("AUDIT", "audit"), ("Browse", "browse")])  # caps: review35
def test_a_mistyped_command_gets_did_you_mean(typed, meant, capsys):
    assert main([typed, "data.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"did you mean '{meant}'?" in err and "Traceback" not in err


def test_an_unknown_command_lists_the_commands(capsys):
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'frobnicate'" in err and "did you mean" not in err and "serve" in err
    assert main(["train.csv"]) == 2  # the command forgotten
    assert "unknown command 'train.csv'; to open a dataset: textaudit browse train.csv" in capsys.readouterr().err
    assert main(["demo.csv"]) == 2  # a file named like a command: it said "did you mean 'demo'?"
    assert "unknown command 'demo.csv'; to open a dataset: textaudit browse demo.csv" in capsys.readouterr().err


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_not_an_internal_error(demo_csv, tmp_path):
    """'textaudit audit data.csv > /dev/full' (a full disk under a redirect) ended in 'internal error:
    OSError: [Errno 28] No space left on device (set TEXTAUDIT_DEBUG=1 ...)', exit 70: a bug's code."""
    import os

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "tui.cli", "audit", str(demo_csv), "--id-column", "id",
                               "--model", "tfidf", "--cache-dir", str(tmp_path)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300,
                              env={**os.environ, "TEXTAUDIT_DEBUG": ""})
    errors = [line for line in done.stderr.splitlines() if line.startswith("textaudit:")]
    assert done.returncode == 1, done.stderr
    assert errors == ["textaudit: error: cannot write the output: No space left on device"]
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
