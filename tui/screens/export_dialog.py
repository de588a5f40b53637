"""The export confirmation: what will be written, where, and from which journal."""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from engine.formats import DEFAULT_SUFFIX, ends_in_separator, format_of, known_suffixes
from engine.paths import fitting_name, missing_folder
from engine.wording import counted
from tui.bindings import DIALOG_PALETTE
from tui.path_text import ShellText, path_offered, path_read
from tui.std_streams import undecodable_escaped
from tui.terminal_text import terminal_safe
from tui.widgets.footer import Footer
from tui.widgets.parts_label import PartsLabel
from tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class ExportRequest:
    output: Path
    corrections_only: bool
    #: The user confirmed replacing an existing file.
    overwrite: bool = False
    #: "hf": a saved datasets folder (the path typed ending in a folder separator); else from the extension.
    fmt: str = "auto"


#: The dialog's words for a datasets folder, said where the formats are listed.
FOLDER_WORDS = "a name ending in / writes a saved datasets folder (save_to_disk)"


def folder_output(value: str) -> bool:
    """A path typed ending in a folder separator and naming no file format (``fixed/``,
    ``train.corrected/``): a saved ``datasets`` folder, as ``textaudit export --format hf`` writes.
    A name with a file extension and a slash (``out.csv/``) is refused, as on the command line."""
    return bool(value) and value[-1] in {os.sep, "/"} and format_of(Path(value)) is None


def saved_dataset_source(source: str) -> bool:
    """The data was read from a folder ``datasets.save_to_disk`` wrote (the export offers one back)."""
    from engine.formats import is_saved_dataset

    path = Path(source)
    return path.is_dir() and is_saved_dataset(path)


def default_path_text(source: str, tag: str = "corrected", folder: Path | None = None) -> str:
    """The path the dialog offers: ``default_output``, a folder ending in a separator."""
    path = default_output(source, tag, folder)
    return f"{path}{os.sep}" if saved_dataset_source(source) else str(path)


#: The folder each running app last exported to (``remember_folder``): the next export offers it again.
#: Per app run, kept with the app object (tests run many apps in one process), never written to disk.
_LAST_FOLDER: weakref.WeakKeyDictionary[object, Path] = weakref.WeakKeyDictionary()


def remember_folder(app: object, output: Path) -> None:
    """``output``'s folder (absolute) is where ``app``'s next export is offered."""
    _LAST_FOLDER[app] = Path(os.path.abspath(output)).parent


def offered_folder(app: object, source: str, journal_path: Path) -> Path:
    """Where the dialog offers the export: the folder this app run last exported to, else the
    journal's folder (where the user works: the current folder unless --journal named another),
    else the current folder; the first that can take the file. The data's own folder was offered
    (a shared or read-only data mount: enter wrote there, or failed), and again after an export
    elsewhere (walk36). None writable: the first, and the dialog says why before enter."""
    name = default_output(source, folder=Path.cwd()).name
    folders = [_LAST_FOLDER.get(app), Path(os.path.abspath(journal_path)).parent, Path.cwd()]
    folders = [folder for folder in folders if folder is not None and folder.is_dir()]
    for folder in folders:
        if cannot_write(folder / name) is None:
            return folder
    return folders[0] if folders else Path.cwd()


def default_output(source: str, tag: str = "corrected", folder: Path | None = None) -> Path:
    """``<stem>.corrected<ext>`` in ``folder``, in the data's format: a saved datasets folder gives
    the folder ``<name>.corrected`` (``default_path_text`` shows it ending in a separator); CSV for any
    other folder or hf:. ``tag`` ``changes``: the name offered for only the changed rows. ``folder``
    None: next to the data file (the current folder for the bundled demo or a folder that cannot
    take it); the dialog gives ``offered_folder``."""
    path = Path(source)
    fmt = format_of(path)
    suffix = path.suffix.lower() if fmt else "" if saved_dataset_source(source) else DEFAULT_SUFFIX["csv"]
    stem = path.name[: -len(path.suffix)] if fmt else path.name
    from engine.demo import demo_path
    from engine.demo_multilabel import demo_multilabel_path

    chosen = folder
    bundled = path.resolve() in (Path(demo_path()).resolve(), Path(demo_multilabel_path()).resolve())
    folder = path.parent
    if source.startswith("hf:"):  # named as its journal is ('hf:b77folder' offered 'hf:b77folder.corrected.csv',
        stem, folder = hub_stem(source), Path.cwd()  # a ':' in a file name: fix41c), in the current folder
    if (folder / "dataset_dict.json").is_file():  # a split of a saved DatasetDict: beside that, never inside
        stem, folder = f"{folder.name}-{stem}", folder.parent  # ('dd/train.corrected' would add a split to dd)
    beside = folder / fitting_name(stem or "dataset", f".{tag}{suffix}")  # a long name: cut, with a hash
    if chosen is not None:
        return chosen / beside.name
    if not bundled and folder.is_dir() and cannot_write(beside) is None:
        return beside
    return Path.cwd() / beside.name


