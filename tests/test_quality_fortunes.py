"""bench/quality_fortunes.py: fortune cookies by cookie file, built from Debian's fortunes package (no network)."""

from __future__ import annotations

import io
import tarfile

import numpy as np
import pytest

ART = ("7:30, Channel 5: The Bionic Dog\n\tdrinks too much.\n%\n\n%\n"
       "A celebrity is a person who is known for his well-knownness.\n%\n"
       "whiter teeth *___\b\b\band*  fresher\n_\bB\n%\n"
       "Shared quote.\n\t\t-- Someone\n%\n"
       "A celebrity is a person who is known for his well-knownness.\n%\n"
       "The last one, with no separator after it\n")
LAW = "Shared quote.\n\t\t-- Someone\n%\nA lawyer's quip.\n%  \n"


def test_one_row_per_fortune_whitespace_normalised_labelled_by_its_file() -> None:
    from bench.quality_fortunes import is_cookie_file, labelled_rows, parse_cookies, without_overstrikes

    assert parse_cookies(ART) == ["7:30, Channel 5: The Bionic Dog drinks too much.",
                                  "A celebrity is a person who is known for his well-knownness.",
                                  "whiter teeth *and* fresher B",  # overstrikes as a pager shows them
                                  "Shared quote. -- Someone",
                                  "A celebrity is a person who is known for his well-knownness.",
                                  "The last one, with no separator after it"]
    assert without_overstrikes("\bx") == "x"  # a backspace with nothing before it
    assert parse_cookies(LAW) == ["Shared quote. -- Someone", "A lawyer's quip."]
    rows = labelled_rows({"law": LAW.encode(), "art": ART.encode()})
    # the quote in both files is dropped from both; the repeat inside art kept once; files in name order
    assert rows == [("7:30, Channel 5: The Bionic Dog drinks too much.", "art"),
                    ("A celebrity is a person who is known for his well-knownness.", "art"),
                    ("whiter teeth *and* fresher B", "art"),
                    ("The last one, with no separator after it", "art"), ("A lawyer's quip.", "law")]
    root = "./usr/share/games/fortunes/"
    assert is_cookie_file(f"{root}art") and not is_cookie_file(f"{root}art.dat") and not is_cookie_file(f"{root}art.u8")
    assert not is_cookie_file(f"{root}off/art") and not is_cookie_file("./usr/share/doc/fortunes/art")


def fake_deb(files: dict[str, str], links: tuple[str, ...] = ()) -> bytes:
    """A .deb as Debian builds it: an ar archive of debian-binary, control.tar.xz and data.tar.xz (paths as given,
    ``links`` as symbolic links to ``art``)."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:xz") as archive:
        for path, text in files.items():
            body = text.encode()
            info = tarfile.TarInfo(path)
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
        for path in links:
            info = tarfile.TarInfo(path)
            info.type, info.linkname = tarfile.SYMTYPE, "art"
            archive.addfile(info)
    out = b"!<arch>\n"
    for name, body in (("debian-binary", b"2.0\n"), ("control.tar.xz", b"x"), ("data.tar.xz", data.getvalue())):
        out += f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(body):<10}`\n".encode() + body + b"\n" * (len(body) % 2)
    return out


def test_fortunes_are_read_from_a_kept_deb_without_fetching_it_again(monkeypatch, tmp_path) -> None:
    import bench.quality_data as data
    import bench.quality_fortunes as fortunes
    from bench import debian_deb

    root = "./usr/share/games/fortunes/"
    people = "\n%\n".join(f"Quote number {i}.\n\t-- Person {i % 7}" for i in range(1200))
    work = "\n%\n".join(f"Work joke {i}" for i in range(300))
    deb = fake_deb({f"{root}art": ART, f"{root}law": LAW, f"{root}people": people, f"{root}work": work,
                    f"{root}art.dat": "\0\0binary index", f"{root}off/work": "Bssrafvir (rot13)",
                    "./usr/share/doc/fortunes/copyright": "not a cookie"}, links=(f"{root}art.u8",))
    (tmp_path / "fortunes").mkdir()
    (tmp_path / "fortunes" / "fortunes_1%3a1.99.1-7.3_all.deb").write_bytes(deb)
    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(fortunes, "INSTALLED", tmp_path / "absent")
    monkeypatch.setattr(debian_deb.subprocess, "run", lambda *a, **k: pytest.fail("fetched again"))
    monkeypatch.setattr(data, "minilm_vectors", lambda texts: np.zeros((len(texts), 2)))  # no model load
    monkeypatch.setattr(data, "FORTUNES_SAMPLE", 1000)
    assert sorted(fortunes.fortune_files()) == ["art", "law", "people", "work"]  # no index, link, off/ or doc file
    texts, labels, vectors = data.load_dataset("fortunes")
    again, _, _ = data.load_dataset("fortunes")
    assert len(texts) == 1000 and texts == again and vectors.shape == (1000, 2)
    expected = dict(fortunes.labelled_rows({"art": ART.encode(), "law": LAW.encode(), "people": people.encode(),
                                            "work": work.encode()}))
    assert len(expected) == 4 + 1 + 1200 + 300 and set(texts) <= set(expected)  # a seeded sample
    assert "Quote number 7. -- Person 0" in expected and "Shared quote. -- Someone" not in expected
    names = sorted(set(expected[text] for text in texts))  # labels 0..K-1 in the names' order
    assert all(names[label] == expected[text] for text, label in zip(texts, labels))
    assert len(data.DATA_KEYS["fortunes"]) == 8 and len(list(tmp_path.glob("fortunes_*.csv"))) == 1


def test_fortunes_without_the_package_or_apt_is_one_line_not_a_crash(monkeypatch, tmp_path, capsys) -> None:
    import bench.quality_data as data
    import bench.quality_fortunes as fortunes
    from bench import debian_deb
    from bench.quality import dataset_inputs

    monkeypatch.setenv("TEXTAUDIT_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(fortunes, "INSTALLED", tmp_path / "absent")
    monkeypatch.setattr(debian_deb.shutil, "which", lambda name: "/usr/bin/apt-get")

    def offline(*args, **kwargs):
        raise debian_deb.subprocess.CalledProcessError(100, args[0], stderr=b"E: Failed to fetch")

    monkeypatch.setattr(debian_deb.subprocess, "run", offline)
    with pytest.raises(data.DatasetUnavailable, match="apt-get download fortunes failed"):
        data.load_dataset("fortunes")
    assert dataset_inputs("fortunes+tfidf") is None
    assert capsys.readouterr().err.count("\n") == 1
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob("fortunes/*"))
    monkeypatch.setattr(debian_deb.shutil, "which", lambda name: None)
    with pytest.raises(data.DatasetUnavailable, match="no apt-get"):
        data.load_dataset("fortunes")


def test_an_installed_tree_is_read_without_its_indexes_links_or_offensive_files(monkeypatch, tmp_path) -> None:
    import bench.quality_fortunes as fortunes

    (tmp_path / "off").mkdir()
    (tmp_path / "off" / "art").write_text("rot13")
    (tmp_path / "art").write_text(ART)
    (tmp_path / "art.dat").write_bytes(b"\0\0")
    (tmp_path / "art.u8").symlink_to("art")
    monkeypatch.setattr(fortunes, "INSTALLED", tmp_path)
    monkeypatch.setattr(fortunes, "downloaded_deb", lambda folder: pytest.fail("fetched"))
    assert fortunes.fortune_files() == {"art": ART.encode()}
