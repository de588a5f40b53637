"""Near-duplicates 'A' on a member whose journal relabel names a class this data does not have
(a journal written with allow_new_label, or for other data): the book knows no class index for
it ('→ ?'), and 'A' gave every member the member's *given* label instead, writing 'keep' over
that relabel, so the decision was gone without a word. Now 'A' refuses and says why."""

from __future__ import annotations

from pilot_helpers import journal_lines, near_duplicate_pair, open_issue, settle
from tui_synthetic import fixed_app

from engine.corrections import Journal
from tui.app import TextauditApp
from tui.decisions import RELABEL


async def test_unify_refuses_a_relabel_to_an_unknown_class(pinned_result, tmp_path):
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
        await pilot.pause()
        assert journal_lines(journal) == before  # nothing written: the relabel stands, no member changed
        said = [n.message for n in app._notifications]
        assert any("'savings_enquiry'" in m and "does not have" in m for m in said), said


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
