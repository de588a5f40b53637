"""Hostile input: every case gets a correct result or one clear line and the right exit code.

Each case runs twice: through the engine (``load_dataset``/``run_audit``) and through the CLI
(``tui.cli.main`` with capsys, or a subprocess where a real process matters). Errors: exactly one
``textaudit:`` line on stderr (progress lines aside), no traceback; usage errors exit 2, data
errors exit 1. Accepted cases run a tiny audit (TF-IDF or ``--features``/``--pred-probs``; the
bundled model only where the text itself is the point) and assert what the result must be.
"""

from __future__ import annotations

import builtins
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from engine.errors import EXIT_DATA, EXIT_USAGE, TextauditError
from engine.load import load_dataset
from engine.pipeline import AuditOptions, run_audit
from tui.cli import main

REPO = Path(__file__).resolve().parents[1]
PROGRESS_LINE = re.compile(r"\[\s*\d+\.\ds\] \w+")
WORDS = "card payment transfer balance refund pin cash atm fee limit account exchange rate top up".split()


def base_rows(n_per_class: int = 10, classes: tuple[str, ...] = ("a", "b", "c")) -> list[tuple[str, str]]:
    """Distinct, deterministic texts; each class has its own marker word."""
    rng = np.random.default_rng(0)
    rows = []
    for i in range(n_per_class * len(classes)):
        label = classes[i % len(classes)]
        words = " ".join(rng.choice(WORDS, 6))
        rows.append((f"{label}word {words} {i}", label))
    return rows


def write_csv(path: Path, rows, header: str = "text,label", newline: str = "\n", encoding: str = "utf-8") -> Path:
    body = newline.join([header, *(",".join(map(str, row)) for row in rows)]) + newline
    path.write_bytes(body.encode(encoding))
    return path


