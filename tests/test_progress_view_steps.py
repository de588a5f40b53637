"""The predict stage's line while the TF-IDF view runs its own steps (walk38).

engine/second_view.py relays the view's embed, neighbours and predict as predict reports
('TF-IDF view: embed', ...). On banking77 test (3,080 rows) the progress screen read
'predict    2,284/3,080 folds · 120 folds/s' while the view embedded its texts: the texts were
counted as folds, at a speed measured from the model's first fold. Each step now reads in its own
units, named, with a speed from its own counts.
"""

from __future__ import annotations

from tui.screens.progress import StageClock


def test_the_view_steps_read_in_their_own_units():
    clock = StageClock("predict", started=0.0)
    clock.report(0.0, 0, 1, "starting")
    clock.report(0.1, 0, 5, "")
    clock.report(10.0, 1, 5, "")
    clock.report(20.0, 5, 5, "")  # the model's folds, done
    assert clock.line(20.5).startswith("predict    5/5 folds")
    clock.report(21.0, 0, 3080, "TF-IDF view: embed loading tfidf")
    assert clock.line(21.5) == "predict    TF-IDF view: loading tfidf, then 3,080 texts · 22s"
    clock.report(22.0, 100, 3080, "TF-IDF view: embed")
    clock.report(32.0, 2284, 3080, "TF-IDF view: embed")
    line = clock.line(32.0)
    assert line.startswith("predict    TF-IDF view: 2,284/3,080 texts · 218 texts/s · "), line
    assert "folds" not in line
    clock.report(40.0, 0, 5, "TF-IDF view: predict")
    assert clock.line(40.0) == "predict    TF-IDF view: 0/5 folds · 40s"
    clock.report(50.0, 1, 5, "TF-IDF view: predict")
    assert clock.line(50.0).startswith("predict    TF-IDF view: 1/5 folds · ")
    clock.report(60.0, 5, 5, "TF-IDF view: predict")
    clock.finished = 61.0
    assert clock.line(62.0) == "predict    done in 1m01s · 5 folds"


def test_only_a_predict_report_naming_a_stage_is_a_step():
    from tui.screens.progress import split_step

    assert split_step("predict", "TF-IDF view: neighbours") == ("TF-IDF view", "neighbours", "")
    assert split_step("predict", "") == ("", "", "")
    assert split_step("embed", "loading x: embed") == ("", "", "loading x: embed")
    assert split_step("predict", "TF-IDF view: embedding") == ("", "", "TF-IDF view: embedding")
