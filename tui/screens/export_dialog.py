"""The export confirmation: what will be written, where, and from which journal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

EXPORT_SUFFIXES = (".csv", ".jsonl", ".parquet")


@dataclass(frozen=True)
class ExportRequest:
    output: Path
    corrections_only: bool


def default_output(source: str) -> Path:
    """``<stem>.corrected<ext>`` next to the data file (CSV for other inputs)."""
    path = Path(source)
    suffix = path.suffix.lower() if path.suffix.lower() in EXPORT_SUFFIXES else ".csv"
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    from engine.demo import demo_path

    bundled = path.resolve() == Path(demo_path()).resolve()
    writable = path.parent.is_dir() and os.access(path.parent, os.W_OK)
    folder = path.parent if writable and not bundled else Path.cwd()
    return folder / f"{stem or 'dataset'}.corrected{suffix}"


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Enter (or the Export button) confirms; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, source: str, journal_path: Path, counts: dict[str, int], n_rows: int) -> None:
        super().__init__()
        self.source = source
        self.journal_path = journal_path
        self.counts = counts
        self.n_rows = n_rows

    def compose(self) -> ComposeResult:
        relabel, exclude, keep = self.counts["relabel"], self.counts["exclude"], self.counts["keep"]
        with Vertical(id="export"):
            yield Label("Export the corrected dataset", classes="dialog-title")
            yield Static(
                f"From:    {self.source}\n"
                f"Journal: {self.journal_path}\n"
                f"Writes {self.n_rows - exclude:,} of {self.n_rows:,} rows: {relabel:,} relabelled, "
                f"{exclude:,} excluded (removed), {keep:,} kept as they are.\n"
                "Original columns and row order are kept. Format follows the extension "
                "(.csv, .jsonl, .parquet).",
                id="export-summary",
            )
            yield Input(str(default_output(self.source)), id="export-path")
            yield Checkbox("only the changed rows, with before and after labels", id="export-changed-only")
            yield Static("", id="export-warning")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()
        self.check(self.query_one("#export-path", Input).value)

    def check(self, value: str) -> bool:
        """Warn about the input file, an existing file or an unknown extension; True if OK."""
        warning = self.query_one("#export-warning", Static)
        target = Path(value).expanduser()
        problem = ""
        if not value.strip():
            problem = "enter an output path"
        elif target.resolve() == Path(self.source).resolve():
            problem = "that is the input file: export never overwrites it (use the CLI with --force)"
        elif target.suffix.lower() not in EXPORT_SUFFIXES:
            problem = f"unknown extension {target.suffix or '(none)'}: use .csv, .jsonl or .parquet"
        elif target.exists():
            warning.update(f"note: {target.name} exists and will be replaced")
            return True
        warning.update(problem)
        return not problem

    def on_input_changed(self, event: Input.Changed) -> None:
        self.check(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self.confirm()
        else:
            self.dismiss(None)

    def confirm(self) -> None:
        value = self.query_one("#export-path", Input).value
        if self.check(value):
            only = self.query_one("#export-changed-only", Checkbox).value
            self.dismiss(ExportRequest(Path(value).expanduser(), only))

    def action_cancel(self) -> None:
        self.dismiss(None)
