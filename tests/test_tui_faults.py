"""TUI faults: a journal write that fails is never shown as saved; hostile texts render safely."""

from __future__ import annotations

import errno
import json
import os

import pandas as pd
import pytest
from pilot_helpers import every_row, journal_lines, open_issue, wait_until

from engine.pipeline import AuditOptions, run_audit
from tui.app import TextauditApp
from tui.widgets.row_list import RowList


async def test_disk_full_decision_is_not_saved_and_says_so(demo_result, tmp_path, monkeypatch):
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(demo_result, journal_path=journal)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        rows = app.screen.query_one("#rows", RowList)
        first = rows.current_row
        monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(str(message)))

        def disk_full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        real_fsync = os.fsync
        monkeypatch.setattr("engine.corrections.os.fsync", disk_full)
        await pilot.press("a")
        assert len(notices) == 1 and notices[0].count("NOT saved") == 1, notices
        assert rows.current_row == first  # the cursor did not move on
        assert app.screen.cell(first, "decision") == ""  # nothing pretends to be decided
        assert journal_lines(journal) == []  # the half-written line was rolled back
        monkeypatch.setattr("engine.corrections.os.fsync", real_fsync)  # space again
        await pilot.press("a")
        assert [e["row"] for e in journal_lines(journal)] == [first]
        assert app.screen.cell(first, "decision").startswith("→")


HOSTILE = [
    "שלום, איפה הכרטיס שלי?",  # right-to-left
    "my card 💳 was stolen 😡👍🏽",  # emoji, a skin-tone modifier
    "zero\u200bwidth\u200djoiner card lost",  # zero-width characters
    "evil \x1b[2J\x1b[31mred\x07 card lost",  # escape sequences and a bell
]


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory):
    texts = [f"I lost my card number {i}" for i in range(12)] + [f"what is my balance {i}" for i in range(12)]
    labels = ["card"] * 12 + ["balance"] * 12
    frame = pd.DataFrame({"text": texts + HOSTILE, "label": labels + ["card"] * len(HOSTILE)})
    cache = tmp_path_factory.mktemp("hostile-cache")
    return run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=str(cache)))


