"""bench/quality.py's datasets: the bases, the ``+`` variants built on them, and their cached vectors.

Split from bench/quality.py (house check: over 500 lines); quality.py re-exports every name here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from bench._common import BANKING77_TRAIN
from bench.quality_shapes import (
    COARSE, HOLDOUT25, RMERGE, SHAPES, catch_all, coarse_classes, duplicated_rows, first_words, first_words_count,
    long_tail_rows, near_copies, one_vs_rest, parent_and_children, projected, projection_dims,
    random_merge, scattered_copies, second_source_rows, shape_rows, split_classes, title_rows,
)
from bench.quality_holdout27 import HOLDOUT27, NEAR_ORIGIN, holdout27_rows
from bench.quality_manpages import MANPAGES_SAMPLE, MANPAGES_SEED, manpages_csv
from bench.quality_wordnet import WORDNET_SAMPLE, WORDNET_SEED, wordnet_csv
from bench.quality_fortunes import FORTUNES_SAMPLE, FORTUNES_SEED, fortunes_csv


AG_NEWS_TEST = BANKING77_TRAIN.parents[1] / "ag_news" / "test.csv"
BASES = {"banking77": (BANKING77_TRAIN, "text", "category"), "ag_news": (AG_NEWS_TEST, "description", "label"),
         "banking77test": (BANKING77_TRAIN.with_name("test.csv"), "text", "category"),
         "ag_news_title": (AG_NEWS_TEST, "title", "label"),
         "ag_news_full": (AG_NEWS_TEST, "title+description", "label"),
         # session 31 (debian31): built at run time from ``apt-cache dumpavail`` (debian_csv), never in the repo
         "debian": (None, "text", "section"), "debian_all": (None, "text", "section"),
         # session 32 (man32): built at run time from man-db's index (bench/quality_manpages.py), never in the repo
         "manpages": (None, "text", "section"),
         # session 33 (domain33): built at run time from Debian's wordnet-base (bench/quality_wordnet.py), never in the repo
         "wordnet": (None, "text", "lexname"),
         # session 34 (domain34): built at run time from Debian's fortunes (bench/quality_fortunes.py), never in the repo
         "fortunes": (None, "text", "file")}
#: ``debian``'s seeded sample of packages (63,697 in bookworm main + updates + security): 10,000 keeps the long
#: tail of sections and runs a matrix cell in minutes on 2 cores; ``debian_all`` is every package
DEBIAN_SAMPLE, DEBIAN_SEED = 10_000, 31
#: the index hash of each debian / manpages / wordnet / fortunes spec loaded, so cached pred_probs of one index never serve another
DATA_KEYS: dict[str, str] = {}


class DatasetUnavailable(Exception):
    """A base this machine cannot build (``debian`` without apt-cache or its lists, ``manpages`` without man-db,
    ``wordnet`` without wordnet-base or apt's network, ``fortunes`` without Debian's fortunes or apt's network):
    quality.py skips it."""
#: the last one is built to fail like the hidden domain of issue 17: a long tail of tiny classes
#: and weak (TF-IDF) vectors, so the classifier is far from perfect
DEFAULT_DATASETS = ("banking77,ag_news,banking77+longtail,banking77+split,banking77+tfidf,ag_news+tfidf,"
                    "banking77+longtail+tfidf")
KINDS = ("uniform", "confusable", "pair-swap")
#: ``--sanity``: the real labels as given (rate 0) on the bases and on degenerate shapes
SANITY_DATASETS = ("banking77,banking77test,ag_news,banking77+tfidf,ag_news+tfidf,banking77+longtail,"
                   "ag_news+binary,ag_news+imbalanced,banking77+imbalanced,banking77+tiny,ag_news+tiny,"
                   "banking77+longtail+tfidf,banking77+fine50,banking77+fine50+tfidf,banking77+zipf50,"
                   "banking77+zipf50+tfidf")
PIPELINES = ("textaudit", "plain", "datalab")


def bench_cache() -> Path:
    override = os.environ.get("TEXTAUDIT_BENCH_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("textaudit-bench", appauthor=False))


def cached_array(path: Path, compute) -> np.ndarray:
    if path.exists():
        return np.load(path, allow_pickle=False)
    value = np.asarray(compute())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    np.save(tmp, value)
    os.replace(tmp, path)
    return value


def minilm_vectors(texts: list[str]) -> np.ndarray:
    from engine.embed import embed_texts, model_fingerprint, resolve_model_name
    from engine.load import hash_strings

    model = hash_strings([model_fingerprint(resolve_model_name(None))])[:8]
    path = bench_cache() / f"minilm_{model}_{hash_strings(texts)[:16]}.npy"
    return cached_array(path, lambda: embed_texts(texts, device="cpu", precision="fp32"))


def tfidf_vectors(texts: list[str]) -> np.ndarray:
    from engine.embed import embed_texts
    from engine.load import hash_strings

    path = bench_cache() / f"tfidf_{hash_strings(texts)[:16]}.npy"
    return cached_array(path, lambda: embed_texts(texts, model="tfidf"))


def load_dataset(spec: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(texts, labels 0..K-1, features) for a dataset spec such as ``banking77+longtail``."""
    import pandas as pd

    base, *variants = spec.split("+")
    known = (("longtail", "split", "tfidf", "dup", "topics", "twins", "other60", "vsrest10") + SHAPES + COARSE + RMERGE
             + HOLDOUT25 + HOLDOUT27)
    if base not in BASES or any(v not in known and projection_dims(v) is None and first_words_count(v) is None
                                for v in variants):
        raise SystemExit(f"unknown dataset {spec!r}; see --list")
    path, text_column, label_column = BASES[base]
    built = path is None
    if built:  # the Debian package index (synopsis, section), the man pages' (name - description), WordNet's (words:
        # gloss), the fortune cookies (text, cookie file)
        path = {"manpages": manpages_csv, "wordnet": wordnet_csv, "fortunes": fortunes_csv}.get(base, debian_csv)()
        DATA_KEYS[spec] = path.stem.rsplit("_", 1)[-1][:8]
    frame = pd.read_csv(path, keep_default_na=False) if built else pd.read_csv(path)  # a synopsis "NA" stays text
    sample, sample_seed = {"debian": (DEBIAN_SAMPLE, DEBIAN_SEED), "manpages": (MANPAGES_SAMPLE, MANPAGES_SEED),
                           "wordnet": (WORDNET_SAMPLE, WORDNET_SEED),
                           "fortunes": (FORTUNES_SAMPLE, FORTUNES_SEED)}.get(base, (len(frame), 0))
    if len(frame) > sample:
        frame = frame.iloc[np.sort(np.random.default_rng(sample_seed).choice(len(frame), sample, replace=False))]
    texts = ["\n".join(parts) for parts in zip(*(frame[c].astype(str) for c in text_column.split("+")))]
    names, labels = np.unique(frame[label_column].astype(str).to_numpy(), return_inverse=True)
    if "topics" in variants:  # banking77's intents grouped by a keyword of their names
        labels = topic_labels(names, labels, base)
    if "hier" in variants:  # session 25: parent topics as labels beside their intents
        labels = hierarchy_labels(names, labels, base)
    for words in filter(None, map(first_words_count, variants)):  # session 22: texts cut to N words
        texts = first_words(texts, words)
    if "halftitle" in variants:  # session 25: half the rows a headline, half a description
        texts, vectors = half_titles(frame, texts, base)
    elif "news" in variants:  # session 25: a second source (news blurbs) in the same file, its own labels
        texts, labels, vectors = with_news(texts, labels, base)
    else:
        vectors = minilm_vectors(texts)
    order = np.random.default_rng(12345).permutation(len(texts))  # files sorted by class
    texts, labels, vectors = [texts[i] for i in order], labels[order], vectors[order]
    if "split" in variants:  # before longtail: the tail is cut from the finer classes
        labels = split_classes(vectors, labels)
    for coarse in COARSE:
        if coarse in variants:
            labels = coarse_classes(vectors, labels, int(coarse[len("coarse"):]))
    for merge in RMERGE:  # session 22: random unions of classes
        if merge in variants:
            labels = random_merge(labels, int(merge[len("rmerge"):]))
    if "other60" in variants:
        labels = catch_all(labels)
    if "vsrest10" in variants:  # session 24: one label against the rest, 10:90
        keep, labels = one_vs_rest(labels)
        texts, vectors = [texts[i] for i in keep], vectors[keep]
    for variant in HOLDOUT27:  # session 27 (holdout27): a rare positive, small sets, few-shot intents
        if variant in variants:
            keep, labels = holdout27_rows(labels, variant)
            texts, vectors = [texts[i] for i in keep], vectors[keep]
    if "longtail" in variants:
        keep = long_tail_rows(labels)
        texts, labels, vectors = [texts[i] for i in keep], labels[keep], vectors[keep]
        _, labels = np.unique(labels, return_inverse=True)
    for shape in SHAPES:
        if shape in variants:
            keep = shape_rows(labels, shape)
            texts, labels, vectors = [texts[i] for i in keep], labels[keep], vectors[keep]
            _, labels = np.unique(labels, return_inverse=True)
    if "dup" in variants or "scatter" in variants or "twins" in variants:
        keep = (duplicated_rows(len(texts)) if "dup" in variants else scattered_copies(len(texts), 5, 19)
                if "twins" in variants else scattered_copies(len(texts)))
        texts, labels, vectors = [texts[i] for i in keep], labels[keep], vectors[keep]
    if "near" in variants:  # session 25: near copies (edited, never exact) of a third of the rows
        origin, texts = near_copies(texts)
        labels, vectors = labels[origin], minilm_vectors(texts)
        NEAR_ORIGIN[spec] = origin  # ``twin`` noise on near copies (bench/quality_holdout27.py)
    if "tfidf" in variants:
        vectors = tfidf_vectors(texts)
    for dims in filter(None, map(projection_dims, variants)):  # after the shapes: vectors of the rows kept
        vectors = projected_vectors(texts, vectors, dims)
    return texts, labels.astype(np.int64), vectors


def topic_labels(names: np.ndarray, labels: np.ndarray, base: str) -> np.ndarray:
    """``+topics``: each banking77 intent mapped to its coarse topic by a keyword of its name (card,
    transfer, top_up, cash, exchange, other: bench/quality_multilabel.py's topics), a hierarchy a
    person wrote rather than k-means (``+coarseN``)."""
    from bench.quality_multilabel import topic_of

    if not base.startswith("banking77"):
        raise SystemExit(f"+topics needs banking77's intent names, not {base}")
    _, topic = np.unique([topic_of(name) for name in names], return_inverse=True)
    return topic[labels]


def hierarchy_labels(names: np.ndarray, labels: np.ndarray, base: str) -> np.ndarray:
    """``+hier`` (session 25): banking77's intents and, as labels too, 5 of their topics (``+topics``' card,
    transfer, top_up, cash, exchange; 'other' is no parent): a quarter of each topic's rows labelled with the
    topic alone (bench/quality_shapes.py ``parent_and_children``)."""
    from bench.quality_multilabel import topic_of

    if not base.startswith("banking77"):
        raise SystemExit(f"+hier needs banking77's intent names, not {base}")
    topic_names, topic = np.unique([topic_of(name) for name in names], return_inverse=True)
    return parent_and_children(labels, topic, topic_names != "other")


def with_news(texts: list[str], labels: np.ndarray, base: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``+news`` (session 25): two sources in one file: a banking77 set's queries and 500 ag_news descriptions of
    each of its 4 topics (``second_source_rows``), the topics labelled after the intents (81 labels on banking77test:
    77 of ~40 short queries, 4 of 500 long blurbs). Vectors from both sources' cached lists."""
    import pandas as pd

    if not base.startswith("banking77"):
        raise SystemExit(f"+news adds ag_news to a banking77 set, not to {base}")
    news = pd.read_csv(AG_NEWS_TEST)
    news_texts = news["description"].astype(str).tolist()
    _, news_labels = np.unique(news["label"].astype(str).to_numpy(), return_inverse=True)
    keep = second_source_rows(news_labels)
    vectors = np.concatenate([minilm_vectors(texts), minilm_vectors(news_texts)[keep]])
    labels = np.concatenate([labels, labels.max() + 1 + news_labels[keep]])
    return texts + [news_texts[i] for i in keep], labels, vectors


def half_titles(frame, texts: list[str], base: str) -> tuple[list[str], np.ndarray]:
    """``+halftitle`` (session 25): half the rows (``title_rows``) carry their title instead of their text, with
    the title's MiniLM vector (both lists' vectors are cached whole, so no row is encoded twice)."""
    if "title" not in frame.columns or BASES[base][1] == "title":
        raise SystemExit(f"+halftitle needs a base with a title column beside its text, not {base}")
    titles = frame["title"].astype(str).tolist()
    mask = title_rows(len(texts))
    vectors = np.where(mask[:, None], minilm_vectors(titles), minilm_vectors(texts))
    return [t if m else x for t, x, m in zip(titles, texts, mask)], vectors


def projected_vectors(texts: list[str], vectors: np.ndarray, dims: int) -> np.ndarray:
    from engine.load import hash_strings

    key = hash_strings(texts + [str(vectors.shape), str(vectors[:2].round(6).tolist())])[:16]
    return cached_array(bench_cache() / f"proj{dims}_{key}.npy", lambda: projected(vectors, dims))


def minilm_spec(spec: str) -> str:
    """The spec without its embedding variants (``+tfidf``, ``+projN``, ``+firstN``): noise targets
    come from the whole texts' MiniLM vectors, the same noise whatever the embeddings."""
    base, *variants = spec.split("+")
    return "+".join([base] + [v for v in variants if v != "tfidf" and projection_dims(v) is None
                              and first_words_count(v) is None])


def parse_packages(dump: str) -> list[tuple[str, str, str]]:
    """(package, synopsis, section) per package name of an ``apt-cache dumpavail`` text, sorted by name: the first
    stanza of a name wins, a section's ``contrib/`` or ``non-free/`` prefix is cut, stanzas without a description
    or a section are left out. The synopsis is the first line of ``Description:`` (the long description lives in
    Translation-en files, which apt's lists here do not carry)."""
    rows: dict[str, tuple[str, str, str]] = {}
    for stanza in dump.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            key, sep, value = line.partition(":")
            if sep and not line[:1].isspace():
                fields.setdefault(key, value.strip())
        name, synopsis, section = fields.get("Package"), fields.get("Description"), fields.get("Section")
        if name and synopsis and section and name not in rows:
            rows[name] = (name, synopsis, section.rsplit("/", 1)[-1])
    return [rows[name] for name in sorted(rows)]


def apt_dump(dataset: str) -> bytes:
    """``apt-cache dumpavail``'s output (the machine's package lists); DatasetUnavailable (one line, naming
    ``dataset``) where apt-cache is missing or fails."""
    if shutil.which("apt-cache") is None:
        raise DatasetUnavailable(f"{dataset}: apt-cache not found (the dataset is built from a Debian machine's package lists)")
    try:
        return subprocess.run(["apt-cache", "dumpavail"], capture_output=True, check=True, timeout=300).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise DatasetUnavailable(f"{dataset}: apt-cache dumpavail failed ({error})") from None


def keyed_csv(prefix: str, source: bytes, header: list[str], rows: Callable[[], Iterable[Sequence[str]]]) -> Path:
    """A CSV in the bench cache named by ``prefix`` and a hash of the ``source`` output it is built from (the same
    output gives the same file, another one never reuses it): ``rows()`` is called only where the file is not there
    yet, and the file is written whole or not at all (a temporary file, renamed)."""
    import csv
    import hashlib

    path = bench_cache() / f"{prefix}_{hashlib.sha256(source).hexdigest()[:16]}.csv"
    if path.exists():
        return path
    body = list(rows())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(body)
    os.replace(tmp, path)
    return path


def debian_csv() -> Path:
    """The Debian package index as a CSV (package, text, section) in the bench cache, keyed by a hash of
    ``apt-cache dumpavail``'s output: the same lists give the same file. Raises DatasetUnavailable (one line)
    where apt-cache or its lists are missing."""
    dump = apt_dump("debian")

    def rows() -> list[tuple[str, str, str]]:
        packages = parse_packages(dump.decode("utf-8", errors="replace"))
        if len(packages) < 100:
            raise DatasetUnavailable(f"debian: apt lists hold {len(packages)} packages (run apt-get update first)")
        return packages

    return keyed_csv("debian", dump, ["package", "text", "section"], rows)
