"""bench/quality.py's sixth real domain (session 34, domain34): fortune cookies labelled by their cookie file.

Built at run time from Debian's ``fortunes`` package (fortune-mod's cookie files, one file per category: art,
computers, cookie, definitions, education, food, humorists, law, love, medicine, people, pets, platitudes,
politics, science, songs-poems, sports, startrek, wisdom, work, zippy, ...) into a CSV in the bench cache keyed by a
hash of those files; never in the repo. Where the package is installed (``/usr/share/games/fortunes``) its files are
read; otherwise ``apt-get download fortunes`` fetches the .deb once into the bench cache (``fortunes/``; a rebuild
reads it again, no second download) and the files are read out of it (an ar archive holding ``data.tar.xz``,
as bench/quality_wordnet.py reads wordnet-base; no dpkg needed). A machine that has neither the package nor apt's
network skips the dataset with one line on stderr.

One row per fortune (the text between lines holding only ``%``): the text is the fortune with its whitespace
normalised (runs of spaces, tabs and line breaks one space; teletype overstrikes (``___\\b\\b\\band``) read as a
pager shows them; the attribution ``-- Mark Twain`` kept, it is part of the cookie), the label its cookie file's
name. Choices:
- The offensive files (``off/``, Debian's separate ``fortunes-off`` package) are left out: a bench has no need of
  them. The bookworm ``fortunes`` package has none; the rule guards an installed tree that holds both.
- A text found in two or more cookie files is dropped from all of them (its label is ambiguous: ``Computers are
  not intelligent. They only think they are.`` is in both computers and linux); a text repeated inside one file is
  kept once. Empty fortunes are dropped.
- The files' ``.dat`` indexes and ``.u8`` links are not cookie files.
- Bookworm's package (1:1.99.1-7.3): 40 cookie files, 14,396 fortunes; 5 repeats inside a file and 108 texts found
  in two files (216 rows) dropped leave 14,175, from people (1,234) and definitions (1,194) to ascii-art (10) and
  pratchett (2). ``fortunes``' seeded sample of 6,000 keeps the natural class sizes: 39 classes, people 532,
  definitions 521, computers 446 ... magic 11, translate-me 7, ascii-art 3; pratchett has none.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from pathlib import Path

from bench import debian_deb

INSTALLED = Path("/usr/share/games/fortunes")
#: ``fortunes``' seeded sample: 6,000 fortunes run the matrix in under an hour on 2 cores, the long tail kept
FORTUNES_SAMPLE, FORTUNES_SEED = 6_000, 34
_OVERSTRIKE = re.compile(r"[^\x08]\x08")
_SEPARATOR = re.compile(r"^%[ \t]*$", re.MULTILINE)
#: in the CSV's key beside the files' hashes: a change to how a fortune is read never reuses an older CSV
PARSE_VERSION = b"fortunes-2"


def is_cookie_file(path: str) -> bool:
    """Whether a path names a cookie file: under ``games/fortunes/``, not in ``off/``, not an index or a link name."""
    if "/games/fortunes/" not in f"/{path}" or "/off/" in f"/{path}":
        return False
    base = path.rsplit("/", 1)[-1]
    return bool(base) and not base.startswith(".") and not base.endswith((".dat", ".u8"))


def parse_cookies(text: str) -> list[str]:
    """The fortunes of one cookie file, each with its whitespace normalised; empty ones left out."""
    fortunes = (" ".join(without_overstrikes(part).split()) for part in _SEPARATOR.split(text))
    return [fortune for fortune in fortunes if fortune]


def without_overstrikes(text: str) -> str:
    """``text`` as a pager shows it: each backspace takes the character before it (``___\\b\\b\\band`` is
    ``and``, ``_\\bB`` is ``B``), a backspace with nothing before it is dropped."""
    while "\x08" in text:
        shorter = _OVERSTRIKE.sub("", text)
        if shorter == text:
            return text.replace("\x08", "")
        text = shorter
    return text


def labelled_rows(files: dict[str, bytes]) -> list[tuple[str, str]]:
    """(text, file) rows of every cookie file, files in name order: a text repeated inside one file kept once, a
    text found in two or more files dropped from all."""
    owners: dict[str, set[str]] = {}
    order: list[tuple[str, str]] = []
    for name in sorted(files):
        for text in parse_cookies(files[name].decode("utf-8", "replace")):
            if text not in owners:
                owners[text] = set()
            if name not in owners[text]:
                owners[text].add(name)
                order.append((text, name))
    return [(text, name) for text, name in order if len(owners[text]) == 1]


def deb_cookie_files(deb: bytes) -> dict[str, bytes]:
    """The cookie files of a ``fortunes`` .deb by base name (regular files only: the ``.u8`` links are skipped)."""
    return debian_deb.deb_files(deb, is_cookie_file)


def downloaded_deb(folder: Path) -> bytes:
    """The ``fortunes`` .deb kept in ``folder``, fetched once with ``apt-get download`` where none is there."""
    return debian_deb.downloaded_deb(folder, "fortunes", "fortunes", INSTALLED)


def installed_files(folder: Path) -> dict[str, bytes]:
    """The installed cookie files (regular files directly in ``folder``; ``off/`` and links left out)."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())
            if path.is_file() and not path.is_symlink() and is_cookie_file(f"games/fortunes/{path.name}")}


def fortune_files() -> dict[str, bytes]:
    """The cookie files: the installed package's, else those of the .deb in the bench cache."""
    from bench.quality_data import DatasetUnavailable, bench_cache

    if INSTALLED.is_dir():
        files = installed_files(INSTALLED)
        if files:
            return files
    deb = downloaded_deb(bench_cache() / "fortunes")
    try:
        files = deb_cookie_files(deb)
    except (ValueError, tarfile.TarError) as error:
        raise DatasetUnavailable(f"fortunes: the fortunes .deb could not be read ({error})") from None
    if not files:
        raise DatasetUnavailable("fortunes: the fortunes .deb holds no cookie files")
    return files


def fortunes_csv() -> Path:
    """The fortunes as a CSV (text, file) in the bench cache, keyed by a hash of the cookie files."""
    from bench.quality_data import DatasetUnavailable, keyed_csv

    files = fortune_files()
    source = PARSE_VERSION + b"".join(name.encode() + b"\0" + hashlib.sha256(files[name]).digest()
                                      for name in sorted(files))

    def rows() -> list[tuple[str, str]]:
        parsed = labelled_rows(files)
        if len(parsed) < 1000:
            raise DatasetUnavailable(f"fortunes: the cookie files hold {len(parsed)} fortunes")
        return parsed

    return keyed_csv("fortunes", source, ["text", "file"], rows)