def hub_stem(source: str) -> str:
    """The name an ``hf:NAME[:SPLIT]`` source's outputs start with, as its journal's does
    (engine/paths.default_journal_path): ``hf:b77folder`` -> ``hf_b77folder``, ``hf:org/name:train`` ->
    ``name_train``; no ':' or '/' in it."""
    from engine.formats import strip_data_suffix

    stem = strip_data_suffix(Path(source.rstrip("/")).name)
    return stem.replace(":", "_").replace("/", "_") or "dataset"


def cannot_write(target: Path) -> str | None:
    """Why ``target`` cannot be written (None: it can), by the probe the export itself runs
    before it writes (engine.export): a temporary file created and removed beside it. os.access
    said yes to root in a read-only or immutable folder, and the export then failed after enter."""
    from engine.errors import DataError
    from engine.output_guard import check_writable

    try:
        check_writable(target)
    except DataError as error:
        return error.message
    return None


def writes_line(target: Path, what: str) -> str:
    """The line under a path read otherwise than its letters (quotes, a ~): the file written, and its format."""
    return f"writes {terminal_safe(undecodable_escaped(str(target)))} ({what})"


class StateCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox whose state reads without colour: 'X' when on, a blank when off. Textual's draws
    'X' either way and tells them apart by colour only: at a glance (or with NO_COLOR) 'only the
    changed rows' looked chosen when it was not. Space toggles it; enter exports, as the dialog's
    title says (Textual's enter toggled it back: tab, space, enter exported nothing)."""

    BINDINGS = [Binding("space", "toggle_button", "Toggle", show=False)]
    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()
        self.refresh()


#: Below this many terminal rows the checkbox and buttons are drawn one line high.
SHORT_ROWS = 21
#: The checkbox's label, and where that does not fit the dialog's width (at 50 columns it read 'only
#: the changed rows (before and a', walk31) the words before the bracket: ticked, the line above says
#: 'each with its label before and after'.
CHANGED_ONLY, CHANGED_ONLY_NARROW = "only the changed rows (before and after)", "only the changed rows"
#: The summary while a read-only app reads the journal the other app writes (a long one takes seconds).
READING = "Reading the journal the other app writes, for the decisions it holds now…"


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Enter (or the Export button) confirms; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "confirm", "Export", show=False), DIALOG_PALETTE]
    #: Focused as the screen is shown, before any key typed ahead with ``e`` is handled. A
    #: ``focus()`` in on_mount landed after such keys: ``e Tab Space`` sent at once toggled the
    #: checkbox, then the path got the focus back with its text selected, and the next key typed
    #: replaced the whole path (tmux, session 8).
    AUTO_FOCUS = "#export-path"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_ROWS, "-tall")]

    def __init__(self, source: str, journal_path: Path, counts: dict[str, int] | None, n_rows: int,
                 notes: list[str] | tuple[str, ...] = (), with_id: bool = False) -> None:
        """``notes``: how the data file was read, as far as the export's rows depend on it (blank
        lines left out, a split of a saved DatasetDict, an encoding note: the load's style notes,
        which ``textaudit export`` prints too). ``with_id``: the data has an ``--id-column``, which
        the corrections-only table then carries. ``counts`` None: a read-only app is still reading
        the journal the other app writes (``set_counts`` gives them; until then enter waits)."""
        super().__init__()
        self.notes = list(notes)
        self.with_id = with_id
        self.source = source
        self.journal_path = journal_path
        self.counts = counts
        self.n_rows = n_rows
        #: The existing file the user was asked about; a second Enter on it replaces it.
        self.asked: Path | None = None
        #: Where the offered path is (``offered_folder``), set as the dialog is composed.
        self.folder: Path | None = None

    def summary(self, changed_only: bool) -> str:
        """What the export writes (it follows the checkbox), and how the data file was read."""
        relabel, exclude, keep = (self.counts[k] for k in ("relabel", "exclude", "keep")) if self.counts else (0, 0, 0)
        if self.counts is None:
            writes = READING
        elif changed_only and not relabel + exclude:  # 'Writes only the 0 changed rows (0 relabelled, ...)'
            writes = "Writes no rows: none is relabelled or excluded yet (the file holds only the column names)."
        elif changed_only:
            writes = (f"Writes only the {counted(relabel + exclude, 'changed row')} ({relabel:,} relabelled, "
                      f"{exclude:,} excluded), each with its label before and after.")
        else:
            unchanged = self.n_rows - exclude - relabel  # 'kept' alone read as if only those were written
            writes = (f"Writes {self.n_rows - exclude:,} of {self.n_rows:,} rows: {relabel:,} relabelled, "
                      f"{exclude:,} excluded (removed), {unchanged:,} unchanged"
                      # '(0 of them marked keep)' said nothing (ui30: the demo in the browser, no keep yet)
                      + (f" ({keep:,} of them marked keep)." if keep else "."))
        def shown(text: object) -> str:  # a Latin-1 name's byte: 'caf$'\xe9'.csv', not 'caf.csv' (a4f7870's)
            return terminal_safe(undecodable_escaped(str(text)))

        read = "".join(f"\nNote:    {shown(note)}" for note in self.notes)
        return f"From:    {shown(self.source)}\nJournal: {shown(self.journal_path)}\n{writes}{read}"

    def format_text(self, changed_only: bool) -> str:
        """What the file holds (it follows the checkbox: 'Original columns ... are kept' was said
        of the corrections-only table too) and how its format is chosen."""
        row = "row, id" if self.with_id else "row (from 0)"
        holds = (f"Columns: {row}, text, label_before, label_after, action, in row order." if changed_only
                 else "Original columns and row order are kept.")
        return f"{holds} Format follows the extension ({known_suffixes()}); {FOLDER_WORDS}."

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield PartsLabel(["Export the corrected dataset", "enter exports", "esc cancels"],
                             classes="dialog-title")  # the keys on top: a short terminal cuts the buttons off
            yield Static(self.summary(False), id="export-summary", markup=False)
            yield Static(self.format_text(False), id="export-format", markup=False)
            # not selected on focus: a key typed into the path edits it, never replaces it whole
            self.folder = offered_folder(self.app, self.source, self.journal_path)
            # a Latin-1 name's byte: $'\xe9'; a name a shell would read otherwise ('a 'b'.csv'): quoted as a shell word
            path = path_offered(default_path_text(self.source, folder=self.folder))
            yield SafeInput(path, id="export-path", select_on_focus=False)  # a file name may hold ESC
            yield StateCheckbox(CHANGED_ONLY, id="export-changed-only")
            yield Static("", id="export-warning", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")
        yield Footer(compact=True)  # this dialog's keys, not the row keys of the screen under it

    def on_mount(self) -> None:
        self.check(self.query_one("#export-path", Input).value)

    def scroll_to_center(self, widget, animate: bool = True, **options) -> None:
        """A focused widget is scrolled into view the least it takes, not to the dialog's middle
        (Textual's focus does that where the widget is not in view yet): at 50x16 with a longer path
        the focus centred the path line, scrolling the dialog to its end and its title above the
        edge, though the path was in view under the title (tmux, ui33). Once laid out: before that the
        path is placed lower than it will be drawn."""

        def into_view() -> None:
            if self.focused is widget and not self.can_view_entire(widget):
                self.scroll_to_widget(widget, animate=False)

        self.call_after_refresh(into_view)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_checkbox)  # the dialog's width is known once laid out

    def fit_checkbox(self) -> None:
        """The checkbox's whole label where the dialog has room for it, else ``CHANGED_ONLY_NARROW``."""
        box = self.query_one("#export-changed-only", Checkbox)
        inside = self.query_one("#export").scrollable_content_region  # within the border, padding and gutter
        if inside.width:  # where the label's last letter would be with the whole label
            drawn = box.content_region.x + cell_len(str(box.render()).rstrip()) - cell_len(str(box.label))
            box.label = CHANGED_ONLY if drawn + cell_len(CHANGED_ONLY) <= inside.right else CHANGED_ONLY_NARROW

    def check(self, value: str) -> bool:
        """Warn about an input file, an existing file or an unknown extension; True if OK. A path
        the file system refuses to look at (a name over 255 bytes) is said, as the command line
        says it, never raised (it ended the app in a traceback)."""
        try:  # quotes read as a shell reads them, a leading ~ expanded, $'\xe9' read as that byte
            value, as_typed = path_read(value)
        except ShellText as error:  # several words ('a.csv' 'b.csv'), an unknown user's ~, $HOME: one line
            self.warn(str(error))
            return False
        try:
            return self._check(value, as_typed)
        except OSError as error:
            name = str(error.filename if error.filename is not None else value)
            shown = name if len(name) <= 80 else f"{name[:79]}…"
            self.warn(f"{shown}: {error.strerror or error}: choose another name")
            return False

    def warn(self, text: str) -> None:
        """The line under the path: a name's byte no UTF-8 reads said ``$'\\xe9'`` (it was dropped)."""
        self.query_one("#export-warning", Static).update(terminal_safe(undecodable_escaped(text)))

    def _check(self, value: str, as_typed: bool = True) -> bool:
        """``value``: the path read from the input (tui/path_text.path_read); not ``as_typed`` (its quotes read,
        a ~ expanded), the line under it says what is written: the file the checks and the format are of."""
        from engine.output_guard import inside_input_folder, journal_in_the_way, same_file

        if "\x00" in value:  # pasted, or $'\x00' typed: every look at the file system raised ValueError (a traceback)
            self.warn("the path holds a NUL byte, which no file name can: remove it")
            return False
        target = Path(value)  # ~ expanded by path_read where a shell would ('~/x.csv', not "'~/x.csv'")
        problem = ""
        if not value.strip():
            problem = "enter an output path"
        elif value[:1].isspace():  # ' out.csv' pasted: it wrote a file named with a leading space
            problem = "the path starts with a space: remove it"
        elif same_file(target, Path(self.source)) or same_file(target, self.journal_path):
            what = "the input file" if same_file(target, Path(self.source)) else "the corrections journal"
            problem = f"that is {what}: export never overwrites it"
        elif (what := journal_in_the_way(target, self.source)) is not None:  # offered 'press Enter again to
            problem = f"that is {what}: export never overwrites it"  # replace it', then refused by the export
        elif inside_input_folder(target, self.source):  # accepted, then 'export failed: --output ... is inside'
            problem = "that is inside the input folder (the saved dataset): export never writes there"
        elif folder_output(value):  # a saved datasets folder: the command line's --format hf
            return self._check_folder(target, as_typed)
        elif format_of(target) is None:
            suffix = target.suffix
            if suffix != suffix.rstrip() and format_of(Path(value.rstrip())) is not None:  # 'out.csv ' pasted
                problem = f"the name ends in a space after {suffix.rstrip()}: remove it"
            elif target.is_dir():  # a folder typed as the path read 'unknown extension (none)' (ui30)
                problem = (f"{terminal_safe(target.name or str(target))} is a folder: add a file name "
                           f"({known_suffixes()}), or end the name in / for a datasets folder")
            else:  # quoted, as the command line says it: 'unknown extension .csv : use .csv' read as nonsense
                problem = (f"unknown extension {terminal_safe(repr(suffix)) if suffix else '(none)'}: use "
                           f"{known_suffixes()}, or end the name in / for a datasets folder")
        elif ends_in_separator(value):  # 'out.csv/' wrote out.csv
            problem = f"{terminal_safe(value)} ends in a folder separator: an export is a file, remove it"
        elif target.is_symlink() or target.is_dir():
            problem = f"{target.name} is a {'link' if target.is_symlink() else 'folder'}: choose another name"
        elif target.exists() and not target.is_file():  # offered 'press Enter again to replace it', then refused
            problem = (f"{terminal_safe(target.name)} is not a regular file (a device, FIFO or socket): "
                       "choose another name")
        elif not target.parent.is_dir():  # 'data.csv/out.csv' was told to create a folder where the file is
            why = missing_folder(target.parent)  # the command line's words: 'data.csv is a file, not a folder'
            problem = (f"no folder {terminal_safe(str(target.parent))}: create it first or choose another"
                       if why.startswith("folder ") else f"{terminal_safe(why)}: choose another path")
        elif (why := cannot_write(target)) is not None:
            problem = f"{terminal_safe(why)}: choose another folder"
        elif target.exists():
            self.warn(f"{target.name} exists: press Enter again to replace it, or change the name"
                      if self.asked == target else f"note: {target.name} exists")
            return True
        self.warn(problem or ("" if as_typed else writes_line(target, f"{format_of(target)}")))
        return not problem

    def _check_folder(self, target: Path, as_typed: bool = True) -> bool:
        """A saved datasets folder as the output: refused where ``textaudit export --format hf``
        refuses it (a file, a folder it did not write, a DatasetDict's split), else offered."""
        from engine.errors import DataError, UsageError
        from engine.output_guard import check_output

        problem = ""
        if not target.parent.is_dir():
            why = missing_folder(target.parent)
            problem = (f"no folder {terminal_safe(str(target.parent))}: create it first or choose another"
                       if why.startswith("folder ") else f"{terminal_safe(why)}: choose another path")
        else:
            try:
                check_output(target, "hf", inputs=[(Path(self.source), "the input data"),
                                                   (self.journal_path, "the corrections journal")], force=True)
            except UsageError as error:
                problem = terminal_safe(error.message.removeprefix("--output "))
            except DataError as error:  # its write probe: 'cannot write ro/hf: Read-only file system' (a traceback)
                problem = f"{terminal_safe(error.message)}: choose another folder"
        if not problem and (why := cannot_write(target)) is not None:
            problem = f"{terminal_safe(why)}: choose another folder"
        if not problem and target.exists():
            self.warn(f"{target.name} exists: press Enter again to replace it, or change the name"
                      if self.asked == target else f"note: {target.name} exists (a saved dataset)")
            return True
        self.warn(problem or ("" if as_typed else writes_line(target, "a saved datasets folder")))
        return not problem

    def on_input_changed(self, event: Input.Changed) -> None:
        self.asked = None
        self.query_one("#export-ok", Button).label = "Export"
        self.check(event.value)

    def set_counts(self, counts: dict[str, int]) -> None:
        """The decisions the export will apply, once the journal is read (see ``__init__``)."""
        self.counts = counts
        if self.is_mounted:
            only = self.query_one("#export-changed-only", Checkbox).value
            self.query_one("#export-summary", Static).update(self.summary(only))
            self.check(self.query_one("#export-path", Input).value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """The offered name follows the choice (``<stem>.changes<ext>`` for only the changed rows: under
        the whole export's name, the partial file read as the corrected dataset); a typed one stays."""
        path = self.query_one("#export-path", Input)
        offered = {tag: path_offered(default_path_text(self.source, tag, self.folder)) for tag in ("corrected", "changes")}
        if path.value == offered["changes" if not event.value else "corrected"]:
            path.value = offered["changes" if event.value else "corrected"]
            path.cursor_position = len(path.value)  # a key typed next goes at its end, as before
        self.query_one("#export-summary", Static).update(self.summary(event.value))
        self.query_one("#export-format", Static).update(self.format_text(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-ok":
            self.confirm()
        else:
            self.dismiss(None)

    def action_confirm(self) -> None:
        """Enter where no widget takes it (the checkbox): export, as the title says."""
        self.confirm()

    def confirm(self) -> None:
        """Export; an existing file is replaced only on a second confirmation."""
        shown = self.query_one("#export-path", Input).value
        if not self.check(shown):
            return
        if self.counts is None:  # the preview is not there yet: export what it will say, not unseen
            self.query_one("#export-warning", Static).update("reading the journal the other app writes: "
                                                               "press enter again in a moment")
            return
        value = path_read(shown)[0]  # as check read it: quotes, ~, $'\xe9' for a byte no UTF-8 reads
        target = Path(value)
        exists = target.exists()
        if exists and self.asked != target:
            self.asked = target
            self.query_one("#export-ok", Button).label = "Replace"
            self.check(shown)  # as shown: check reads it (value read again took a name's letters $'\x41' for 'A')
            return
        only = self.query_one("#export-changed-only", Checkbox).value
        remember_folder(self.app, target)
        self.dismiss(ExportRequest(target, only, overwrite=exists, fmt="hf" if folder_output(value) else "auto"))

    def action_cancel(self) -> None:
        self.dismiss(None)
