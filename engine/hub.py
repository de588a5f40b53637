"""Is the Hugging Face hub reachable? One quick probe instead of the hub client's long retries.

Used before anything that would go online: ``hf:NAME`` datasets (read here, :func:`read_hub`) and
model names that are not on disk or in the Hugging Face cache.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import DataError, UsageError
from engine.formats import SUFFIX_FORMATS, is_saved_dataset
from engine.paths import not_utf8_folder, shell_word

if TYPE_CHECKING:
    import pandas as pd

    from engine.formats import SourceStyle


HUB_PROBE_TIMEOUT_S = 5.0  # TEXTAUDIT_HUB_TIMEOUT overrides


def hub_offline() -> bool:
    """True when the hub libraries will not touch the network (HF_HUB_OFFLINE at their import).

    Their own flags, not the environment: an environment changed after import is ignored
    by them, so only the flags say whether ``datasets`` would go online (and retry).
    """
    from huggingface_hub import constants

    if not constants.HF_HUB_OFFLINE:  # False whatever datasets says: not imported for it (~1 s)
        return False
    try:
        import datasets.config as datasets_config
    except ImportError:
        return True
    return bool(datasets_config.HF_HUB_OFFLINE)


def hub_unreachable() -> str | None:
    """Why the hub cannot be reached, or None when it answers.

    One request with a short timeout, through the hub client's own session (so proxies and
    HF_ENDPOINT apply): without it, ``datasets`` retries with backoff for about 25 s before
    giving up on a machine with no network.
    """
    from huggingface_hub import constants
    from huggingface_hub.utils import get_session

    try:
        timeout = float(os.environ.get("TEXTAUDIT_HUB_TIMEOUT", HUB_PROBE_TIMEOUT_S))
    except ValueError:
        timeout = HUB_PROBE_TIMEOUT_S
    try:
        get_session().head(constants.ENDPOINT, timeout=timeout)
    except Exception as exc:  # any transport failure means "not reachable now"
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{constants.ENDPOINT}: {reason}"
    return None


def hub_model_may_be_cached(name: str) -> bool:
    """Whether hub model ``name`` may have a folder in a local cache (the hub's, or those named by
    SENTENCE_TRANSFORMERS_HOME or TRANSFORMERS_CACHE), as sentence-transformers would look it up ('NAME'
    alone also as 'sentence-transformers/NAME'). False only where no such folder exists: the hub must be
    asked, so whether it answers can be said before sentence-transformers is imported (~7 s)."""
    from huggingface_hub import constants

    repos = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    roots = [constants.HF_HUB_CACHE, os.environ.get("SENTENCE_TRANSFORMERS_HOME"), os.environ.get("TRANSFORMERS_CACHE")]
    for root in filter(None, roots):
        for repo in repos:
            if (Path(root).expanduser() / f"models--{repo.replace('/', '--')}").exists():
                return True
    return False


def _reason(exc: BaseException) -> str:
    """``exc``'s first line, and its cause's: datasets' DatasetGenerationError says only 'An error
    occurred while generating the dataset', the cause what (a column typed from one split's file
    that another's values do not fit: 'Failed to parse value: b')."""
    lines = []
    while exc is not None and len(lines) < 3:
        text = str(exc).strip()
        line = text.splitlines()[0] if text else type(exc).__name__
        if line not in lines:
            lines.append(line)
        exc = exc.__cause__ if exc.__cause__ is not None else (None if exc.__suppress_context__ else exc.__context__)
    return ": ".join(lines)


