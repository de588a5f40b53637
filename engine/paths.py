"""Where textaudit keeps its files: the one place that knows where the cache lives.

Paths follow platformdirs (XDG on Linux). ``TEXTAUDIT_CACHE_DIR`` overrides the cache root,
which tests and CI use to stay out of the user's home.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

APP_NAME = "textaudit"


def cache_dir() -> Path:
    """Root of the content-addressed audit cache."""
    override = os.environ.get("TEXTAUDIT_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def rescue_dir() -> Path:
    """Where a journal's rescued decisions go when the journal's own folder cannot take them (deleted with
    the journal under the running app): the user's data folder (XDG_DATA_HOME), ``TEXTAUDIT_RESCUE_DIR``
    overriding it (engine/journal_at_path.py, ``JournalFile.rescue``)."""
    override = os.environ.get("TEXTAUDIT_RESCUE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "recovered"


def state_dir() -> Path:
    """Where the app keeps what it remembers between runs (tui/ui_state.py: each list's place): the user's state
    folder (XDG_STATE_HOME), ``TEXTAUDIT_STATE_DIR`` overriding it (tests keep out of the user's home)."""
    override = os.environ.get("TEXTAUDIT_STATE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_state_dir

    return Path(user_state_dir(APP_NAME, appauthor=False))


#: The longest file name most file systems take, in bytes (ext4, XFS, btrfs, APFS, NTFS in UTF-16 units).
NAME_MAX = 255
_JOURNAL_SUFFIX = ".corrections.jsonl"
#: The journal's lock file beside it (engine/journal_path.py) adds this to its name.
_LOCK_SUFFIX = ".lock"


def fitting_name(stem: str, suffix: str, reserve: str = "") -> str:
    """``stem + suffix``; where that name (with ``reserve``, a sibling's extra suffix) passes the
    255-byte limit, the stem is cut to whole characters and ends in 12 hex of its sha256, so two such
    stems stay apart."""
    import hashlib

    if len(os.fsencode(stem + suffix + reserve)) <= NAME_MAX:
        return stem + suffix
    digest = hashlib.sha256(os.fsencode(stem)).hexdigest()[:12]
    room = NAME_MAX - len(os.fsencode(suffix + reserve)) - len(digest) - 1
    return f"{cut_to_bytes(stem, room)}-{digest}{suffix}"


def cut_to_bytes(text: str, limit: int) -> str:
    """``text`` cut to whole characters that take at most ``limit`` bytes in a file name ('é' is 2, '日' 3)."""
    while len(os.fsencode(text)) > limit:
        text = text[:-1]
    return text


def journal_name(stem: str) -> str:
    """``<stem>.corrections.jsonl``, cut (:func:`fitting_name`) so that it and its ``.lock`` fit a file name."""
    return fitting_name(stem, _JOURNAL_SUFFIX, _LOCK_SUFFIX)


def default_journal_path(source: str) -> Path:
    """``<data file stem>.corrections.jsonl`` in the current directory. A stem too long for that
    name and its ``.lock`` (a data file named near the 255-byte limit: 85 CJK characters are 255
    bytes) is cut (:func:`fitting_name`): the full name could never be created, so the app ended
    'cannot use journal ...: File name too long' unless given --journal."""
    from engine.formats import strip_data_suffix

    stem = strip_data_suffix(Path(source.rstrip("/")).name)
    stem = stem.replace(":", "_").replace("/", "_") or "dataset"
    return Path.cwd() / journal_name(stem)


#: What the data's default journal path is called where an output would take it (no journal there yet).
DEFAULT_JOURNAL = "the path of this data's corrections journal (where browse and export look for it)"
#: The names a dataset from memory carries as its source (engine/memory_source.py): no file, no default journal.
IN_MEMORY = ("<DataFrame>", "<datasets.Dataset>")


def data_journal_path(source: str | Path | None) -> Path | None:
    """Where browse and export look for the journal of the data ``source`` names when no --journal
    is given (:func:`default_journal_path`, ``hf:NAME`` included), which no output may take: a table
    written there stopped every later browse/export of the data on 'is not a textaudit journal'.
    None for data from memory, which has no such path. The one rule for ``export -o``,
    ``audit --issues-out`` and the app's export (dialog and engine)."""
    if source is None or str(source) in IN_MEMORY or not str(source):
        return None
    return default_journal_path(str(source))


def unpacked_name(path: Path, ext: str, first: str = "data", tag: str = "unpacked") -> str:
    """What the gzip hint writes (engine/source_checks.other_content): ``data.EXT``, else ``STEM-unpacked[-N].EXT``,
    never the file itself nor a file beside it or in the current folder (the hint names the file alone): 'gunzip -c
    data.csv > data.csv' emptied it, the shell truncating the output before gunzip read it (diff38). ``first`` and
    ``tag``: another hint's names (the wrapped-records command: records.json, STEM-records.json)."""
    name, n = f"{first}{ext}", 0
    while name == path.name or (path.parent / name).exists() or Path(name).exists():
        n += 1
        name = f"{Path(path.name).stem}-{tag}{'' if n == 1 else f'-{n}'}{ext}"
    return name


#: A word bash reads as it is (shlex's safe characters, letters and digits of any script too).
_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")


def _shell_tokens(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, printable): each character, or a character's bytes that UTF-8 reads (the C locale
    without UTF-8 mode decodes 'é' as two surrogate escapes: kept so, written back as those bytes), printable or
    not; a byte no UTF-8 reads (U+DCE9 for 0xe9) is not."""
    tokens: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split("([\udc80-\udcff]+)", text)):
        if not i % 2:
            tokens.extend((c, c.isprintable()) for c in part)
            continue
        for c in part.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"):
            if "\udc80" <= c <= "\udcff":
                tokens.append((c, False))
            else:  # the escapes of a whole UTF-8 character
                tokens.append(("".join(chr(0xDC00 + b) for b in c.encode()), c.isprintable()))
    return tokens


def shell_word(text: str) -> str:
    """``text`` (a path) as one word bash reads back as exactly that path, for every line that shows a path to copy
    into a shell (hints' commands, the app's toasts and exit lines, the export line): as it is where it needs no
    quoting, printable runs in single quotes as ``shlex.quote`` writes them ('my data.csv'), and each character a
    terminal does not print and each byte no UTF-8 reads (a Latin-1 name's 0xe9, read as the surrogate U+DCE9) as
    bash's ANSI-C quoting of its bytes, ``$'\\xe9'``, outside the quotes: a backslash escape inside 'caf...' read
    back as the letters $, x, e, 9 (diff39), an ESC inside quotes was printed as the letters \\x1b, and a space
    unquoted split the path in two (fix40c)."""
    import itertools

    words = []
    for printable, run in itertools.groupby(_shell_tokens(text), key=lambda token: token[1]):
        part = "".join(piece for piece, _ in run)
        if not printable:
            codes = b"".join(c.encode("utf-8", "surrogateescape" if "\udc80" <= c <= "\udcff" else "surrogatepass")
                             for c in part)
            words.append("$'" + "".join(f"\\x{b:02x}" for b in codes) + "'")
        elif _PLAIN_WORD.fullmatch(part.encode("utf-8", "surrogateescape").decode("utf-8", "replace")):
            words.append(part)
        else:
            words.append("'" + part.replace("'", "'\"'\"'") + "'")
    return "".join(words) or "''"


def missing_folder(folder: Path, fix: str | None = None) -> str:
    """Why ``folder`` (a path's parent that is no folder) cannot hold a file, and ``fix`` ('choose
    another --journal'): 'folder X does not exist; create it first or <fix>', or, where a file stands
    on the way ('-o data.csv/out.csv'), 'X is a file, not a folder; <fix>' (it read 'folder data.csv
    does not exist' beside the file); a link to nothing there: 'X is a link to Y, which does not exist'
    (not 'a file', nor a folder to create: X is taken)."""
    for above in (folder, *folder.parents):
        if os.path.lexists(above):
            if above.is_dir():
                break
            if above.is_symlink() and not above.exists():
                return f"{shell_word(str(above))} is a link to {shell_word(os.readlink(above))}, which does not exist" + (f"; {fix}" if fix else "")
            return f"{shell_word(str(above))} is a file, not a folder" + (f"; {fix}" if fix else "")
    return f"folder {shell_word(str(folder))} does not exist" + (f"; create it first or {fix}" if fix else "")


def not_utf8_folder(path: str | os.PathLike[str], library: str) -> str | None:
    """'LIBRARY cannot open a folder whose path is not UTF-8 ...' where ``path`` holds a byte that is not UTF-8 (a
    Latin-1 name, read from the command line as a lone surrogate), else None: what to say where a library that
    opens files by a UTF-8 name failed on it ('utf-8' codec can't encode character '\\udce9' ...: surrogates not
    allowed', safetensors' 'Path m\ufffd/model.safetensors is not valid UTF-8'; review37)."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return (f"{library} cannot open a folder whose path is not UTF-8 (it reads its files by a UTF-8 name); "
                "rename the folder or the folders above it")
    return None


@contextmanager
def arrow_file(path: str | os.PathLike[str], mode: str = "rb") -> Iterator[str | BinaryIO]:
    """``path`` as pyarrow can open it: the path itself, or the file opened here where its name is not
    UTF-8. pyarrow encodes a path as UTF-8, so a name with a Latin-1 byte (``caf\\xe9.parquet``, read from
    the command line as ``caf\\udce9``) was 'cannot parse as parquet' on reading and exit 70 on writing
    (review37); Python's ``open`` takes the name's own bytes."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        with open(name, mode) as handle:
            yield handle
        return
    yield name