def assert_one_error_line(err: str, needle: str) -> None:
    """Exactly one ``textaudit:`` line holding ``needle``; anything else is a progress line."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    errors = [line for line in lines if line.startswith("textaudit:")]
    assert len(errors) == 1, lines
    assert needle in errors[0], errors[0]
    assert all(PROGRESS_LINE.fullmatch(line) for line in lines if not line.startswith("textaudit:")), lines


# --------------------------------------------------------------------------- rejected inputs


@dataclass
class Rejected:
    """A file (made by ``make(tmp_path)``) the engine and the CLI must refuse with one line."""

    name: str
    make: Callable[[Path], tuple[str, list[str]]]  # -> (source, extra CLI args)
    code: int
    needle: str
    at_audit: bool = False  # refused by run_audit, not load_dataset (export may still load it)


def _unbalanced(tmp: Path):
    path = tmp / "q.csv"
    path.write_text('text,label\n"hello, world,a\nbye,b\nagain,a\n')
    return str(path), []


def _file(name: str, content: bytes | str):
    def make(tmp: Path):
        path = tmp / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return str(path), []

    return make


def _fifo(tmp: Path):
    os.mkfifo(tmp / "pipe.csv")
    return str(tmp / "pipe.csv"), []


def _link_loop(tmp: Path):
    (tmp / "a.csv").symlink_to(tmp / "b.csv")
    (tmp / "b.csv").symlink_to(tmp / "a.csv")
    return str(tmp / "a.csv"), []


def _dangling_link(tmp: Path):
    (tmp / "d.csv").symlink_to("gone.csv")
    return str(tmp / "d.csv"), []


def _rows(rows, header="text,label", extra=()):
    def make(tmp: Path):
        return str(write_csv(tmp / "d.csv", rows, header)), list(extra)

    return make


BASE = base_rows()
REJECTED = [
    Rejected("missing file", lambda tmp: (str(tmp / "nope.csv"), []), EXIT_DATA, "no such file"),
    Rejected("directory", lambda tmp: (str(tmp), []), EXIT_DATA, "is a directory"),
    Rejected("unknown extension", _file("d.xls2", "text,label\nx,a\n"), EXIT_USAGE, "unknown file type '.xls2'"),
    Rejected("spreadsheet", _file("d.xlsx", b"PK\x03\x04"), EXIT_USAGE,
             "a spreadsheet (.xlsx), which textaudit does not read; save the sheet as CSV"),
    Rejected("named pipe", _fifo, EXIT_DATA, "not a regular file (a named pipe"),  # was 'the file is empty'
    Rejected("link loop", _link_loop, EXIT_DATA, "a symbolic link that loops"),  # was 'no such file'
    Rejected("dangling link", _dangling_link, EXIT_DATA, "a symbolic link to gone.csv, which does not exist"),
    Rejected("gzipped csv", _file("d.csv.gz", b"\x1f\x8b\x08\x00"), EXIT_USAGE,
             "a compressed csv file (.gz); decompress it first (gunzip d.csv.gz)"),
    Rejected("empty file", _file("d.csv", b""), EXIT_DATA, "the file is empty"),
    Rejected("blank lines only", _file("d.csv", "\n\n\n"), EXIT_DATA, "empty"),
    Rejected("header only", _file("d.csv", "text,label\n"), EXIT_DATA, "has a header but no rows"),
    Rejected("unbalanced quotes", _unbalanced, EXIT_DATA, "cannot parse as csv"),
    Rejected("missing text column", _rows(BASE, "txt,label"), EXIT_USAGE, "did you mean 'txt'?"),
    Rejected("missing label column", _rows(BASE, "text,lables"), EXIT_USAGE, "did you mean 'lables'?"),
    # the default column given as another role, nothing else to guess: 'internal error: AssertionError'
    Rejected("text given as the label", _rows(BASE, extra=["--label-column", "text"]), EXIT_USAGE,
             "column 'text' is already given with --label-column / --id-column"),
    Rejected("label given as the id", _rows(BASE, extra=["--id-column", "label"]), EXIT_USAGE,
             "column 'label' is already given with --text-column / --id-column"),
    # the other JSON's extension: 'not valid JSON: Extra data (column 1)' / 'record 1 is a JSON list'
    Rejected("JSON Lines named .json", _file("d.json", "\n".join(json.dumps({"text": t, "label": l}) for t, l in BASE)),
             EXIT_DATA, "holds one JSON object per line (JSON Lines); rename it to .jsonl"),
    Rejected("JSON array named .jsonl", _file("d.jsonl", json.dumps([{"text": t, "label": l} for t, l in BASE], indent=2)),
             EXIT_DATA, "holds a JSON array, not one JSON object per line; rename it to .json"),
    Rejected("one row", _rows([("hello", "a")]), EXIT_DATA, "only one class"),
    Rejected("two rows", _rows([("hello", "a"), ("bye", "b")]), EXIT_DATA, "every label in column 'label' is unique", True),
    Rejected("single class", _rows([(t, "a") for t, _ in BASE]), EXIT_DATA, "only one class ('a')"),
    Rejected(
        "every label unique",
        _rows([(i, t, f"c{i}", "x" if i % 2 else "y") for i, (t, _) in enumerate(BASE)], "id,text,label,topic"),
        EXIT_DATA, "'topic' repeat values", True,
    ),
    Rejected("empty label", _rows([*BASE, ("orphan text", "")]), EXIT_DATA, "d.csv: 1 row has an empty label (row 30, counted from 0)"),
    Rejected("whitespace label", _rows([*BASE, ("orphan text", "  ")]), EXIT_DATA, "1 row has an empty label"),
    Rejected(
        "NaN labels (jsonl)",
        _file("d.jsonl", "\n".join(json.dumps({"text": t, "label": l}) for t, l in BASE) + '\n{"text": "x", "label": NaN}\n'),
        EXIT_DATA, "1 row has an empty label",
    ),
    Rejected("every text empty", _rows([("", "a"), ("  ", "b"), ("\u200b", "a"), ("", "b")]), EXIT_DATA, "every text"),
    Rejected("latin-1 bytes", lambda tmp: (str(write_csv(tmp / "d.csv", [*BASE, ("café crème", "a")], encoding="latin-1")), []),
             EXIT_DATA, "pass --encoding latin-1"),
    Rejected("binary file", _file("d.csv", b"PAR1\x00\x00\x15\x04\xff\xfe\x00binary"), EXIT_DATA, "looks like a binary file"),
    Rejected("unknown encoding", lambda tmp: (str(write_csv(tmp / "d.csv", BASE)), ["--encoding", "klingon"]),
             EXIT_USAGE, "--encoding klingon: unknown encoding"),
    Rejected("garbage parquet", _file("d.parquet", b"not parquet at all"), EXIT_DATA, "cannot parse as parquet"),
    # another separator than the extension's: one column 'text;label' (the missing-column hint
    # suggested that name), or a tokenizer error when a text holds a comma
    Rejected("semicolon csv", _file("d.csv", "text;label\nhello;a\nbye;b\nagain;a\n"), EXIT_DATA,
             "seems separated by semicolons, but .csv is read as separated by commas"),
    Rejected("semicolon csv, commas in texts", _file("d.csv", "text;label\nhello, you;a\nbye;b\na, b, c;a\n"),
             EXIT_DATA, "seems separated by semicolons"),
    Rejected("tabs in a .csv", _file("d.csv", "text\tlabel\nhello\ta\nbye\tb\n"), EXIT_DATA,
             "separated by tabs, but .csv is read as separated by commas; rename it to .tsv"),
    Rejected("commas in a .tsv", _file("d.tsv", "label,text\na,hello\nb,bye\n"), EXIT_DATA,
             "separated by commas, but .tsv is read as separated by tabs; rename it to .csv"),
    # Excel's "Unicode Text" (.txt: UTF-16, tab-separated) and a CSV saved as .txt: only 'unknown file type'
    Rejected("excel unicode text", _file("d.txt", "text\tlabel\nhello\ta\n".encode("utf-16")), EXIT_USAGE,
             "(its first line is tab-separated: rename it to .tsv, and pass --encoding utf-16)"),
    Rejected("csv named .txt", _file("d.txt", "text,label\nhello,a\n"), EXIT_USAGE,
             "(its first line is comma-separated: rename it to .csv)"),
    # all NUL bytes (valid UTF-8): 'no text column 'text' (columns: \x00\x00\x00...)', 100 escapes long
    Rejected("NUL bytes", _file("d.csv", b"\0" * 100), EXIT_DATA, "d.csv: looks like a binary file (NUL bytes in the header)"),
    # a row with more fields than the header: pandas' 'Error tokenizing data. C error: Expected 2
    # fields in line 3, saw 3', which named neither the cause nor the fix
    Rejected("unquoted comma in a text", _file("d.csv", "text,label\nhello,a\nbye, then,b\nagain,a\n"), EXIT_DATA,
             "d.csv: line 3 has 3 fields where the header has 2: a comma inside a text must be quoted"),
    Rejected("tab in a tsv text", _file("d.tsv", "text\tlabel\nhello\ta\nbye\tthen\tb\nagain\ta\n"), EXIT_DATA,
             "d.tsv: line 3 has 3 fields where the header has 2: a tab inside a text splits it"),
    # Excel's separator hint as the first line: 'no text column 'text' (columns: sep=, Unnamed: 1)',
    # or with three columns 'line 2 has 3 fields where the header has 2: a comma inside a text ...'
    *(Rejected(f"excel sep= line {i}", lambda tmp, make=_file(name, content), i=i: (make(tmp)[0], ["--encoding", "utf-16"] * (i == 3)),
               EXIT_DATA, f"{name}: the first line {line!r} is Excel's separator hint, not the header; delete that "
               "line (the header comes after it)")
      for i, (name, content, line) in enumerate([
          ("d.csv", "sep=,\ntext,label\nhello,a\nbye,b\n", "sep=,"),
          ("d.csv", "\ufeffsep=,\r\nid,text,label\n1,hello,a\n2,bye,b\n", "sep=,"),
          ("d.csv", "sep=;\ntext;label\nhello;a\nbye;b\n", "sep=;"),
          ("d.tsv", "sep=\t\ntext\tlabel\nhello\ta\nbye\tb\n".encode("utf-16"), "sep=\t")])),
]


def _engine_kwargs(extra: list[str]) -> dict:
    options = {"--encoding": "encoding", "--id-column": "id_column", "--label-column": "label_column"}
    return {options[extra[i]]: extra[i + 1] for i in range(0, len(extra), 2)}


@pytest.mark.parametrize("case", REJECTED, ids=[c.name for c in REJECTED])
def test_engine_rejects_with_one_clear_message(case: Rejected, tmp_path):
    source, extra = case.make(tmp_path)
    with pytest.raises(TextauditError) as caught:
        if case.at_audit:
            assert load_dataset(source, **_engine_kwargs(extra))
            run_audit(source, AuditOptions(model="tfidf", **_engine_kwargs(extra)))
        else:
            load_dataset(source, **_engine_kwargs(extra))
    assert caught.value.exit_code == case.code
    assert case.needle in caught.value.message and "\n" not in caught.value.message


@pytest.mark.parametrize("case", REJECTED, ids=[c.name for c in REJECTED])
def test_cli_rejects_with_one_line_and_exit_code(case: Rejected, tmp_path, capsys):
    source, extra = case.make(tmp_path)
    assert main(["audit", source, "--model", "tfidf", *extra]) == case.code
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_error_line(captured.err, case.needle)


def test_unreadable_file_is_one_line(tmp_path, monkeypatch, capsys):
    """Tests run as root, where chmod 000 denies nothing: the OS refusal is simulated at open()."""
    path = write_csv(tmp_path / "locked.csv", BASE)
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    with pytest.raises(TextauditError, match="permission denied") as caught:
        load_dataset(path)
    assert caught.value.exit_code == EXIT_DATA
    assert main(["audit", str(path), "--model", "tfidf"]) == EXIT_DATA
    assert_one_error_line(capsys.readouterr().err, "locked.csv: permission denied")


# --------------------------------------------------------------------------- accepted inputs


def _tfidf(tmp_path: Path, **extra) -> AuditOptions:
    return AuditOptions(model="tfidf", folds=3, **extra)


def _cli_json(argv: list[str], capsys) -> dict:
    assert main(["audit", *argv, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "error" not in captured.err
    return json.loads(captured.out)


def test_class_with_one_member_is_audited_with_a_note(tmp_path, capsys):
    """Fewer members than folds: the audit completes and says what it did."""
    path = write_csv(tmp_path / "d.csv", [*BASE, ("lonely zebra sentence", "z")])
    result = run_audit(path, _tfidf(tmp_path))
    assert result.dataset.n_classes == 4 and len(result.dataset) == 31
    assert any("1 class has a single row" in note for note in result.notes)
    assert result.pred_probs.shape == (31, 4)
    summary = _cli_json([str(path), "--model", "tfidf", "--folds", "3"], capsys)
    assert summary["n_classes"] == 4 and any("a single row" in n for n in summary["notes"])


def test_three_rows_is_the_smallest_auditable_table(tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", [("hello there", "a"), ("hello again", "a"), ("goodbye now", "b")])
    result = run_audit(path, _tfidf(tmp_path))
    assert len(result.output.issues) == 3
    assert any("every class has fewer than 3 rows" in note for note in result.notes)
    assert _cli_json([str(path), "--model", "tfidf", "--folds", "3"], capsys)["n_rows"] == 3


def test_empty_whitespace_and_null_texts_are_null_issues(tmp_path, capsys):
    path = tmp_path / "d.csv"
    body = "\n".join(["text,label", *(f"{t},{l}" for t, l in BASE), '"",a', ",b", '"   ",c', "\u200b\u200d,a"])
    path.write_text(body + "\n")
    result = run_audit(path, _tfidf(tmp_path))
    null_rows = np.flatnonzero(result.output.issues["is_null_issue"].to_numpy())
    assert null_rows.tolist() == [30, 31, 32, 33]
    assert result.dataset.texts[31] == ""  # a missing cell is an empty text, not "nan"
    assert any("4 rows have an empty or missing text" in note for note in result.notes)
    assert _cli_json([str(path), "--model", "tfidf", "--folds", "3"], capsys)["issue_counts"]["null"] == 4


def test_float_labels_keep_their_names(tmp_path, capsys):
    """CSV cells are names: "1.0" stays "1.0"; JSON numbers 1.0 are the integer class 1."""
    csv_path = write_csv(tmp_path / "d.csv", [(t, {"a": "1.0", "b": "2.0", "c": "3.0"}[l]) for t, l in BASE])
    assert load_dataset(csv_path).class_names == ["1.0", "2.0", "3.0"]
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": t, "label": {"a": 1.0, "b": 2.0, "c": 3.0}[l]}) for t, l in BASE))
    dataset = load_dataset(jsonl)
    assert dataset.classes == [1, 2, 3] and dataset.labels[:3].tolist() == [0, 1, 2]
    assert _cli_json([str(jsonl), "--model", "tfidf", "--folds", "3"], capsys)["n_classes"] == 3


def test_mixed_int_and_str_labels_become_names(tmp_path, capsys):
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": t, "label": {"a": 1, "b": "two", "c": 3}[l]}) for t, l in BASE))
    dataset = load_dataset(jsonl)
    assert dataset.class_names == ["1", "3", "two"]
    assert _cli_json([str(jsonl), "--model", "tfidf", "--folds", "3"], capsys)["n_classes"] == 3


def test_lookalike_labels_are_kept_apart_but_reported(tmp_path, capsys):
    rows = [(t, {"a": "1", "b": "1.0", "c": "Card"}[l]) for t, l in BASE] + [("card again", "card ")] * 3
    path = write_csv(tmp_path / "d.csv", rows)
    dataset = load_dataset(path)
    assert dataset.n_classes == 4
    assert any("'1', '1.0' look alike" in w for w in dataset.warnings)
    assert any("'Card', 'card ' look alike" in w for w in dataset.warnings)
    notes = _cli_json([str(path), "--model", "tfidf", "--folds", "3"], capsys)["notes"]
    assert any("look alike" in n for n in notes)


def test_duplicate_ids_are_accepted_with_a_note(tmp_path, capsys):
    rows = [(i % 5, t, l) for i, (t, l) in enumerate(BASE)]
    path = write_csv(tmp_path / "d.csv", rows, "id,text,label")
    result = run_audit(path, _tfidf(tmp_path, id_column="id"))
    assert len(result.output.issues) == 30
    assert any("25 duplicate values in id column 'id'" in n for n in result.notes)
    notes = _cli_json([str(path), "--model", "tfidf", "--folds", "3", "--id-column", "id"], capsys)["notes"]
    assert any("duplicate value" in n for n in notes)


def test_bom_and_crlf_are_invisible(tmp_path, capsys):
    plain = write_csv(tmp_path / "plain.csv", BASE)
    crlf = write_csv(tmp_path / "crlf.csv", BASE, newline="\r\n")
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + crlf.read_bytes())
    reference = load_dataset(plain)
    for path in (crlf, bom):
        dataset = load_dataset(path)
        assert list(dataset.frame.columns) == ["text", "label"]
        assert dataset.texts == reference.texts and dataset.class_names == ["a", "b", "c"]
    assert _cli_json([str(bom), "--model", "tfidf", "--folds", "3"], capsys)["n_classes"] == 3


def test_latin1_reads_with_the_right_encoding(tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", [*BASE, ("café crème brûlée", "a")], encoding="latin-1")
    assert load_dataset(path, encoding="latin-1").texts[-1] == "café crème brûlée"
    assert _cli_json([str(path), "--model", "tfidf", "--folds", "3", "--encoding", "latin-1"], capsys)["n_rows"] == 31


UNICODE_TEXTS = [
    ("مرحبا، لم تصل الحوالة إلى حسابي", "a"),  # Arabic, right to left
    ("הכרטיס שלי נחסם אתמול", "b"),  # Hebrew
    ("payment 💳🙂 failed 👩‍👩‍👧 again", "c"),  # emoji, a ZWJ family sequence
    ("zero\u200bwidth\u200cnon\u200djoiner text", "a"),
    ("mixed English العربية text", "b"),
]


def test_rtl_emoji_and_zero_width_texts_survive_the_bundled_model(tmp_path, capsys):
    """The real tokenizer must take them; texts come back byte-for-byte (TUI rendering: tui tests)."""
    path = write_csv(tmp_path / "d.csv", [*BASE, *UNICODE_TEXTS])
    result = run_audit(path, AuditOptions(folds=3))
    assert result.dataset.texts[30:] == [t for t, _ in UNICODE_TEXTS]
    assert not result.output.issues["is_null_issue"].iloc[30:].any()
    assert np.isfinite(result.pred_probs).all()
    from engine.result import issue_table

    assert issue_table(result)["text"].tolist()[30:] == [t for t, _ in UNICODE_TEXTS]
    summary = _cli_json([str(path), "--folds", "3"], capsys)  # a cache hit: same texts and options
    assert summary["n_rows"] == 35 and summary["cache_hit"]


def test_200k_character_text_is_audited(tmp_path, capsys):
    """The model reads the start of a long text (its token window); the text itself is kept whole."""
    long_text = "my card payment was declined " * 6_900
    long_text = long_text[:200_000]
    path = write_csv(tmp_path / "d.csv", [*BASE, (long_text, "a")])
    result = run_audit(path, AuditOptions(folds=3))
    assert len(result.dataset.texts[30]) == 200_000
    assert np.isfinite(result.pred_probs).all() and len(result.output.issues) == 31
    assert _cli_json([str(path), "--model", "tfidf", "--folds", "3"], capsys)["n_rows"] == 31


def _probs(n: int, k: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).dirichlet(np.ones(k), size=n)


def test_control_characters_from_the_data_never_reach_the_terminal_raw(tmp_path, capsys):
    """A column name with an escape sequence went into the error line as is: printing it cleared
    the user's screen (ESC [2J). Messages show control characters as escapes."""
    path = tmp_path / "d.csv"
    path.write_text("tex\x1b[2Jt,label\nhello,a\nbye,b\n")
    code = main(["audit", str(path), "--model", "tfidf"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and "\x1b" not in err
    assert_one_error_line(err, "columns: 'tex\\x1b[2Jt', label")


def test_the_export_line_shows_control_characters_of_the_output_path_as_escapes(tmp_path, capsys):
    """'wrote 2 rows to out\\x1b[2J.csv' cleared the user's screen: the summary line printed the path raw."""
    data = tmp_path / "d.csv"
    data.write_text("text,label\nhello,a\nbye,b\n")
    journal = tmp_path / "d.corrections.jsonl"
    journal.write_text("")
    out = tmp_path / "out\x1b[2J.csv"
    assert main(["export", str(data), "--journal", str(journal), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "out$'\\x1b''[2J.csv'" in printed  # as bash reads it back (fix41a)
    assert out.read_bytes() == data.read_bytes()


def test_texts_that_read_like_missing_values_are_noted(tmp_path):
    """R's write.csv writes a missing text as NA; 'null' / 'None' come from str() of a missing
    value. They were audited as texts without a word (such labels get a note)."""
    rows = [*BASE, ("NA", "a"), ("NA", "b"), ("null", "a"), ("None of it worked", "b")]
    dataset = load_dataset(write_csv(tmp_path / "d.csv", rows))
    assert ("3 texts look like a missing value ('NA' x 2, 'null' x 1) but are audited as texts; "
            "empty or drop those rows if they are missing") in dataset.warnings
    assert not any("missing value" in w for w in load_dataset(write_csv(tmp_path / "e.csv", BASE)).warnings)
