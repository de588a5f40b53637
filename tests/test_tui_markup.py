"""Square brackets in the data are text, never markup: a label 'x [/] y' crashed the app (MarkupError)
in the undo toast and on the confusion screen, '[b]old' lost its brackets, and a file named
'd[bold]x.csv' was shown as 'dx.csv'."""

from __future__ import annotations

import os

import pandas as pd
from pilot_helpers import every_row
from textual.widgets import DataTable, OptionList

from engine.pipeline import AuditOptions, run_audit
from tui.app import TextauditApp
from tui.screens.reaudit import class_table

LABELS = ["x [/] y", "[b]old", "plain"]


def _plain(renderable, width: int = 100) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=open(os.devnull, "w"))
    console.print(renderable)
    return console.export_text()


async def test_brackets_in_labels_texts_and_file_names_are_drawn_as_written(tmp_path):
    texts = [f"{['apple', 'bread', 'cheese'][i % 3]} [/url] item {i}" for i in range(48)]
    labels = [LABELS[(i + (1 if i in (3, 7, 11) else 0)) % 3] for i in range(48)]  # three wrong labels
    path = tmp_path / "d[bold]x.csv"
    pd.DataFrame({"text": texts, "label": labels}).to_csv(path, index=False)
    result = run_audit(path, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    app = TextauditApp(result, journal_path=tmp_path / "j[red]x.jsonl")
    seen: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (seen.append(message), notify(message, **kwargs))[1]
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#title-bar").render())
        assert "d[bold]x.csv" in title and "j[red]x.jsonl" in title
        rows = await every_row(pilot, "outlier")
        row = rows.current_row
        wanted = next(label for label in LABELS[:2] if label != result.dataset.class_names[int(result.dataset.labels[row])])
        await pilot.press("l")
        await pilot.pause()
        options = app.screen.query_one("#picker-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = next(i for i, prompt in enumerate(prompts) if prompt.startswith(wanted))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("u")  # the toast names the label: 'undone: → x [/] y on row …'
        await pilot.pause()
        assert any(f"→ {wanted}" in message for message in seen), seen
        from textual.widgets._toast import Toast

        drawn = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert f"→ {wanted}" in drawn, drawn
        app.action_confusions()
        await pilot.pause()
        table = app.screen.query_one("#confusions", DataTable)
        assert table.row_count
        lines = " ".join(table.render_line(y).text for y in range(table.size.height))
        assert "[/url]" in lines and ("x [/] y" in lines or "[b]old" in lines), lines


def test_reaudit_class_table_draws_names_as_written():
    delta = {"label": {"by_class": {"x [/] y": {"resolved": 2, "remaining": 0, "new": 0},
                                    "[b]old": {"resolved": 1, "remaining": 1, "new": 0},
                                    "tab\there": {"resolved": 1, "remaining": 0, "new": 0}}}}
    text = _plain(class_table(delta, "label"))
    # a name with a control character is quoted as every screen quotes it (tui.names.drawn_name)
    assert "x [/] y" in text and "[b]old" in text and "'tab\\there'" in text and "\t" not in text


async def test_control_characters_in_file_names_are_drawn_safely(tmp_path):
    """A file named 'e\\x1b[31mred.csv' sent its escape raw in the title bar (it recoloured the
    terminal); titles, the export dialog and toasts draw it as a symbol."""
    texts = [f"{['apple', 'bread', 'cheese'][i % 3]} item {i}" for i in range(36)]
    path = tmp_path / "e\x1b[31mred.csv"
    pd.DataFrame({"text": texts, "label": [LABELS[i % 3] for i in range(36)]}).to_csv(path, index=False)
    result = run_audit(path, AuditOptions(model="tfidf", folds=3, cache_root=str(tmp_path / "cache")))
    app = TextauditApp(result, journal_path=tmp_path / "j\x1b[2J.jsonl")
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#title-bar").render())
        assert "e␛[31mred.csv" in title and "j␛[2J.jsonl" in title and "\x1b" not in title
        app.notify(f"wrote 3 rows to {path}")
        app.action_export()
        await pilot.pause()
        summary = str(app.screen.query_one("#export-summary").render())
        assert "e␛[31mred.csv" in summary and "\x1b" not in summary
        from textual.widgets._toast import Toast

        drawn = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "␛[31mred.csv" in drawn and "\x1b" not in drawn