async def test_rtl_emoji_zero_width_and_escapes_render_safely(hostile_result, tmp_path):
    app = TextauditApp(hostile_result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        rows = await every_row(pilot, "label")
        for index, text in enumerate(HOSTILE):
            rows.move_to_row(24 + index)
            await pilot.pause()
            lines = [rows.render_line(y).text for y in range(rows.size.height)]
            shown = next(line for line in lines if line.startswith("▶"))
            assert "\x1b" not in shown and "\x07" not in shown
            screen = app.export_screenshot()
            assert "\x1b" not in screen and "\x07" not in screen
        assert "␛[2J" in shown  # the escape is drawn as a symbol, not executed
        rows.move_to_row(24)
        await pilot.pause()
        assert "שלום" in app.export_screenshot()
        rows.move_to_row(25)
        await pilot.pause()
        assert "💳" in app.export_screenshot()
        await pilot.resize_terminal(40, 12)  # tiny: the hostile row must still lay out and stay selected
        await pilot.pause()
        small = [rows.render_line(y).text for y in range(rows.size.height)]
        assert rows.current_row == 25 and any(line.startswith("▶") for line in small)
        assert all("\x1b" not in line for line in small)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert rows.current_row == 25 and "💳" in app.export_screenshot()


async def test_another_datasets_journal_opens_read_only(demo_result, tmp_path):
    """``--journal`` naming another dataset's journal: the app reported its decisions as not
    applied, then appended new ones to it, mixing two datasets in one file (the export refuses
    such a journal). It opens read-only, says why, and the file is left as it was."""
    from engine.corrections import Journal
    from engine.load import load_dataset

    other = tmp_path / "other.csv"
    other.write_text("text,label\n" + "".join(f"other text {i},{'xy'[i % 2]}\n" for i in range(6)))
    journal = tmp_path / "other.corrections.jsonl"
    with Journal.open(journal, load_dataset(other)) as writer:
        writer.record("relabel", 2, label_after="y", issue_type="label")
        writer.record("exclude", 3, issue_type="label")
    before = journal.read_bytes()
    app = TextauditApp(demo_result, journal_path=journal)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.book.read_only
        await open_issue(pilot, "label")
        app.notify = lambda message, **kw: notices.append(str(message))
        await pilot.press("a")
        await pilot.pause()
    assert journal.read_bytes() == before
    assert app.book.problem.startswith(f"READ-ONLY: journal {journal} does not match this dataset")
    assert app.book.problem.endswith(f"--journal {tmp_path / 'data-demo.corrections.jsonl'}")  # a free name
    assert notices and "not saved" in notices[0].lower(), notices


async def test_a_huge_text_is_drawn_cut_with_a_note(tmp_path):
    """A 1.2 MB text took ~4 s to wrap in the detail pane on every cursor move (the UI thread
    frozen), and two near-duplicate huge texts went through difflib whole. The panes draw the
    first SHOWN_CHARS characters and say how many more the data holds."""
    from tui.widgets.detail_pane import DetailPane
    from tui.widgets.diff_view import DiffView

    shown_chars = 20_000  # tui.widgets.detail_pane.SHOWN_CHARS

    words = [f"w{i}" for i in range(15_000)]  # distinct words: difflib stays fast without the cut
    huge = " ".join(words)  # ~100k characters
    texts = [f"I lost my card number {i}" for i in range(12)] + [f"what is my balance {i}" for i in range(12)]
    frame = pd.DataFrame({"text": texts + [huge, huge], "label": ["card"] * 12 + ["balance"] * 14})
    result = run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    assert result.output.issues["is_near_duplicate_issue"].iloc[24:].all()
    app = TextauditApp(result, journal_path=tmp_path / "j.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_issue(pilot, "near_duplicate")
        diff = app.screen.query_one(DiffView)
        # the list's highlight shows its first set a few messages after the order worker's result:
        # wait for it, or it can replace the set shown below (as it did under load)
        await wait_until(pilot, lambda: bool(diff.members), "the near-duplicate screen to show its first set")
        diff.show([24, 25])  # the set of the two huge texts
        rendered = diff.render_set()
        plain = "".join(segment.text for segment in app.console.render(rendered, app.console.options))
        assert "more characters not shown" in plain and len(plain) < 3 * shown_chars + 20_000
        await open_issue(pilot, "outlier")
        detail = app.screen.query_one(DetailPane).render_row(24)
        assert "more characters not shown" in detail.plain and len(detail.plain) < shown_chars + 5_000


async def test_labels_with_control_characters_are_drawn_safely(tmp_path):
    """Texts were made terminal-safe, labels were not: a label 'esc\\x1b[31mred' recoloured the
    terminal, 'multi\\nline' broke the detail pane, chart and picker lines, a tab widened the chart.
    They are drawn with symbols; the journal still records the label exactly."""
    from textual.widgets import OptionList

    from tui.widgets.detail_pane import DetailPane

    labels = ["multi\nline", "tab\there", "esc\x1b[31mred"]
    texts = [f"w{i % 3} card balance number {i}" for i in range(30)]
    frame = pd.DataFrame({"text": texts, "label": [labels[i % 3] for i in range(30)]})
    result = run_audit(frame, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert all(name.isprintable() for name in app.view.shown_names)
        assert all(line.isprintable() for line in app.view.report.splitlines())
        rows = await every_row(pilot, "outlier")
        lines = [rows.render_line(y).text for y in range(rows.size.height)]
        # quoted with escapes as repr does (tui.names.drawn_name): no raw control, no look-alikes
        assert any("'esc\\x1b[31mred'" in line for line in lines) and all(line.isprintable() for line in lines)
        detail = app.screen.query_one(DetailPane).render_row(rows.current_row)
        assert any(repr(label) in detail.plain for label in labels), detail.plain
        assert "\x1b" not in detail.plain and "\t" not in detail.plain
        row = rows.current_row
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert all(prompt.isprintable() for prompt in prompts), prompts
        given = result.dataset.class_names[int(result.dataset.labels[row])]
        wanted = next(label for label in labels if label != given)
        drawn = repr(wanted)
        options.highlighted = next(i for i, p in enumerate(prompts) if p.startswith(drawn))
        await pilot.press("enter")
        await pilot.pause()
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    assert entries[-1]["action"] == "relabel" and entries[-1]["label_after"] == wanted  # exactly the data's


async def test_multilabel_names_with_control_characters_are_drawn_safely(tmp_path):
    """Single-label names were made terminal-safe, label-set names were not: the set column, the
    suggestion, the detail pane, the summary's pairs and the set picker sent 'esc\\x1b[31mred' raw.
    They are drawn with symbols; the journal still records the names exactly."""
    from textual.widgets import SelectionList, Static

    from tui.widgets.detail_pane import DetailPane

    names = ["multi\nline", "tab\there", "esc\x1b[31mred", "plain"]
    sets = [[names[i % 4], names[(i + 1) % 4]] if i % 3 else [names[i % 4]] for i in range(48)]
    texts = [f"w{i % 4} card balance number {i} {'extra' if i % 3 else ''}" for i in range(48)]
    result = run_audit(pd.DataFrame({"text": texts, "label": sets}),
                       AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    assert result.dataset.is_multilabel
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(result, journal_path=journal)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pairs = str(app.screen.query_one("#cooccurrence", Static).render())
        assert "'esc\\x1b[31mred'" in pairs and "\x1b" not in pairs and "\t" not in pairs  # quoted as repr does
        rows = await every_row(pilot, "label")
        lines = [rows.render_line(y).text for y in range(rows.size.height)]
        # the name as repr draws it, 'esc\x1b[31mred' (a narrow cell cuts its middle: 'esc\x…1mred')
        assert any("'esc\\x" in line for line in lines) and all(line.isprintable() for line in lines)
        row = next(r for r in range(48) if "esc\x1b[31mred" in sets[r])
        detail = app.screen.query_one(DetailPane).render_row(row).plain
        assert "'esc\\x1b[31mred'" in detail and "\x1b" not in detail and "\t" not in detail
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#set-options", SelectionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 4 and all(prompt.isprintable() for prompt in prompts), prompts
        chosen = str(app.screen.query_one("#set-chosen").render())
        assert chosen.isprintable(), chosen
        await pilot.press("escape")
        await pilot.pause()
        current = rows.current_row
        await pilot.press("o")  # keep: the journal line names the set as the data has it
        await pilot.pause()
    entry = journal_lines(journal)[-1]
    assert entry["action"] == "keep" and entry["row"] == current
    assert sorted(json.loads(entry["label_before"])) == sorted(sets[current])  # raw names, escapes and all


def test_another_datasets_journal_suggests_a_named_journal_for_a_relative_path(tmp_path, monkeypatch):
    """Opened as 'numlabels.csv' from its folder, the suggestion was '--journal .../-numlabels.corrections.jsonl'
    (the relative path has no parent name)."""
    from engine.corrections import Journal
    from engine.load import load_dataset
    from tui.decisions import DecisionBook

    folder = tmp_path / "bank"
    folder.mkdir()
    other = tmp_path / "other.csv"
    other.write_text("text,label\n" + "".join(f"other text {i},{'xy'[i % 2]}\n" for i in range(6)))
    journal = tmp_path / "other.corrections.jsonl"
    with Journal.open(journal, load_dataset(other)) as writer:
        writer.record("exclude", 3, issue_type="label")
    (folder / "numlabels.csv").write_text("text,label\n" + "".join(f"mine {i},{'12'[i % 2]}\n" for i in range(6)))
    monkeypatch.chdir(folder)
    book, messages = DecisionBook.open(journal, load_dataset("numlabels.csv"))
    assert book.read_only
    assert messages[0].endswith(f"--journal {tmp_path / 'bank-numlabels.corrections.jsonl'}"), messages[0]
    book.close()


async def test_a_journal_deleted_while_the_app_is_open_is_said_at_once_and_on_exit(demo_result, tmp_path):
    """'rm demo.corrections.jsonl' with the app open: the next decisions went into the deleted
    file and the exit line said 'saved 3 decisions ... in demo.corrections.jsonl' (a missing file)."""
    journal = tmp_path / "j.jsonl"
    app = TextauditApp(demo_result, journal_path=journal)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_issue(pilot, "label")
        await pilot.press("x")
        await pilot.pause()
        assert len(journal_lines(journal)) == 1
        journal.unlink()
        app.notify = lambda message, **kw: notices.append(str(message))
        await pilot.press("x")
        await pilot.pause()
        assert int(app.book.codes.astype(bool).sum()) == 1  # the refused decision is not shown as made
    assert notices and "NOT saved" in notices[0] and "deleted, moved or replaced" in notices[0], notices
    farewell = app.book.farewell(journal)
    assert "deleted, moved or replaced while the app was open" in farewell and "NOT in it" in farewell
