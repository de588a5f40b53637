"""Export: every format read back, corrections-only, int labels, overwrite guard, the CLI."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from engine.corrections import Journal
from engine.errors import DataError, UsageError
from engine.export import export_corrected
from engine.load import load_dataset
from tui.cli import main

TEXTS = ["lost card", "change pin", "balance", "card gone", "new pin", "my balance"]


@pytest.fixture
def str_csv(tmp_path: Path) -> Path:
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(6)], "text": TEXTS,
                          "label": ["card", "pin", "bal", "card", "pin", "bal"], "note": list("uvwxyz")})
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.fixture
def int_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "ints.jsonl"
    rows = [{"text": t, "label": label, "score": 0.5 + i}
            for i, (t, label) in enumerate(zip(TEXTS, [0, 1, 2, 0, 1, 2]))]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def decide(dataset, journal_path: Path) -> None:
    """relabel row 1 -> first class, exclude rows 2 and 4, keep row 0, an undone exclude of row 5."""
    first = dataset.class_names[0]
    with Journal.open(journal_path, dataset) as journal:
        journal.record("relabel", 1, label_after=first, issue_type="label", suggested_label=first)
        journal.record_group([("exclude", 2, None), ("exclude", 4, None)], issue_type="near_duplicate")
        journal.record("keep", 0, issue_type="outlier")
        journal.record("exclude", 5, issue_type="outlier")
        journal.undo()


def read_back(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, dtype=str)
    if fmt == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    if fmt == "parquet":
        return pd.read_parquet(path)
    import datasets

    return datasets.load_from_disk(str(path)).to_pandas()


@pytest.mark.parametrize("name,fmt", [("out.csv", "auto"), ("out.jsonl", "auto"), ("out.parquet", "auto"),
                                      ("out_hf", "hf")])
def test_every_format_reads_back_corrected(str_csv, tmp_path, name, fmt):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    summary = export_corrected(dataset, journal, tmp_path / name, fmt=fmt)
    assert (summary.rows_written, summary.relabelled, summary.excluded, summary.kept) == (4, 1, 2, 1)
    frame = read_back(tmp_path / name, "hf" if fmt == "hf" else name.split(".")[-1])
    assert list(frame.columns) == ["id", "text", "label", "note"]
    assert frame["id"].tolist() == ["r0", "r1", "r3", "r5"]  # excluded rows gone, order kept
    assert frame["label"].tolist() == ["card", "bal", "card", "bal"]  # row 1 relabelled pin -> bal
    assert frame["note"].tolist() == ["u", "v", "x", "z"]
    assert not list(tmp_path.glob(".*tmp"))  # no temporary left behind


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet", "out_hf"])
def test_int_labels_stay_ints(int_jsonl, tmp_path, name):
    dataset = load_dataset(int_jsonl)
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", 0, label_after="2", issue_type="label")
        writer.record("relabel", 1, label_after="9", issue_type="label", allow_new_label=True)
        writer.record("exclude", 3, issue_type="outlier")
    fmt = "hf" if name == "out_hf" else "auto"
    export_corrected(dataset, journal, tmp_path / name, fmt=fmt)
    frame = read_back(tmp_path / name, "hf" if fmt == "hf" else name.split(".")[-1])
    assert str(frame["label"].dtype) == "int64"
    assert frame["label"].tolist() == [2, 9, 2, 1, 2]
    assert frame["score"].tolist() == [0.5, 1.5, 2.5, 4.5, 5.5]


def test_corrections_only_with_int_labels(int_jsonl, tmp_path):
    dataset = load_dataset(int_jsonl)
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    for name in ("changes.parquet", "changes.jsonl"):
        summary = export_corrected(dataset, journal, tmp_path / name, corrections_only=True)
        assert summary.rows_written == 3
        frame = read_back(tmp_path / name, name.split(".")[-1])
        # no --id-column: no id column (it was empty throughout); row and text name the rows
        assert list(frame.columns) == ["row", "text", "label_before", "label_after", "action"]
        assert frame["row"].tolist() == [1, 2, 4]
        assert frame["action"].tolist() == ["relabel", "exclude", "exclude"]
        assert frame["text"].tolist() == ["change pin", "balance", "new pin"]
        assert frame["label_before"].tolist() == [1, 2, 1]
        assert frame["label_after"].tolist()[0] == 0 and pd.isna(frame["label_after"]).tolist() == [False, True, True]
    assert str(pd.read_parquet(tmp_path / "changes.parquet")["label_before"].dtype) in ("int64", "Int64")
    first = json.loads((tmp_path / "changes.jsonl").read_text().splitlines()[0])
    assert first["label_before"] == 1 and first["label_after"] == 0  # ints, not 1.0


def test_never_overwrites_an_input_and_needs_force_for_an_existing_output(str_csv, tmp_path):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    original = str_csv.read_bytes()
    with pytest.raises(UsageError, match="is the input file"):
        export_corrected(dataset, journal, str_csv)
    with pytest.raises(UsageError, match="is the input file"):  # the same file by another path
        export_corrected(dataset, journal, tmp_path / "." / "sub" / ".." / "data.csv")
    assert str_csv.read_bytes() == original
    with pytest.raises(UsageError, match="corrections journal"):
        export_corrected(dataset, journal, journal, fmt="jsonl", force=True)
    with pytest.raises(UsageError, match="is the input file"):  # not even with --force
        export_corrected(dataset, journal, str_csv, force=True)
    link = tmp_path / "hard.csv"
    link.hardlink_to(str_csv)
    with pytest.raises(UsageError, match="is the input file"):  # the same inode
        export_corrected(dataset, journal, link, force=True)
    assert str_csv.read_bytes() == original
    out = tmp_path / "out.csv"
    out.write_text("mine")
    with pytest.raises(UsageError, match="exists; pass --force"):
        export_corrected(dataset, journal, out)
    assert out.read_text() == "mine"
    export_corrected(dataset, journal, out, force=True)
    assert pd.read_csv(out)["id"].tolist() == ["r0", "r1", "r3", "r5"]


def test_clear_errors(str_csv, tmp_path):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    with pytest.raises(DataError, match="no corrections journal"):
        export_corrected(dataset, journal, tmp_path / "out.csv")
    decide(dataset, journal)
    with pytest.raises(UsageError, match="cannot tell the export format"):
        export_corrected(dataset, journal, tmp_path / "out.xlsx")
    with pytest.raises(UsageError, match="does not exist"):
        export_corrected(dataset, journal, tmp_path / "missing" / "out.csv")
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "keep.txt").write_text("mine")
    with pytest.raises(UsageError, match="not a saved dataset"):
        export_corrected(dataset, journal, tmp_path / "stuff", fmt="hf")
    other = load_dataset(pd.DataFrame({"text": ["x", "y"], "label": ["a", "b"]}))
    with pytest.raises(DataError, match="does not match this dataset"):
        export_corrected(other, journal, tmp_path / "out.csv")


def test_hf_export_replaces_an_earlier_export(str_csv, tmp_path):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    target = tmp_path / "hf"
    export_corrected(dataset, journal, target, fmt="hf")
    with Journal.open(journal, dataset) as writer:
        writer.record("exclude", 0, issue_type="outlier")
    with pytest.raises(UsageError, match="exists; pass --force"):
        export_corrected(dataset, journal, target, fmt="hf")
    export_corrected(dataset, journal, target, fmt="hf", force=True)
    assert read_back(target, "hf")["id"].tolist() == ["r1", "r3", "r5"]


def test_cli_export_end_to_end(str_csv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    dataset = load_dataset(str_csv, id_column="id")
    decide(dataset, tmp_path / "data.corrections.jsonl")  # the default journal name
    assert main(["export", str(str_csv), "--id-column", "id", "-o", "fixed.parquet"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["wrote 4 rows to fixed.parquet (parquet): 1 relabelled, 2 excluded, 1 kept as is"]
    assert pd.read_parquet(tmp_path / "fixed.parquet")["label"].tolist() == ["card", "bal", "card", "bal"]

    shutil.copy(tmp_path / "data.corrections.jsonl", tmp_path / "other.jsonl")
    assert main(["export", str(str_csv), "--id-column", "id", "--journal", "other.jsonl",
                 "-o", "changes.csv", "--corrections-only"]) == 0
    assert pd.read_csv(tmp_path / "changes.csv")["row"].tolist() == [1, 2, 4]
    assert main(["export", str(str_csv), "-o", "hfdir", "--format", "hf"]) == 0
    capsys.readouterr()

    cases = [
        (["export", str(str_csv), "-o", str(str_csv)], 2, "is the input file"),
        (["export", str(str_csv), "-o", "x.txt"], 2, "cannot tell the export format"),
        (["export", str(str_csv), "--journal", "none.jsonl", "-o", "x.csv"], 1, "no corrections journal"),
        (["export", str(str_csv), "--label-column", "labels", "-o", "x.csv"], 2, "no label column 'labels'"),
        (["export", str(tmp_path / "absent.csv"), "--journal", "other.jsonl", "-o", "x.csv"], 1, "no such file"),
        (["export", str(str_csv), "-o", "x.csv", "--format", "xml"], 2, "invalid choice"),
    ]
    for argv, code, message in cases:
        assert main(argv) == code, argv
        err = capsys.readouterr().err
        assert err.startswith("textaudit: error: ") and message in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def assert_unchanged_export(dataset, source: Path, tmp_path: Path, out_name: str) -> Path:
    """With no decision the export to ``out_name`` is ``source`` byte for byte; returns the (empty)
    journal, for a test to add decisions to."""
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    export_corrected(dataset, journal, tmp_path / out_name)
    assert (tmp_path / out_name).read_bytes() == source.read_bytes()
    return journal


def _relabel(dataset, journal: Path, row: int, label: str, new: bool = False) -> None:
    with Journal.open(journal, dataset) as writer:
        writer.record("relabel", row, label_after=label, issue_type="label", allow_new_label=new)


def _audit_csv(tmp_path: Path) -> Path:
    """24 rows to audit (row 4's text holds a carriage return), every field quoted; also test_issues_out's."""
    path = tmp_path / "v.csv"
    words = "card pin balance transfer refund cash fee limit".split()
    rows = [(f"{words[i % 8]} {words[(i * 3) % 8]} {i}{chr(13) if i == 4 else ''}x", "ab"[i % 2]) for i in range(24)]
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(path, index=False, quoting=1)  # csv.QUOTE_ALL
    return path


def test_temp_files_of_a_killed_export_are_cleaned_on_the_next_run(str_csv, tmp_path):
    import subprocess
    import sys

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    killed = (
        "import os, signal, sys\n"
        "from engine import atomic\n"
        "with atomic.atomic_open(sys.argv[1], 'wb') as handle:\n"
        "    handle.write(b'half a file'); handle.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    for target in ("out.csv", "hf"):
        run = subprocess.run([sys.executable, "-c", killed, str(out_dir / target)], cwd=Path(__file__).parents[1])
        assert run.returncode == -9
    left = sorted(p.name for p in out_dir.iterdir())
    assert len(left) == 2 and all(name.startswith(".textaudit-tmp-") for name in left)
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    export_corrected(dataset, journal, out_dir / "fixed.csv")
    assert sorted(p.name for p in out_dir.iterdir()) == ["fixed.csv"]


def test_outputs_never_follow_or_replace_links_or_hold_an_input(str_csv, tmp_path):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    decide(dataset, journal)
    victim = tmp_path / "victim.csv"
    victim.write_text("precious")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"):
        export_corrected(dataset, journal, link, force=True)
    assert victim.read_text() == "precious" and link.is_symlink()
    folder = tmp_path / "saved"
    export_corrected(dataset, journal, folder, fmt="hf")
    inside = folder / "j.jsonl"
    inside.write_bytes(journal.read_bytes())
    with pytest.raises(UsageError, match="corrections journal"):  # replacing the folder would drop it
        export_corrected(dataset, inside, folder, fmt="hf", force=True)
    assert inside.exists()


def test_lone_surrogate_survives_json_and_is_a_clear_error_elsewhere(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text":"bad \\ud800 half","label":"x"}\n{"text":"ok","label":"y"}\n')
    dataset = load_dataset(path)
    journal = assert_unchanged_export(dataset, path, tmp_path, "out.jsonl")
    for name in ("out.csv", "out.parquet"):
        with pytest.raises(DataError, match="lone surrogate") as caught:
            export_corrected(dataset, journal, tmp_path / name)
        assert "\n" not in caught.value.message
        assert not (tmp_path / name).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.jsonl", "out.jsonl", "s.jsonl"]


def test_every_row_excluded(str_csv, tmp_path):
    dataset = load_dataset(str_csv, id_column="id")
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, dataset) as writer:
        writer.record_group([("exclude", row, None) for row in range(len(dataset))], issue_type="outlier")
    export_corrected(dataset, journal, tmp_path / "none.csv")
    assert (tmp_path / "none.csv").read_text() == "id,text,label,note\n"
    export_corrected(dataset, journal, tmp_path / "none.parquet")
    assert pd.read_parquet(tmp_path / "none.parquet").columns.tolist() == ["id", "text", "label", "note"]
    with pytest.raises(DataError, match="no rows left"):
        export_corrected(dataset, journal, tmp_path / "hf", fmt="hf")
    assert not (tmp_path / "hf").exists()


@pytest.mark.parametrize("encoding, written, bom", [
    ("utf-16", "utf-16", b""), ("utf-16-be", "utf-16-be", b""), ("utf-32", "utf-32", b""),
    ("utf-16", "utf-16-be", codecs.BOM_UTF16_BE),  # big-endian with a BOM: came back little-endian
    ("utf-32", "utf-32-be", codecs.BOM_UTF32_BE),
])
def test_wide_encodings_come_back_byte_for_byte(tmp_path, encoding, written, bom):
    """UTF-16/32 CSVs: a BOM was written before every chunk and the final line break was lost
    (line breaks were looked for as single bytes); a relabel changes one cell."""
    body = "text,label\r\n" + "".join(f"t\u00e9xt {i} \U0001F600,{'ab'[i % 2]}\r\n" for i in range(6))
    path = tmp_path / "w.csv"
    path.write_bytes(bom + body.encode(written))
    dataset = load_dataset(path, encoding=encoding)
    assert dataset.texts[0] == "t\u00e9xt 0 \U0001F600" and dataset.class_names == ["a", "b"]
    journal = assert_unchanged_export(dataset, path, tmp_path, "out.csv")
    _relabel(dataset, journal, 0, "b")
    export_corrected(dataset, journal, tmp_path / "out2.csv")
    changed = body.replace("0 \U0001F600,a", "0 \U0001F600,b")
    assert (tmp_path / "out2.csv").read_bytes() == bom + changed.encode(written)


def test_an_export_of_a_dataset_read_before_its_file_changed_says_so(str_csv, tmp_path):
    """The app exports the rows it audited: when the file changed on disk since (rows appended by
    someone else), the export said nothing and the new rows were silently not in it."""
    dataset = load_dataset(str_csv)
    journal = tmp_path / "j.jsonl"
    journal.write_text("")
    quiet = export_corrected(dataset, journal, tmp_path / "a.csv")
    assert not any("changed on disk" in w for w in quiet.warnings)
    with str_csv.open("a") as handle:
        handle.write("r6,another text,card,q\n")
    summary = export_corrected(dataset, journal, tmp_path / "b.csv")
    assert any("changed on disk after it was read" in w for w in summary.warnings)
    fresh = export_corrected(load_dataset(str_csv), journal, tmp_path / "c.csv")  # the CLI reads it anew
    assert not any("changed on disk" in w for w in fresh.warnings)


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder nobody can write in: mode 555, and as root (who ignores modes) also immutable
    (chattr +i); skipped where neither holds."""
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = False
    try:
        (folder / "probe").touch()
    except OSError:
        pass
    else:
        (folder / "probe").unlink()
        immutable = shutil.which("chattr") is not None and subprocess.run(
            ["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        if not immutable:
            folder.chmod(0o755)
            pytest.skip("cannot make a read-only folder here (root without chattr)")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_a_read_only_output_folder_fails_before_any_work(read_only_folder, str_csv, tmp_path, capsys):
    """--issues-out in a read-only folder failed after the whole audit (an hour at 1M rows);
    export -o after reading the data. Both fail first now, with the same one line."""
    data = _audit_csv(tmp_path)
    code = main(["audit", str(data), "--model", "tfidf", "--issues-out", str(read_only_folder / "i.parquet")])
    err = capsys.readouterr().err
    assert code == 1 and f"cannot write {read_only_folder / 'i.parquet'}" in err, err
    assert "embed" not in err and "audit" not in err.replace("textaudit", ""), err  # no stage ran
    (tmp_path / "d.corrections.jsonl").write_text("")
    code = main(["export", str(str_csv), "--journal", str(tmp_path / "d.corrections.jsonl"),
                 "-o", str(read_only_folder / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1 and f"cannot write {read_only_folder / 'out.csv'}" in err and len(err.strip().splitlines()) == 1, err
    assert list(read_only_folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
@pytest.mark.parametrize("encoding, written, bom", [
    ("latin-1", "latin-1", b""), ("cp1252", "cp1252", b""), ("utf-16", "utf-16", b""),
    ("utf-16", "utf-16-be", codecs.BOM_UTF16_BE),
])
def test_json_files_in_another_encoding_come_back_in_it(tmp_path, fmt, encoding, written, bom):
    """A latin-1 / cp1252 / UTF-16 JSONL or JSON file read with --encoding was exported as UTF-8:
    every non-ASCII byte changed, and the export read back with the same --encoding gave
    mojibake ('cafÃ©', latin-1 reads any bytes) or failed (UTF-16: no BOM). It is written in the
    input's encoding, byte for byte; a new label the encoding cannot hold becomes a JSON \\u escape."""
    records = [{"text": f"caf\u00e9 {i} \u00e0 bient\u00f4t", "label": ["\u00e9t\u00e9", "hiver", "\\u20ac"][i % 3]}
               for i in range(6)]
    lines = [json.dumps(r, ensure_ascii=False).replace("\\\\u20ac", "\\u20ac") for r in records]
    body = "\r\n".join(lines) + "\r\n" if fmt == "jsonl" else "[\r\n" + ",\r\n".join(lines) + "\r\n]"
    path = tmp_path / f"w.{fmt}"
    path.write_bytes(bom + body.encode(written))
    dataset = load_dataset(path, encoding=encoding)
    assert dataset.texts[0] == "caf\u00e9 0 \u00e0 bient\u00f4t" and "\u20ac" in dataset.class_names
    journal = tmp_path / "j.jsonl"
    journal.write_bytes(b"")
    export_corrected(dataset, journal, tmp_path / f"out.{fmt}")
    assert (tmp_path / f"out.{fmt}").read_bytes() == bom + body.encode(written)
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 0, label_after="\u20ac", issue_type="label")
        open_journal.record("relabel", 1, label_after="\u00e9t\u00e9", issue_type="label")
    export_corrected(dataset, journal, tmp_path / f"out2.{fmt}")
    out = (tmp_path / f"out2.{fmt}").read_bytes()
    euro = "\\u20ac" if encoding == "latin-1" else "\u20ac"  # latin-1 has no euro sign
    want = body.replace('0 \u00e0 bient\u00f4t", "label": "\u00e9t\u00e9"', f'0 \u00e0 bient\u00f4t", "label": "{euro}"')
    want = want.replace('1 \u00e0 bient\u00f4t", "label": "hiver"', '1 \u00e0 bient\u00f4t", "label": "\u00e9t\u00e9"')
    assert out == bom + want.encode(written)
    back = load_dataset(tmp_path / f"out2.{fmt}", encoding=encoding)
    assert back.frame["label"].tolist()[:3] == ["\u20ac", "\u00e9t\u00e9", "\u20ac"]
    assert back.texts == dataset.texts