def read_hub(spec: str, encoding: str = "utf-8") -> tuple[pd.DataFrame, SourceStyle]:
    """``hf:NAME[:SPLIT]`` read as a saved folder is (its ``ClassLabel`` names and Arrow types kept:
    ``to_pandas`` gave banking77's labels as 0..76 where its saved folder shows the names). ``encoding``:
    its CSV/JSON files' (datasets' csv and json builders take it; it was not passed on, so a cp1252 folder
    failed with --encoding cp1252 as without it)."""
    name, _, split = spec.partition(":")
    said = shell_word(f"hf:{spec}")  # the data in its messages: one word to paste into a shell
    if not name:
        raise UsageError("hf: needs a dataset name, e.g. hf:banking77:train")
    if name != name.strip():  # 'hf: imdb' went to the hub as ' imdb' (review35)
        raise UsageError(f"{said}: the name {name!r} starts or ends with a space; write "
                         f"{shell_word('hf:' + name.strip() + (f':{split}' if split else ''))}")
    try:
        local = Path(name).expanduser()
    except RuntimeError:  # '~bob/data' for no user bob: 'internal error: RuntimeError', exit 70
        head = name.split("/", 1)[0]
        raise UsageError(f"{said}: no user {head[1:]!r} to expand {head} for; give the folder in full "
                         "(or ~/ for your own home)") from None
    if is_saved_dataset(local):  # datasets said 'Please use `load_from_disk` instead', a Python hint
        folder = local / split if split and is_saved_dataset(local / split) else local  # a DatasetDict's split
        raise UsageError(f"{said}: {shell_word(name)} is a folder saved with save_to_disk: give the "
                         f"folder without 'hf:' ({shell_word(str(folder))})")
    # a data file here named bare ('hf:d.csv') is that file, not a hub dataset 'd.csv' (review35: "Couldn't reach
    # 'd.csv' on the Hub")
    here = local.is_file() and local.suffix.lower() in SUFFIX_FORMATS
    if not local.is_dir() and (name.startswith(("/", "~", ".")) or name.count("/") > 1 or here):
        # no hub name is spelled so (OWNER/NAME): a mistyped folder, told 'cannot reach the hub; set
        # HF_HUB_OFFLINE=1', then offline "Couldn't reach '~/data' on the Hub" (review34)
        what = "is a file, not a folder of data files; give it without 'hf:'" if local.is_file() else "no such folder"
        folder_word = shell_word(str(local))
        raise DataError(f"{said}: {folder_word} {what}" if local.is_file() else f"{said}: {what}: {folder_word}")
    if not local.is_dir() and not hub_offline():  # a folder downloaded earlier needs no hub
        unreachable = hub_unreachable()
        if unreachable:
            raise DataError(
                f"{said}: cannot reach the Hugging Face hub ({unreachable}); "
                "set HF_HUB_OFFLINE=1 to use a copy downloaded earlier"
            )
    options = {} if codecs.lookup(encoding).name == "utf-8" else {"encoding": encoding}
    if options and local.is_dir() and _binary_files_only(local):  # before datasets' own words for it, below
        raise _encoding_for_binary(spec, encoding)
    import datasets
    from huggingface_hub.utils import logging as hub_logging

    hub_logging.set_verbosity_error()  # its retry warnings would be extra lines on stderr
    # datasets' bars and verbosity are process-wide: set here, put back in the finally below (and
    # nothing may raise between: that left the bars off in the process, e.g. the TUI's, for good)
    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # "Generating train split" bars are not textaudit's progress lines
    verbosity = datasets.logging.get_verbosity()
    # its builders log a failure before raising it ('Failed to read file ... with error <class
    # 'UnicodeDecodeError'>'): a second line above ours, which says the same (_reason)
    datasets.logging.set_verbosity(datasets.logging.CRITICAL)
    try:
        # '~/data' as the folder: datasets does not expand '~' (it went to the hub as a name)
        loaded = datasets.load_dataset(str(local) if local.is_dir() else name, split=split or None, **options)
    except Exception as exc:  # offline, unknown name, bad split: all end the same way
        where = f"the folder {shell_word(str(local))}" if local.is_dir() else "from the Hugging Face hub"
        if options and "doesn't have a 'encoding' key" in str(exc):  # a hub name's Parquet files
            raise _encoding_for_binary(spec, encoding) from None
        hint = ("; or give one of its data files itself (textaudit reads .csv, .jsonl, .parquet, ...)"
                if local.is_dir() and any(p.is_file() for p in local.rglob("*")) else "")
        if local.is_dir() and (not_utf8 := not_utf8_folder(local, "datasets")):  # 'hf:hd\xe9' (review37)
            raise DataError(f"{said}: {not_utf8}{hint.replace('; or', ', or')}") from None
        raise DataError(f"{said}: cannot load {where}: {_reason(exc)}{hint}") from None
    finally:
        datasets.logging.set_verbosity(verbosity)
        if bars:
            datasets.enable_progress_bars()
    from engine.readers import read_saved
    from engine.table_read import SPLITS

    notes: tuple[str, ...] = ()
    if isinstance(loaded, datasets.DatasetDict):  # no SPLIT given: 'train', or the one split, said where there
        # are others, as for a saved DatasetDict folder (a folder's test.csv beside train.csv went unsaid; review34)
        if "train" not in loaded and len(loaded) > 1:
            raise DataError(f"{said}: holds splits {', '.join(loaded)} and no 'train'; choose one: "
                            f"{shell_word(f'hf:{name}:{next(iter(loaded))}')}")
        chosen = "train" if "train" in loaded else next(iter(loaded))
        if len(loaded) > 1:
            other = next(split_name for split_name in loaded if split_name != chosen)
            notes = (f"{said} {SPLITS} {', '.join(loaded)}; using {chosen!r} (an export writes that split only; "
                     f"for another, give it: {shell_word(f'hf:{name}:{other}')})",)
        loaded = loaded[chosen]
    if local.is_dir() and (left_out := _formats_left_out(local, loaded, spec)):
        notes = (*notes, left_out)
    frame, style = read_saved(loaded)
    return frame, dataclasses.replace(style, notes=notes) if notes else style


