"""Near-duplicates 'A' on a member whose journal relabel names a class this data does not have
(a journal written with allow_new_label, or for other data): the book knew no class index for
it ('→ ?'), and 'A' gave every member the member's *given* label instead, writing 'keep' over
that relabel, so the decision was gone without a word. Then 'A' refused and said why; since the
label picker makes new classes (s33), the book knows the journal's new class (extra_labels) and
'A' gives it to every member, the member's relabel untouched."""

from __future__ import annotations

from pilot_helpers import journal_lines, near_duplicate_pair, open_issue, settle
from tui_synthetic import fixed_app

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.decisions import RELABEL


async def test_unify_gives_a_relabel_to_a_new_class(pinned_result, tmp_path):
    journal = tmp_path / "j.jsonl"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, first, second = await near_duplicate_pair(pilot)
        view = app.view
    with Journal.open(journal, pinned_result.dataset) as j:  # as another tool (or data version) wrote it
        j.record("relabel", first, label_after="savings_enquiry", issue_type="label", allow_new_label=True)
    before = journal_lines(journal)

    app = TextauditApp(pinned_result, journal_path=journal, view=view)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_issue(pilot, "near_duplicate")
        assert screen.target() == first and screen.book.codes[first] == RELABEL and screen.book.labels[first] < 0
        await pilot.press("A")
        await settle(pilot)
        lines = journal_lines(journal)
        assert lines[:len(before)] == before  # the relabel stands
        # every member to the new class (one group, as for a class of the data), 'keep' over none
        assert sorted((x["action"], x["row"], x["label_after"], x.get("new_label")) for x in lines[len(before):]) == [
            ("relabel", first, "savings_enquiry", True), ("relabel", second, "savings_enquiry", True)]
        assert screen.book.describe(second, view.shown_names) == "→ savings_enquiry (new)"
        assert screen.book.describe(first, view.shown_names) == "→ savings_enquiry (new)"


async def test_a_relabel_to_an_unknown_class_shows_its_label(pinned_result, tmp_path):
    """The decision reads '→ savings_enquiry (new)' (the set's header, the detail pane), not '→ ?'."""
    journal = tmp_path / "j.jsonl"
    with Journal.open(journal, pinned_result.dataset) as j:
        j.record("relabel", 5, label_after="savings_enquiry", issue_type="label", allow_new_label=True)
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.book.describe(5, app.view.shown_names) == "→ savings_enquiry (new)"
        await open_issue(pilot, "label")
        app.screen.show_row(5)
        await settle(pilot)
        body = str(app.screen.query_one("#detail-body").render())
        assert "decision: → savings_enquiry (new)" in body
