"""Review features on label sets (issue 16 x issue 13), under Pilot on the bundled multi-label demo:
the threshold dialog says its default is the audit's own verdict, not a score cut, and what the
score means for sets; near-duplicate sets
conflict by whole label sets; the re-audit (R) counts every label a row carries in its per-label
table, equal to a count by hand; a CSV with --label-sep stays multi-label when corrected."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
from pilot_helpers import settle
from rich.console import Console
from textual.widgets import Static

from engine.review import ScoreIndex, implied_threshold
from tui.screens.reaudit import ReauditScreen
from tui.screens.threshold_dialog import ThresholdDialog


async def test_threshold_dialog_says_the_default_is_not_a_score_cut_then_moves_one(ml_app):
    notices: list[str] = []
    notify = ml_app.notify
    ml_app.notify = lambda message, *args, **kwargs: (notices.append(str(message)), notify(message, *args, **kwargs))
    async with ml_app.run_test(size=(120, 36)) as pilot:
        view = ml_app.view
        original = view.flags["label"].copy()
        scores = view.scores["label"]
        default = implied_threshold(scores, original)
        # the multi-label flags are Datalab's verdict, not "score <= default": more rows score that low
        assert int((scores <= default).sum()) > int(original.sum())
        ml_app.open_issue("label")
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        dialog = ml_app.screen
        assert isinstance(dialog, ThresholdDialog) and dialog.issue_type == "label"
        summary = str(dialog.query_one("#threshold-summary", Static).render())
        assert f"audit default: {int(original.sum())} rows, its own verdict, not a score cut" in summary
        assert "score ≤" not in summary and "label sets:" in summary
        await pilot.press("right", "right")
        await pilot.pause()
        summary = str(dialog.query_one("#threshold-summary", Static).render())
        assert f"the {int(original.sum()) + 2} lowest-scored rows" in summary and "not a score cut" in summary
        await pilot.press("enter")
        await settle(pilot)
        threshold = float(ScoreIndex(scores).sorted_scores[int(original.sum()) + 1])
        assert np.array_equal(view.flags["label"], scores <= threshold)
        assert sorted(ml_app.screen.row_list.order.tolist()) == np.flatnonzero(view.flags["label"]).tolist()
        await pilot.press("t", "0", "enter")  # back to the audit's own flags, said as such
        await settle(pilot)
        assert np.array_equal(view.flags["label"], original)
        assert any("the audit's own verdict (not a score cut)" in n for n in notices)


def test_near_duplicate_conflicts_compare_whole_sets(ml_result) -> None:
    from tui.duplicate_sets import near_duplicate_sets
    from tui.view import AuditView

    view = AuditView.from_result(ml_result)
    sets = view.multilabel.sets
    keys = view.label_keys()
    for a in range(len(sets)):
        for b in range(a + 1, min(len(sets), a + 40)):
            assert (keys[a] == keys[b]) == (sets[a] == sets[b])
    # two rows sharing a first label but not their sets: a conflict, ranked before a clean pair
    same_first = next((a, b) for a in range(len(sets)) for b in range(a + 1, len(sets))
                      if sets[a] and sets[b] and sets[a][0] == sets[b][0] and sets[a] != sets[b])
    same_set = next((a, b) for a in range(len(sets)) for b in range(a + 1, len(sets))
                    if sets[a] and sets[a] == sets[b] and a not in same_first and b not in same_first)
    flagged = np.zeros(len(sets), dtype=bool)
    members = np.empty(len(sets), dtype=object)
    flagged[[same_first[0], same_set[0]]] = True
    members[same_first[0]], members[same_set[0]] = [same_first[1]], [same_set[1]]
    score = np.ones(len(sets))
    score[list(same_set)] = 0.0  # the clean pair is tighter: only the conflict can put the other first
    groups = near_duplicate_sets(flagged, members, keys, score)
    assert [sorted(g.tolist()) for g in groups] == [sorted(same_first), sorted(same_set)]
    assert view.set_has_conflict(groups[0]) and not view.set_has_conflict(groups[1])


async def test_reaudit_counts_every_label_of_a_set(ml_app, ml_result):
    ml_dataset = ml_result.dataset
    names = ml_dataset.class_names
    rows = np.flatnonzero(ml_result.output.issues["is_label_issue"].to_numpy(bool))[:6].tolist()
    async with ml_app.run_test(size=(130, 40)) as pilot:
        ml_app.open_issue("label")
        await settle(pilot)
        ml = ml_app.view.multilabel
        for _ in rows[:4]:
            await pilot.press("a")  # accept the suggested set change
            await settle(pilot)
        assert sum(1 for line in ml_app.journal_path.read_text().splitlines()
                   if json.loads(line)["action"] == "relabel") == 4
        await pilot.press("R")
        for _ in range(600):
            await ml_app.workers.wait_for_complete()
            await pilot.pause()
            if isinstance(ml_app.screen, ReauditScreen) and not ml_app.screen.running:
                break
        screen = ml_app.screen
        assert isinstance(screen, ReauditScreen) and screen.reaudit is not None, "the re-audit did not finish"
        re = screen.reaudit
        assert re.after.dataset.is_multilabel
        entry = re.delta["label"]
        assert entry["by_class_unit"] == "label"
        # by hand: every label of each resolved row's set before, of each new/remaining row's set after
        before = ml_result.output.issues["is_label_issue"].to_numpy(bool)
        after = np.zeros(len(before), dtype=bool)
        after[re.rows] = re.after.output.issues["is_label_issue"].to_numpy(bool)
        sets_after = {int(r): s for r, s in zip(re.rows.tolist(), re.after.dataset.label_sets)}
        expected: dict[str, dict[str, int]] = {}
        for kind, mask, lookup, label_names in (
                ("resolved", before & ~after, lambda r: ml_dataset.label_sets[r], names),
                ("remaining", before & after, lambda r: sets_after[r], re.after.dataset.class_names),
                ("new", ~before & after, lambda r: sets_after[r], re.after.dataset.class_names)):
            for r in np.flatnonzero(mask).tolist():
                for label in [str(label_names[i]) for i in lookup(r)] or ["(no label)"]:
                    expected.setdefault(label, {"resolved": 0, "remaining": 0, "new": 0})[kind] += 1
        assert entry["by_class"] == expected
        per_label = sum(c["resolved"] + c["remaining"] for c in entry["by_class"].values())
        assert per_label >= entry["resolved"] + entry["remaining"]  # sets of two count twice
        screen.show_classes("label")
        await pilot.pause()
        console = Console(width=130, record=True, file=io.StringIO())
        console.print(screen.query_one("#delta-classes", Static).content)  # the Rich table on screen
        text = console.export_text()
        assert "Label issues by label" in text and "label sets: a row counts under each label of its set" in text
        assert ml.names and any(name in text for name in expected)


def test_corrected_csv_with_a_label_separator_stays_multilabel(tmp_path: Path) -> None:
    from engine.corrections import Journal
    from engine.load import load_dataset
    from engine.multilabel import set_display
    from engine.reaudit import corrected_dataset

    data = tmp_path / "d.csv"
    data.write_text("text,tags\nmy card is lost,card|lost\nsend money,transfer\npay by card,card|payment\n")
    dataset = load_dataset(data, label_column="tags", label_sep="|")
    names = dataset.class_names
    journal = tmp_path / "j.jsonl"
    new = tuple(sorted({names.index("card"), names.index("transfer")}))
    with Journal.open(journal, dataset) as book:
        book.record("relabel", 0, label_after=set_display(names, new), issue_type="label")
    corrected, rows, info, _ = corrected_dataset(dataset, journal)
    assert corrected.is_multilabel and rows.tolist() == [0, 1, 2]
    assert [[corrected.class_names[i] for i in s] for s in corrected.label_sets] == [
        ["card", "transfer"], ["transfer"], ["card", "payment"]]


async def test_filter_matches_every_label_of_a_set_and_label_changes(ml_app):
    async with ml_app.run_test(size=(130, 40)) as pilot:
        ml_app.open_issue("label")
        await settle(pilot)
        view, screen = ml_app.view, ml_app.screen
        ml = view.multilabel
        flagged = np.flatnonzero(view.flags["label"]).tolist()
        names = ml.names

        async def shown(query: str) -> list[int]:
            screen.set_filter(query)
            await settle(pilot)
            return sorted(int(r) for r in screen.row_list.order.tolist())

        refund = names.index("refund")
        rows = await shown("g:refund")
        assert rows == [r for r in flagged if refund in ml.sets[r]]
        # the point: rows where refund is not the set's first label are found too
        assert any(ml.sets[r][0] != refund for r in rows)
        missing = next(names[m[0]] for r in flagged if (m := ml.missing[r]))
        index = names.index(missing)
        assert await shown(f"s:+{missing}") == [r for r in flagged if index in ml.missing[r]]
        wrong = next(names[e[0]] for r in flagged if (e := ml.extra[r]))
        index = names.index(wrong)
        assert await shown(f"s:-{wrong}") == [r for r in flagged if index in ml.extra[r]]
        assert await shown(f"s:{wrong}") == [r for r in flagged if index in ml.suggested(r)]


async def test_near_duplicate_diff_headers_and_row_order_use_whole_sets(ml_app):
    async with ml_app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = ml_app.view
        ml = view.multilabel
        # the row-order check counts changes of label set, not of first label
        assert view.label_order.n_classes == len(set(ml.sets))
        ml_app.open_issue("near_duplicate")
        await settle(pilot)
        diff = ml_app.screen.diff
        assert diff.members
        row = int(diff.members[0])
        assert f"row {row:,} · {ml.given_text(row)}" in diff._header(0, row).plain
        legend = diff._legend().plain
        texts = {ml.given_text(int(r)) for r in diff.members}
        assert ("CONFLICTING LABELS: " + " / ".join(sorted(texts)) in legend) == (len(texts) > 1)


async def test_sorting_other_screens_by_given_orders_whole_sets(ml_app):
    from tui.text_index import never_cancelled

    async with ml_app.run_test(size=(130, 40)) as pilot:
        ml_app.open_issue("outlier")
        await settle(pilot)
        ml = ml_app.view.multilabel
        entries = np.arange(len(ml.sets))
        keys = ml_app.screen.sort_values("given", entries, never_cancelled)
        ordered = [ml.sets[r] for r in np.argsort(keys, kind="stable")]
        assert ordered == sorted(ml.sets)  # the whole set decides, e.g. (app,) before (app, card) before (card,)
