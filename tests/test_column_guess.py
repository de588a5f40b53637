"""Text/label columns guessed when the user did not name them (engine/column_guess.py): the rule,
its ambiguous cases, and one file audited, relabelled, exported and reopened by its guessed column."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from engine.column_guess import guess_notes, name_key, resolve_columns
from engine.corrections import Journal
from engine.errors import UsageError
from engine.load import load_dataset
from tui.cli import main

T3 = ["hello there", "bye now", "hi again"]


def _resolve(columns: dict, text=None, label=None, id_column=None):
    return resolve_columns(pd.DataFrame(columns), text, label, id_column)


@pytest.mark.parametrize("name", ["category", "Category", " CLASS ", "intent", "Topic", "sentiment", "y",
                                  "labels", "coarse-label", "label_text", "class_id"])
def test_a_lone_label_like_column_is_taken_and_said(name):
    text, label, notes = _resolve({"text": T3, name: ["a", "b", "a"]})
    assert (text, label) == ("text", name)
    shown = name if name == name.strip() else repr(name)
    assert notes == [f"label column: {shown} (guessed; --label-column to choose)"]
    assert guess_notes(["other", *notes]) == notes


@pytest.mark.parametrize("name", ["sentence", "Review", "utterance", "review_text", "content"])
def test_a_lone_text_like_column_is_taken_and_said(name):
    text, label, notes = _resolve({name: T3, "label": ["a", "b", "a"]})
    assert (text, label) == (name, "label")
    assert notes == [f"text column: {name} (guessed; --text-column to choose)"]


def test_text_and_label_are_taken_as_they_are_with_no_note():
    assert _resolve({"category": ["a", "b", "a"], "text": T3, "label": ["x", "y", "x"]}) == ("text", "label", [])


def test_two_label_candidates_are_ambiguous_and_both_named():
    with pytest.raises(UsageError) as error:
        _resolve({"text": T3, "coarse_label": ["a", "b", "a"], "fine_label": ["a1", "b1", "a2"]})
    message = str(error.value)
    assert message.startswith("no label column 'label' (columns: text, coarse_label, fine_label)")
    assert "'coarse_label', 'fine_label' could each be it; choose one with --label-column" in message
    assert "\n" not in message


def test_two_text_candidates_suggest_choosing_or_joining_them():
    """ag_news: label, title, description: no silent choice of one half of each text."""
    with pytest.raises(UsageError, match=r"choose one with --text-column \(or join several: --text-column "
                                         r"title\+description\)"):
        _resolve({"label": [1, 2, 1], "title": T3, "description": T3})


@pytest.mark.parametrize("values,why", [
    ([0.25, 0.5, 0.75], "it holds fractional numbers"),
    ([101, 102, 103], "every row has a different value"),
    ([None, None, None], "every value is missing"),
])
def test_a_label_candidate_whose_values_are_no_classes_is_not_taken(values, why):
    with pytest.raises(UsageError, match=f"'target' is not taken: {why}.*choose one with --label-column"):
        _resolve({"text": T3, "target": values})


def test_whole_number_floats_and_list_labels_can_be_guessed():
    assert _resolve({"text": T3, "class": [1.0, 2.0, 1.0]})[1] == "class"
    assert _resolve({"text": T3, "tags": [["a"], ["b", "a"], ["b", "a"]]})[1] == "tags"


def test_a_candidate_is_taken_beside_a_score_column_but_not_beside_a_distinct_per_row_one():
    assert _resolve({"text": T3, "category": ["a", "b", "a"], "target": [0.1, 0.7, 0.3]})[1] == "category"
    with pytest.raises(UsageError, match="could each be it"):  # fine classes, each seen once so far
        _resolve({"text": T3, "category": ["a", "b", "a"], "fine_label": ["a1", "b1", "a2"]})


def test_the_text_column_and_the_id_column_are_never_the_guessed_label():
    frame = {"topic": T3, "intent_id": [1, 2, 1], "intent": ["a", "b", "a"]}
    assert _resolve(frame, text="topic", id_column="intent_id")[1] == "intent"
    with pytest.raises(UsageError, match="could each be it"):
        _resolve(frame, text="topic")  # intent_id and intent: two candidates


def test_a_column_cannot_be_both_text_and_label():
    with pytest.raises(UsageError, match="cannot be both the text and the label"):
        _resolve({"text": T3, "label": ["a", "b", "a"]}, text="label", label="label")
    # a given text column named 'label' is not taken for the label too
    assert _resolve({"label": T3, "category": ["a", "b", "a"]}, text="label")[1] == "category"


def test_a_text_candidate_holding_numbers_is_not_taken():
    with pytest.raises(UsageError, match="'body' is not taken: it holds no text"):
        _resolve({"body": [1, 2, 3], "label": ["a", "b", "a"]})


def test_a_given_column_is_never_replaced_by_a_guess():
    with pytest.raises(UsageError, match="no label column 'label' .*did you mean 'Label'"):
        load_dataset(pd.DataFrame({"text": T3, "Label": ["a", "b", "a"]}), label_column="label")
    assert load_dataset(pd.DataFrame({"text": T3, "Label": ["a", "b", "a"]})).label_column == "Label"


def test_a_guessed_name_with_surrounding_spaces_is_shown_quoted():
    """'text , label' as a header: the note said 'label column:  label (guessed' (two spaces)."""
    text, label, notes = _resolve({"text ": T3, " label": ["a", "b", "a"]})
    assert (text, label) == ("text ", " label")
    assert notes == ["text column: 'text ' (guessed; --text-column to choose)",
                     "label column: ' label' (guessed; --label-column to choose)"]
    assert guess_notes(notes) == notes


def test_name_key_ignores_case_space_and_dashes():
    assert name_key(" Gold-Label ") == "gold_label" and name_key("class.name") == "class_name"


# ---- end to end: a `category` file through audit, the journal, export and reopening ----------

ROWS = [(f"please {verb} my {thing} {i}", cat) for i in range(12)
        for verb, thing, cat in [("block", "card", "card"), ("reset", "pin", "pin"), ("show", "balance", "balance")]]


def _category_csv(tmp_path: Path) -> Path:
    lines = ["id,text,category,note"] + [f"r{i},{text},{cat},n {i}" for i, (text, cat) in enumerate(ROWS)]
    path = tmp_path / "tickets.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())  # CRLF: written back so
    return path


def test_a_category_file_audits_relabels_exports_and_reopens_by_its_guessed_column(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _category_csv(tmp_path)
    note = "label column: category (guessed; --label-column to choose)"
    assert main(["audit", str(path), "--model", "tfidf", "--format", "json", "--id-column", "id"]) == 0
    out, err = capsys.readouterr()
    assert err.count(note) == 1 and f"textaudit: note: {note}\n" in err and "error" not in err  # said as it loads
    summary = json.loads(out)
    assert summary["n_classes"] == 3 and summary["notes"][0] == note

    dataset = load_dataset(path, id_column="id")  # as the app loads it: no column named
    assert dataset.label_column == "category" and dataset.warnings[0] == note
    explicit = load_dataset(path, id_column="id", label_column="category")
    assert dataset.label_hash() == explicit.label_hash()  # same cache keys as naming it
    journal = tmp_path / "tickets.corrections.jsonl"  # the default journal name
    with Journal.open(journal, dataset) as open_journal:
        open_journal.record("relabel", 4, label_after="balance", issue_type="label")
    with Journal.open(journal, load_dataset(path, id_column="id")) as reopened:  # resume: replayed
        assert [(d.row, d.label_after) for d in reopened.decisions().values()] == [(4, "balance")]

    assert main(["audit", str(path), "--model", "tfidf", "--format", "json", "--id-column", "id",
                 "--apply-journal", str(journal)]) == 0
    out, err = capsys.readouterr()
    assert f"textaudit: {note}\n" in err and json.loads(out)["journal"]["relabel"] == 1

    out_path = tmp_path / "fixed.csv"
    assert main(["export", str(path), "--id-column", "id", "-o", str(out_path)]) == 0
    out, err = capsys.readouterr()
    assert err == f"textaudit: {note}\n"
    source = path.read_bytes().split(b"\r\n")
    written = out_path.read_bytes().split(b"\r\n")
    assert written[5] == b"r4,please reset my pin 1,balance,n 4"  # row 4: pin -> balance
    assert written[:5] + written[6:] == source[:5] + source[6:]  # every other byte as it was
    assert pd.read_csv(out_path)["category"].tolist()[4] == "balance"


def test_an_ambiguous_file_stops_with_one_line_naming_the_candidates(tmp_path, capsys):
    path = tmp_path / "two.csv"
    path.write_text("text,category,intent\n" + "".join(f"t{i},a{i % 2},b{i % 3}\n" for i in range(9)))
    assert main(["audit", str(path), "--model", "tfidf"]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if not line.startswith("[")]  # not the progress lines
    assert len(lines) == 1 and "'category', 'intent' could each be it" in lines[0] and "Traceback" not in err


async def test_the_app_summary_says_the_guessed_label_column(tmp_path):
    from engine.pipeline import AuditOptions
    from tui.app import TextauditApp

    path = _category_csv(tmp_path)
    app = TextauditApp(source=str(path), options=AuditOptions(id_column="id", model="tfidf"),
                       journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await app.workers.wait_for_complete()
        except Exception:  # the app reports a failed worker itself; the assertion below says what
            pass
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        notes = str(app.screen.query_one("#notes").render())
        assert notes.splitlines()[0] == "note: label column: category (guessed; --label-column to choose)"
        await pilot.press("q")


def test_serve_says_the_guess_before_serving(tmp_path):
    import socket

    from test_serve import _serve

    path = _category_csv(tmp_path)
    with socket.socket() as busy:  # the port is taken: serve stops right after its data check
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = _serve(str(path), "--port", str(busy.getsockname()[1]))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "textaudit: label column: category (guessed; --label-column to choose)"
