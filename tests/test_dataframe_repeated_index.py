"""A caller's DataFrame whose index repeats labels (``pd.concat([train, test])`` without
``ignore_index=True``) is said in a note: the per-row results carry the frame's index
(tests/test_dataframe_index.py), and ``df.join(issues)``, the README's way to meet the results,
paired each such row with the other rows' results too, silently (review27: two rows sharing
label 110 joined to four, each text beside the other's label score)."""

from __future__ import annotations

import pandas as pd

from engine import AuditOptions, run_audit
from engine.load import load_dataset
from engine.result import issue_table


def _split(offset: int) -> pd.DataFrame:
    words = {"lock": "freeze block stolen card lost", "money": "top up transfer balance cash"}
    rows = [(f"{words[label].split()[i % 5]} {words[label].split()[(i + 2) % 5]} please {i + offset}", label)
            for i in range(10) for label in words]
    return pd.DataFrame(rows, columns=["text", "label"])


def test_a_concatenated_frame_is_said_to_repeat_its_index(tmp_path):
    df = pd.concat([_split(0), _split(100)])  # both parts numbered 0..19
    notes = [w for w in load_dataset(df).warnings if "index repeats" in w]
    assert len(notes) == 1, load_dataset(df).warnings
    assert notes[0].startswith("the DataFrame's index repeats labels (40 rows share 20, first 0: "), notes[0]
    assert "df.join(issues)" in notes[0] and "reset_index(drop=True)" in notes[0]
    result = run_audit(df, AuditOptions(model="tfidf", cache_root=str(tmp_path), issue_types=("null", "label")))
    assert any("index repeats" in note for note in result.notes)
    assert len(df.join(issue_table(result)[["label_score"]])) > len(df)  # what the note warns of


def test_a_shuffled_or_plain_frame_has_no_such_note():
    df = pd.concat([_split(0), _split(100)], ignore_index=True)
    assert not [w for w in load_dataset(df).warnings if "index" in w]
    assert not [w for w in load_dataset(df.sample(frac=1, random_state=0)).warnings if "index" in w]
