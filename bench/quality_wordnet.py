"""bench/quality.py's fifth real domain (session 33, domain33): WordNet's glosses labelled by their lexicographer file.

Built at run time from Debian's ``wordnet-base`` package (WordNet 3.0's ``data.noun``, ``data.verb``, ``data.adj``,
``data.adv``) into a CSV in the bench cache keyed by a hash of those four files; never in the repo. Where the package
is installed (``/usr/share/wordnet``) its files are read; otherwise ``apt-get download wordnet-base`` fetches the
.deb once into the bench cache (``wordnet/``; a rebuild reads it again, no second download) and the files are read
out of it (an ar archive holding ``data.tar.xz``; no dpkg needed). A machine that has neither the package nor apt's
network skips the dataset with one line on stderr.

One row per synset: the text is ``lemma, lemma: gloss`` (the synset's words, ``_`` as spaces, an adjective's
``(a)``/``(p)``/``(ip)`` marker cut; the gloss with its quoted examples, as the file gives it), the label its
lexicographer file (``noun.artifact``, ``verb.motion``, ``adj.ppl``, ...: 45 classes, the lexicographers' own coarse
sense classes, 11,587 synsets of noun.artifact to 42 of noun.motive). Choices, and why:
- Why not package summaries labelled by a registry's topic classifiers: that needs one registry request per package
  for tens of thousands of names (a bulk look-up); this workplace allows a few look-ups by name only.
- The words are kept in the text: a gloss alone is often too short to place (``a unit of length``), and a person
  labelling a sense sees its words, as man32 kept a page's name.
- Texts repeated exactly would be kept once (the first in file order: noun, verb, adj, adv); WordNet 3.0 has none
  (117,659 synsets, 117,659 texts), the rule guards another release.
- ``wordnet``'s seeded sample of 6,000 (of 117,659 synsets) keeps the natural long tail: 44 classes, from adj.all
  (729 rows) down to noun.Tops, adj.ppl (3 rows) and verb.weather (2); noun.motive (42 synsets) has none.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from pathlib import Path

from bench import debian_deb

#: the lexicographer files of WordNet 3.0 by number (lexnames(5WN))
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition "
    "noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object "
    "noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication verb.competition "
    "verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession "
    "verb.social verb.stative verb.weather adj.ppl").split()
DATA_FILES = ("data.noun", "data.verb", "data.adj", "data.adv")
INSTALLED = Path("/usr/share/wordnet")
#: ``wordnet``'s seeded sample: 6,000 synsets run the matrix in ~an hour on 2 cores and keep a tail of tiny classes
WORDNET_SAMPLE, WORDNET_SEED = 6_000, 33
_MARKER = re.compile(r"\((?:a|p|ip)\)$")


def parse_data(text: str) -> list[tuple[str, str]]:
    """(text, lexicographer file) per synset line of a WordNet ``data.*`` file: ``lemma, lemma: gloss``; the
    license header (lines starting with a space), lines without a gloss and unknown file numbers are left out."""
    rows = []
    for line in text.splitlines():
        if not line or line[0] == " ":
            continue
        head, bar, gloss = line.partition(" | ")
        fields = head.split()
        if not bar or len(fields) < 5 or not gloss.strip():
            continue
        lex = int(fields[1]) if fields[1].isdigit() else -1
        count = int(fields[3], 16)
        words = [_MARKER.sub("", w).replace("_", " ") for w in fields[4:4 + 2 * count:2]]
        if not 0 <= lex < len(LEXNAMES) or not words:
            continue
        rows.append((f"{', '.join(words)}: {gloss.strip()}", LEXNAMES[lex]))
    return rows


def unique_rows(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The rows with each text once (the first wins)."""
    seen: set[str] = set()
    kept = []
    for text, label in rows:
        if text not in seen:
            seen.add(text)
            kept.append((text, label))
    return kept


def deb_members(deb: bytes, names: tuple[str, ...]) -> dict[str, bytes]:
    """The files of a .deb whose base names are in ``names`` (under a ``wordnet/`` folder)."""
    return debian_deb.deb_files(deb, lambda member: member.rsplit("/", 1)[-1] in names and "/wordnet/" in member)


def downloaded_deb(folder: Path) -> bytes:
    """The ``wordnet-base`` .deb kept in ``folder``, fetched once with ``apt-get download`` where none is there."""
    return debian_deb.downloaded_deb(folder, "wordnet-base", "wordnet", INSTALLED)


def wordnet_files() -> dict[str, bytes]:
    """WordNet's four data files: the installed package's, else those of the .deb in the bench cache."""
    from bench.quality_data import DatasetUnavailable, bench_cache

    if all((INSTALLED / name).is_file() for name in DATA_FILES):
        return {name: (INSTALLED / name).read_bytes() for name in DATA_FILES}
    deb = downloaded_deb(bench_cache() / "wordnet")
    try:
        files = deb_members(deb, DATA_FILES)
    except (ValueError, tarfile.TarError) as error:
        raise DatasetUnavailable(f"wordnet: the wordnet-base .deb could not be read ({error})") from None
    if set(files) != set(DATA_FILES):
        raise DatasetUnavailable(f"wordnet: the wordnet-base .deb lacks {sorted(set(DATA_FILES) - set(files))}")
    return files


def wordnet_csv() -> Path:
    """WordNet's synsets as a CSV (text, lexname) in the bench cache, keyed by a hash of the four data files."""
    from bench.quality_data import DatasetUnavailable, keyed_csv

    files = wordnet_files()
    source = b"".join(hashlib.sha256(files[name]).digest() for name in DATA_FILES)

    def rows() -> list[tuple[str, str]]:
        parsed = unique_rows([row for name in DATA_FILES for row in parse_data(files[name].decode("utf-8", "replace"))])
        if len(parsed) < 1000:
            raise DatasetUnavailable(f"wordnet: the data files hold {len(parsed)} synsets")
        return parsed

    return keyed_csv("wordnet", source, ["text", "lexname"], rows)