def _formats_left_out(folder: Path, loaded: Any, spec: str) -> str | None:
    """What to say where ``folder`` holds data files of several formats: datasets reads those of one (the most
    files) and leaves the others out without a word (review38: a.csv + b.jsonl, 30 rows each, audited as 30)."""
    try:
        from datasets.packaged_modules import _EXTENSION_TO_MODULE
    except ImportError:  # another datasets version: nothing said, as before
        return None
    used = getattr(getattr(loaded, "info", None), "builder_name", None)
    others: list[str] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        module = _EXTENSION_TO_MODULE.get(path.suffix.lower(), (None,))[0]
        # a table (a LICENSE.txt, a README.md card datasets maps to 'harbor', a plot.png: no data); .arrow: the rows
        # of datasets' own files (a.csv + a2.csv + b.arrow: b's rows left out unsaid after 2d06542; diff38)
        if module not in (None, used, "text") and path.suffix.lower() in (*SUFFIX_FORMATS, ".arrow"):
            others.append(str(relative))
    if not others or used is None:
        return None
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3:,} more" if len(others) > 3 else "")
    # textaudit reads no .arrow file given itself ('unknown file type'), but hf: reads a folder of them
    how = "give the .arrow files as a folder of their own (hf:FOLDER), or save them in one format" if any(
        name.lower().endswith(".arrow") for name in others) else "give each file itself, or save them in one format"
    return (f"{shell_word(f'hf:{spec}')}: datasets read only the folder's {used} files ({loaded.num_rows:,} rows); "
            f"{len(others):,} data file{'s' if len(others) != 1 else ''} of another format "
            f"{'are' if len(others) != 1 else 'is'} not in the audit, nor in an export: {shown}; {how}")


#: Data files whose text has no encoding to choose: Parquet and Arrow text is UTF-8 by their format.
_BINARY_SUFFIXES = (".parquet", ".arrow", ".pq")


def _binary_files_only(folder: Path) -> bool:
    """True when ``folder``'s data files (hidden files and READMEs aside) are all Parquet or Arrow: a
    folder ``datasets`` reads with a builder that takes no encoding. Said before it loads, not recognised
    by its error's words ("doesn't have a 'encoding' key"), which another version may word otherwise."""
    found = False
    for path in folder.rglob("*"):  # stops at the first other data file (a big folder is not listed whole)
        if path.name.lower().startswith("readme") or any(
                part.startswith(".") for part in path.relative_to(folder).parts) or not path.is_file():
            continue
        if not path.name.lower().endswith(_BINARY_SUFFIXES):
            return False
        found = True
    return found


def _encoding_for_binary(spec: str, encoding: str) -> UsageError:
    return UsageError(f"{shell_word(f'hf:{spec}')}: --encoding {encoding} is for CSV and JSON files, and its files are neither "
                      "(Parquet and Arrow text is UTF-8); leave out --encoding")
