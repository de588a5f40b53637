"""One Debian package's files for a bench dataset: the .deb fetched once by name with ``apt-get download`` (never
an index walk) and kept in the bench cache, its ``data.tar.*`` read in Python (ar + tar), no dpkg needed.

Shared by bench/quality_wordnet.py (``wordnet-base``) and bench/quality_fortunes.py (``fortunes``)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path


def deb_files(deb: bytes, wanted: Callable[[str], bool]) -> dict[str, bytes]:
    """The regular files of a .deb (an ar archive holding ``data.tar.*``) whose member path ``wanted`` takes, by
    base name."""
    if not deb.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    offset, found = 8, {}
    while offset + 60 <= len(deb):
        header = deb[offset:offset + 60]
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58].decode().strip())
        body = deb[offset + 60:offset + 60 + size]
        offset += 60 + size + (size % 2)
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body), mode="r:*") as archive:
                for member in archive.getmembers():
                    if member.isfile() and wanted(member.name):
                        found[member.name.rsplit("/", 1)[-1]] = archive.extractfile(member).read()
    return found


def downloaded_deb(folder: Path, package: str, dataset: str, installed: Path | str) -> bytes:
    """``package``'s .deb kept in ``folder``, fetched once with ``apt-get download`` where none is there; no apt-get
    or a failed fetch raises DatasetUnavailable naming ``dataset`` and the ``installed`` folder it looked in first."""
    from bench.quality_data import DatasetUnavailable

    kept = sorted(folder.glob(f"{package}_*.deb"))
    if kept:
        return kept[-1].read_bytes()
    if shutil.which("apt-get") is None:
        raise DatasetUnavailable(f"{dataset}: no {installed} and no apt-get to fetch Debian's {package}")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        try:
            subprocess.run(["apt-get", "download", "-q", package], cwd=tmp, capture_output=True, check=True,
                           timeout=120)
        except (OSError, subprocess.SubprocessError) as error:
            raise DatasetUnavailable(f"{dataset}: apt-get download {package} failed ({str(error).splitlines()[0]})") \
                from None
        debs = sorted(Path(tmp).glob(f"{package}_*.deb"))
        if not debs:
            raise DatasetUnavailable(f"{dataset}: apt-get download {package} gave no .deb")
        os.replace(debs[0], folder / debs[0].name)
        return (folder / debs[0].name).read_bytes()
