"""A relabel to a NEW class from the label picker: a typed name that is no class is offered as
'+ new class: NAME' and confirmed before anything is written (walk32: relabelling a man page to a
section no row had was impossible, the picker said 'no class matches'). The journal line carries
new_label; undo/redo, a reopened app, every export format and a near-duplicate set's legend read it
back; an integer column takes a new integer and refuses a name, in one line."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from pilot_helpers import journal_lines, label_picker, open_issue, settle
from textual.widgets import OptionList, Static
from tui_synthetic import fixed_app

from tui.screens.label_picker import NEW_CLASS, NO_MATCH

NAMES = ["card_lost", "change_pin", "check_balance"]


def prompts(screen) -> list[tuple[str, str | None, bool]]:
    options = screen.query_one("#picker-options", OptionList)
    return [(str(o.prompt), o.id, o.disabled) for o in (options.get_option_at_index(i) for i in range(options.option_count))]


def highlighted(screen) -> str | None:
    options = screen.query_one("#picker-options", OptionList)
    return None if options.highlighted is None else options.get_option_at_index(options.highlighted).id


async def test_a_name_no_class_has_is_offered_as_a_new_class():
    from pilot_helpers import DialogHost

    from tui.screens.label_picker import LabelPicker

    app = DialogHost(LabelPicker(NAMES, new_class=lambda name: None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"newsec")
        await pilot.pause()
        (first, first_id, off), (new, new_id, new_off) = prompts(app.screen)
        assert first_id == NO_MATCH and off and first.startswith("no class matches 'newsec'")
        assert new_id == NEW_CLASS and not new_off and new.startswith("+ new class: newsec")
        assert highlighted(app.screen) == NEW_CLASS  # nothing else to pick: enter takes it (then a confirmation)
        app.screen.query_one("#picker-query").value = "  newsec "  # surrounding spaces are dropped
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["newsec"]


async def test_a_matching_class_keeps_the_highlight_and_an_exact_name_offers_nothing():
    async with label_picker(NAMES, new_class=lambda name: None) as picker:
        picker.fill("card")
        rows = prompts(picker)
        assert rows[0][1] == NEW_CLASS and rows[1][0] == "card_lost"
        assert highlighted(picker) == str(NAMES.index("card_lost"))  # enter still picks the class
        picker.fill("card_lost")
        assert all(option_id != NEW_CLASS for _, option_id, _ in prompts(picker))
        picker.fill("Card Lost")  # a near spelling of a class is said to be one
        assert "(like card_lost: check the spelling)" in prompts(picker)[0][0]


async def test_a_name_the_column_cannot_hold_is_refused_in_one_line():
    reason = "label 'spam' is not an integer, but the labels are"
    async with label_picker(NAMES, new_class=lambda name: reason) as picker:
        picker.fill("spam")
        rows = prompts(picker)
        assert rows[-1] == (f"spam cannot be a new class: {reason}", NEW_CLASS, True)
        assert highlighted(picker) is None
        picker.action_move(1)
        assert highlighted(picker) is None
    async with label_picker(NAMES) as picker:  # no new_class: as before
        picker.fill("newsec")
        assert [option_id for _, option_id, _ in prompts(picker)] == [NO_MATCH]


def int_source(demo_csv: Path, tmp_path: Path, suffix: str) -> Path:
    """The demo with its classes as the integers 1..k (AG News's column): a CSV (text that spells
    integers) or JSON lines (JSON integers)."""
    frame = pd.read_csv(demo_csv, keep_default_na=False)
    codes = {name: i + 1 for i, name in enumerate(sorted(frame["label"].unique()))}
    frame["label"] = frame["label"].map(codes)
    path = tmp_path / f"ints{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", lines=True)
    return path


def app_on(source: Path, journal_path: Path):
    from engine.load import load_dataset

    return fixed_app(SimpleNamespace(dataset=load_dataset(source, id_column="id")), journal_path)


async def type_in_picker(pilot, text: str) -> None:
    pilot.app.screen.query_one("#picker-query").value = text
    await pilot.pause()


async def test_a_new_class_is_confirmed_written_undone_redone_and_offered_again(demo_csv, journal_path):
    app = app_on(demo_csv, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"brand_new")
        await pilot.pause()
        assert highlighted(app.screen) == NEW_CLASS
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"  # asked, nothing written yet
        assert "Relabel row" in str(app.screen.query_one("#bulk-title").render())
        assert "did not see" in str(app.screen.query_one("#bulk-notes", Static).render())
        assert journal_lines(journal_path) == []
        await pilot.press("escape")  # not confirmed: back in the picker, the name as typed
        await pilot.pause()
        assert type(app.screen).__name__ == "LabelPicker"
        assert app.screen.query_one("#picker-query").value == "brand_new"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        line = journal_lines(journal_path)[-1]
        assert (line["action"], line["row"], line["label_after"], line.get("new_label")) == (
            "relabel", row, "brand_new", True)
        assert app.book.describe(row, app.view.shown_names) == "→ brand_new (new)"
        pane = screen.query_one("#detail")
        pane.show(row)
        await pilot.pause()
        assert "a class the audit did not see" in str(pane.query_one("#detail-body", Static).render())
        await pilot.press("u")
        await settle(pilot)
        assert app.book.codes[row] == 0
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.book.describe(row, app.view.shown_names) == "→ brand_new (new)"
        await pilot.press("down")  # another row: the new class is listed, picked without a second question
        await settle(pilot)
        other = screen.target()
        assert other != row
        await pilot.press("l")
        await pilot.pause()
        assert prompts(app.screen)[-1][0] == "brand_new  (new class: the audit did not see it)"
        assert "(7 classes + 1 new)" in str(app.screen.query_one("PartsLabel").render())  # not '+ 1 unused'
        await type_in_picker(pilot, "brand_new")
        assert all(option_id != NEW_CLASS for _, option_id, _ in prompts(app.screen))
        await pilot.press("enter")
        await settle(pilot)
        assert [(x["row"], x["label_after"]) for x in journal_lines(journal_path)[-1:]] == [(other, "brand_new")]
    again = app_on(demo_csv, journal_path)  # reopened: the row reads as relabelled, the class is offered
    async with again.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        assert again.book.describe(row, again.view.shown_names) == "→ brand_new (new)"
        assert "brand_new" in again.book.extra_labels and "brand_new" in again.book.new_labels


@pytest.mark.parametrize("name", ["sec 1|b, c", "padded", '"quoted" Ünï 名前 🙂'])
async def test_a_new_class_exports_in_every_format_and_reads_back(demo_csv, journal_path, tmp_path, name):
    from engine.export import export_corrected
    from engine.load import load_dataset

    app = app_on(demo_csv, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        await pilot.press("l")
        await pilot.pause()
        await type_in_picker(pilot, f"  {name} " if name == "padded" else name)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    dataset = load_dataset(demo_csv, id_column="id")
    for out, fmt in [("o.csv", "auto"), ("o.tsv", "auto"), ("o.jsonl", "auto"), ("o.json", "auto"),
                     ("o.parquet", "auto"), ("o_hf", "hf")]:
        export_corrected(dataset, journal_path, tmp_path / out, fmt=fmt)
        back = load_dataset(tmp_path / out, id_column="id")
        assert back.label_display(row) == name, out
        assert [back.label_display(r) for r in range(len(back)) if r != row] == [
            dataset.label_display(r) for r in range(len(dataset)) if r != row], out


@pytest.mark.parametrize("suffix,refusal", [
    (".csv", "spam cannot be a new class: the labels are integers (1, 2, 3, 4, ...): a new class is one too, e.g. 8"),
    (".jsonl", "spam cannot be a new class: label 'spam' is not an integer, but the labels are")])
async def test_an_integer_column_takes_a_new_integer_and_refuses_a_name(demo_csv, journal_path, tmp_path, suffix,
                                                                       refusal):
    """A name among integer labels made a CSV's column text to every reader (pandas, --label-names): refused,
    in one line, on the '+ new class' line itself; a new integer is written as one."""
    from engine.export import export_corrected
    from engine.load import load_dataset

    source = int_source(demo_csv, tmp_path, suffix)
    app = app_on(source, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_issue(pilot, "label")
        row = screen.target()
        await pilot.press("l")
        await pilot.pause()
        await type_in_picker(pilot, "spam")
        assert prompts(app.screen)[-1] == (refusal, NEW_CLASS, True)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LabelPicker" and journal_lines(journal_path) == []
        await type_in_picker(pilot, "1\t2")  # pasted: a tab
        assert "control character" in prompts(app.screen)[-1][0]
        await type_in_picker(pilot, "01")  # the class 1 written another way
        assert "is the class 1 written another way" in prompts(app.screen)[-1][0].replace("'", "")
        await type_in_picker(pilot, "99")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert journal_lines(journal_path)[-1]["label_after"] == "99"
    for out in ("o" + suffix, "o.parquet"):
        export_corrected(load_dataset(source, id_column="id"), journal_path, tmp_path / out)
        frame = pd.read_parquet(tmp_path / out) if out.endswith("parquet") else (
            pd.read_csv(tmp_path / out) if suffix == ".csv" else pd.read_json(tmp_path / out, lines=True))
        labels = frame["label"].tolist()
        # the column's type kept: integers, or a CSV's labels as the text they were (every cell a str)
        kind = str if suffix == ".csv" and out.endswith("parquet") else int
        assert {type(v) for v in labels} == {kind} and labels[row] == kind(99), out


def test_members_relabelled_to_two_new_classes_are_not_settled(demo_csv, journal_path):
    """settled_label read a new class's -1 as the last class: two members relabelled to two new
    classes (or one to a new class, one to the last class) were 'settled by decisions'."""
    from engine.load import load_dataset
    from tui.decisions import DecisionBook
    from tui.widgets.diff_view import settled_label
    from tui_synthetic import fixed_view

    dataset = load_dataset(demo_csv, id_column="id")
    view = fixed_view(dataset)
    book, _ = DecisionBook.open(journal_path, dataset)
    last = len(view.class_names) - 1
    try:
        book.record("relabel", 0, book.add_label("new_a"), "near_duplicate", None)
        book.record("relabel", 1, book.add_label("new_b"), "near_duplicate", None)
        assert settled_label(view, book, [0, 1]) is None
        book.record("relabel", 1, last, "near_duplicate", None)
        assert settled_label(view, book, [0, 1]) is None
        book.record("relabel", 1, book.add_label("new_a"), "near_duplicate", None)
        assert settled_label(view, book, [0, 1]) == "new_a (new)"
    finally:
        book.close()


async def test_marked_rows_and_a_near_duplicate_set_take_a_new_class(demo_csv, journal_path):
    """With marks the bulk dialog asks (its title says '(new)'); on a near-duplicate set 'l' asks for
    every member, and 'A' gives the set a member's new class (it said 'which this data does not have')."""
    from pilot_helpers import near_duplicate_pair

    app = app_on(demo_csv, journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("space", "space", "l")
        await pilot.pause()
        await type_in_picker(pilot, "marked_new")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "BulkDialog"
        assert "to marked_new (new)" in str(app.screen.query_one("#bulk-title").render())
        await pilot.press("y")
        await settle(pilot)
        assert [(x["label_after"], x.get("new_label")) for x in journal_lines(journal_path)] == [("marked_new", True)] * 2
        await pilot.press("escape")
        await pilot.pause()
        screen, first, second = await near_duplicate_pair(pilot)
        await pilot.press("l")
        await pilot.pause()
        await type_in_picker(pilot, "set_new")
        await pilot.press("enter")
        await pilot.pause()
        assert "Relabel 2 rows to the NEW class set_new" in str(app.screen.query_one("#bulk-title").render())
        await pilot.press("y")
        await settle(pilot)
        assert {(x["row"], x["label_after"]) for x in journal_lines(journal_path)[-2:]} == {
            (first, "set_new"), (second, "set_new")}
        await pilot.press("u")
        await settle(pilot)
        # one member relabelled to the new class (as in an earlier session), then A on it: the other takes it too
        assert not app.book.record("relabel", first, app.book.add_label("set_new"), "near_duplicate", None).error
        screen.refresh_decisions()
        await settle(pilot)
        assert set(screen.diff.members) == {first, second}
        screen.diff.selected = list(screen.diff.members).index(first)
        await pilot.press("A")
        await settle(pilot)
        assert app.book.describe(second, app.view.shown_names) == "→ set_new (new)"
