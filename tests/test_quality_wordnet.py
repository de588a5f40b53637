"""bench/quality_wordnet.py: WordNet's glosses by lexicographer file, built from Debian's wordnet-base (no network)."""

from __future__ import annotations

import io
import tarfile

import numpy as np
import pytest

HEADER = "  1 This software and database is being provided to you, the LICENSEE, by  \n"
NOUNS = HEADER + (
    "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived or known  \n"
    "02084071 05 n 02 dog 0 domestic_dog 0 001 @ 02083346 n 0000 | a member of the genus Canis; \"the dog barked\"  \n"
    "09999999 99 n 01 nothing 0 000 | an unknown file number  \n"
    "08888888 06 n 01 no_gloss 0 000  \n")
ADJS = HEADER + ("00001740 00 a 01 able 0 000 | having the necessary means  \n"
                 "00002222 00 s 01 long(a) 0 000 | primarily temporal sense  \n")
VERBS = HEADER + "".join(f"0200{i:04d} 38 v 0b {' '.join(f'w{j} 0' for j in range(11))} 000 00 | moves {i}  \n"
                         for i in range(2))


def test_one_row_per_synset_words_then_gloss_labelled_by_its_lexicographer_file() -> None:
    from bench.quality_wordnet import parse_data, unique_rows

    assert parse_data(NOUNS) == [("entity: that which is perceived or known", "noun.Tops"),
                                 ("dog, domestic dog: a member of the genus Canis; \"the dog barked\"", "noun.animal")]
    assert parse_data(ADJS) == [("able: having the necessary means", "adj.all"),
                                ("long: primarily temporal sense", "adj.all")]  # the (a) marker cut
    verbs = parse_data(VERBS)  # a word count in hex: 0b is 11 words
    assert [label for _, label in verbs] == ["verb.motion"] * 2 and verbs[0][0].startswith("w0, w1, ") and \
        verbs[0][0].endswith("w10: moves 0")
    assert unique_rows([("a", "x"), ("b", "y"), ("a", "z")]) == [("a", "x"), ("b", "y")]


def fake_deb(files: dict[str, str]) -> bytes:
    """A .deb as Debian builds it: an ar archive of debian-binary, control.tar.xz and data.tar.xz."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:xz") as archive:
        for name, text in files.items():
            body = text.encode()
            info = tarfile.TarInfo(f"./usr/share/wordnet/{name}")
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    out = b"!<arch>\n"
    for name, body in (("debian-binary", b"2.0\n"), ("control.tar.xz", b"x"), ("data.tar.xz", data.getvalue())):
        out += f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(body):<10}`\n".encode() + body + b"\n" * (len(body) % 2)
    return out


def test_wordnet_base_is_read_from_a_kept_deb_without_fetching_it_again(monkeypatch, tmp_path) -> None:
    import bench.quality_data as data
    import bench.quality_wordnet as wordnet
    from bench import debian_deb

    nouns = HEADER + "".join(f"0{i:07d} {5 if i % 3 else 13} n 01 thing{i} 0 000 | gloss {i}  \n" for i in range(1500))
    (tmp_path / "wordnet").mkdir()
    (tmp_path / "wordnet" / "wordnet-base_1%3a3.0-37_all.deb").write_bytes(
        fake_deb({"data.noun": nouns, "data.verb": VERBS, "data.adj": ADJS, "data.adv": HEADER}))
    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(wordnet, "INSTALLED", tmp_path / "absent")
    monkeypatch.setattr(debian_deb.subprocess, "run", lambda *a, **k: pytest.fail("fetched again"))
    monkeypatch.setattr(data, "minilm_vectors", lambda texts: np.zeros((len(texts), 2)))  # no model load
    monkeypatch.setattr(data, "WORDNET_SAMPLE", 1000)
    texts, labels, vectors = data.load_dataset("wordnet")
    again, _, _ = data.load_dataset("wordnet")
    assert len(texts) == 1000 and texts == again and vectors.shape == (1000, 2)
    expected = dict(wordnet.parse_data(nouns) + wordnet.parse_data(VERBS) + wordnet.parse_data(ADJS))
    assert set(texts) <= set(expected) and "thing7: gloss 7" in expected  # ``words: gloss``, a seeded sample
    names = sorted(set(expected.values()))  # labels 0..K-1 in the names' order
    assert all(names[label] == expected[text] for text, label in zip(texts, labels))
    assert len(data.DATA_KEYS["wordnet"]) == 8 and len(list(tmp_path.glob("wordnet_*.csv"))) == 1


def test_wordnet_without_the_package_or_apt_is_one_line_not_a_crash(monkeypatch, tmp_path, capsys) -> None:
    import bench.quality_data as data
    import bench.quality_wordnet as wordnet
    from bench import debian_deb
    from bench.quality import dataset_inputs

    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(wordnet, "INSTALLED", tmp_path / "absent")
    monkeypatch.setattr(debian_deb.shutil, "which", lambda name: "/usr/bin/apt-get")

    def offline(*args, **kwargs):
        raise debian_deb.subprocess.CalledProcessError(100, args[0], stderr=b"E: Failed to fetch")

    monkeypatch.setattr(debian_deb.subprocess, "run", offline)
    with pytest.raises(data.DatasetUnavailable, match="apt-get download wordnet-base failed"):
        data.load_dataset("wordnet")
    assert dataset_inputs("wordnet+tfidf") is None
    assert capsys.readouterr().err.count("\n") == 1
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob("wordnet/*"))
    monkeypatch.setattr(debian_deb.shutil, "which", lambda name: None)
    with pytest.raises(data.DatasetUnavailable, match="no apt-get"):
        data.load_dataset("wordnet")
