"""Exit codes follow one rule (README, 'Exit codes'): a file the command reads that is missing or cannot be
read exits 1, as the data file does, whichever option names it; an output in a folder that does not exist
exits 2, as the command line's fault. Before: a missing data file, journal, --pred-probs or --features file
exited 1, but a missing --model folder or --label-names file exited 2 (review25, hostile25 left), a --model
that is a file or a folder holding no model exited 2, and a --journal in a missing folder exited 1 where
``export -o``, ``--issues-out`` and ``--cache-dir`` there exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

ROWS = "text,label\nhello there,a\nbye now,b\ngood day,a\nfarewell,b\n"


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEXTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "d.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "notjson.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Monde\nSci\xe9nce\n".encode("latin-1"))
    (tmp_path / "nomodel").mkdir()
    (tmp_path / "nomodel" / "config.json").write_text("{}", encoding="utf-8")
    return tmp_path / "d.csv"


@pytest.mark.parametrize(("argv", "code", "said"), [
    # a file read: missing, unreadable or not the kind of file: 1
    (["audit", "missing.csv"], 1, "missing.csv: no such file"),
    (["audit", "d.csv", "--pred-probs", "missing.npy"], 1, "--pred-probs: no such file"),
    (["audit", "d.csv", "--model", "./missing-model"], 1, "--model ./missing-model: no such folder"),
    (["audit", "d.csv", "--model", "/no/such/model"], 1, "--model /no/such/model: no such folder"),
    (["audit", "d.csv", "--model", "./d.csv"], 1, "--model ./d.csv: a file, not a model folder"),
    (["audit", "d.csv", "--model", "./nomodel"], 1, "cannot load embedding model ./nomodel:"),
    (["audit", "d.csv", "--label-names", "missing.json"], 1, "--label-names: cannot read missing.json: no such file"),
    (["audit", "d.csv", "--label-names", "notjson.json"], 1, "--label-names: notjson.json is not JSON"),
    (["audit", "d.csv", "--label-names", "latin.txt"], 1, "--label-names: cannot read latin.txt: not UTF-8 text"),
    (["export", "d.csv", "--journal", "missing.jsonl", "-o", "out.csv"], 1, "no corrections journal at missing.jsonl"),
    # the command line: a bad value, or an output in a folder that does not exist: 2
    (["audit", "d.csv", "--label-names", "1=World,1=Sports"], 2, "names label 1 twice"),
    (["audit", "d.csv", "--model", "tfidf", "--cache-dir", "nofolder/c"], 2, "folder nofolder does not exist"),
    (["export", "d.csv", "--journal", "d.csv", "-o", "nofolder/x.csv"], 2, "folder nofolder does not exist"),
    (["browse", "d.csv", "--journal", "nofolder/j.jsonl"], 2, "folder nofolder does not exist"),
])
def test_one_rule_for_files(data: Path, capsys, argv: list[str], code: int, said: str) -> None:
    assert main(argv) == code
    error = [line for line in capsys.readouterr().err.splitlines() if line.startswith("textaudit:")]
    assert len(error) == 1 and said in error[0], error
    assert not (data.parent / "nofolder").exists()


@pytest.mark.parametrize(("model", "said"), [(".", "--model .: the folder holds no model (neither modules.json nor "
                                                  "config.json)"),
                                             ("d.csv", "--model d.csv: a file, not a model folder")])
def test_a_model_path_that_holds_no_model_is_one_line(tmp_path, monkeypatch, capsys, model, said) -> None:
    """'--model .' said "Unrecognized model in .. Should have a `model_type` key in its config.json" (review35)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("text,label\nhello there,a\nbye now,b\nhi again,a\nsee you,b\n")
    assert main(["audit", "d.csv", "--model", model]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"textaudit: error: {said}") and "Traceback" not in "".join(err), err
