"""Where textaudit may write a file: never onto an input (the data, its journal), a link, a device,
a corrections journal or its lock, or an existing file without ``--force``; and only where a file
can really be created (engine/export.py and the app's export dialog ask before writing)."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from engine import atomic
from engine.errors import DataError, UsageError
from engine.formats import folder_output_problem, is_saved_dataset
from engine.paths import shell_word


def same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file (same resolved path, or the same inode via links)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(output: Path, fmt: str, *, inputs: list[tuple[Path, str]], force: bool = False,
                 option: str = "--output") -> None:
    """Refuse an output that is an input (never, even with force), a link, or exists (without force).

    ``inputs`` pairs each input path with what it is, for the message.
    """
    word = shell_word(str(output))  # the path as one word to paste into a shell
    for path, what in inputs:
        holds = output.is_dir() and _inside(path, output)  # '-o . --format hf' beside the journal
        inside = (path.is_dir() and _inside(output, path)) or holds
        if same_file(output, path) or inside:
            verb = "is" if same_file(output, path) else "holds" if holds else "is inside"
            raise UsageError(f"{option} {word} {verb} {what}; refusing to overwrite it (choose another path)")
    if output.is_symlink():
        raise UsageError(f"{option} {word} is a symbolic link; refusing to replace it (give the real path)")
    if output.exists() and not output.is_file() and not output.is_dir():  # '-o /dev/null --force' as root
        raise UsageError(f"{option} {word} is not a regular file (a device, FIFO or socket); refusing to "
                         "replace it")
    if not output.parent.is_dir():
        from engine.paths import missing_folder

        raise UsageError(f"cannot write {word}: {missing_folder(output.parent)}")
    if fmt == "hf":
        if output.exists() and not output.is_dir():
            raise UsageError(f"{word} is a file; --format hf writes a folder")
        if output.is_dir() and any(output.iterdir()) and not is_saved_dataset(output):
            raise UsageError(f"{word} is a folder that is not a saved dataset; refusing to replace it")
        if (output / "dataset_dict.json").is_file():  # an export writes one split: the others would be gone
            raise UsageError(f"{word} is a saved dataset with splits (a DatasetDict); an export writes one split, "
                             "so it is not replaced even with --force (choose a new folder)")
        if (output.parent / "dataset_dict.json").is_file():  # '-o dd/test': dd's test split would be this export
            raise UsageError(f"{word} is inside the saved dataset {shell_word(str(output.parent))} (a DatasetDict), where it would "
                             "replace or add a split of that dataset, even with --force; choose a folder outside it")
        if output.is_dir() and (others := _not_written_by_datasets(output)):  # a dataset card, a .git: the user's
            shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise UsageError(f"{word} is a saved dataset that also holds {shown}, which datasets did not write and "
                             "an export would delete with the folder; refusing to replace it, even with --force "
                             "(move them out, or choose a new folder)")
    elif output.is_dir():  # '--issues-out sub.csv' of a folder was offered '(or --format hf)', which it has not
        raise UsageError(folder_output_problem(str(output), fmt, option) or f"{option} {word} is a folder")
    if _is_a_journal_lock(output):  # replaced, a running app's lock no longer guards the journal
        raise UsageError(f"{option} {word} is the lock file of the corrections journal beside it; refusing to "
                         "replace it (choose another path)")
    if _is_a_journal(output):  # any journal, another dataset's too: its decisions are the user's work
        even = ", even with --force" if option == "--output" else ""
        raise UsageError(f"{option} {word} is a corrections journal; refusing to overwrite it{even} "
                         "(choose another path)")
    if output.exists() and not force and (fmt != "hf" or any(output.iterdir())):
        raise UsageError(f"{word} exists; pass --force to replace it")
    check_writable(output)


#: What ``save_to_disk`` writes in a dataset's folder (and ``map`` caches beside it), and Finder's litter.
_DATASETS_FILES = re.compile(r"^(data-\d+-of-\d+\.arrow|cache-[\w.-]+\.arrow|dataset_info\.json|state\.json|"
                             r"dataset_dict\.json|\.DS_Store)$")


def _not_written_by_datasets(folder: Path) -> list[str]:
    """The entries of a saved dataset folder that ``datasets`` did not write (a README.md, a .git)."""
    try:
        return sorted(entry.name for entry in folder.iterdir()
                      if not (_DATASETS_FILES.match(entry.name) and entry.is_file()))
    except OSError:
        return []


def journal_in_the_way(output: Path, source: str) -> str | None:
    """What ``output`` is when it is a journal that ``check_output`` or ``export_corrected`` refuses
    (another dataset's journal, or where ``source``'s default journal goes), for the app's export
    dialog to say before Enter; None otherwise."""
    if _is_a_journal(output):
        return "a corrections journal"
    from engine.paths import data_journal_path

    if (default := data_journal_path(source)) is not None and same_file(output, default):
        return "where this data's corrections journal goes (browse and export look for it there)"
    return None


def _is_a_journal_lock(path: Path) -> bool:
    """True for ``J.lock`` beside a journal ``J`` (a journal with entries, or an empty one)."""
    if not path.name.endswith(".lock") or len(path.name) == len(".lock"):
        return False
    journal = path.with_name(path.name[:-len(".lock")])
    try:
        return journal.is_file() and (journal.stat().st_size == 0 or _is_a_journal(journal))
    except OSError:
        return False


def _is_a_journal(path: Path) -> bool:
    """True for an existing regular file that begins with a textaudit journal entry."""
    from engine.journal_path import FIRST_LINE_LIMIT, is_journal_head

    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        with path.open("rb") as handle:
            head = handle.read(FIRST_LINE_LIMIT)
    except OSError:
        return False
    return bool(head.strip()) and is_journal_head(head, truncated=len(head) == FIRST_LINE_LIMIT)


def check_writable(output: Path) -> None:
    """Create and remove a temporary file beside ``output``: a read-only folder or file system
    fails here, before an audit or a read of the data (it failed after, at the write). A real
    try, since ``os.access`` says yes to root in an immutable or read-only folder."""
    probe = atomic.temp_name(output)
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as error:
        raise DataError(f"cannot write {shell_word(str(output))}: {error.strerror or error}") from None
    with contextlib.suppress(OSError):
        os.unlink(probe)


def inside_input_folder(output: Path, source: str) -> bool:
    """True when the data ``source`` is a folder (a saved dataset) and ``output`` lies inside it, which
    ``check_output`` refuses: for the app's export dialog to say before Enter."""
    folder = Path(source).expanduser()
    return not str(source).startswith("hf:") and folder.is_dir() and _inside(output, folder)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        return False
