"""Every data file of the packages is shipped: pyproject's package-data globs cover it.

``[tool.setuptools.package-data]`` listed ``engine``'s ``data/*.csv`` and ``data/*.json`` only, so a wheel
(``pip install .``, not ``-e .``) left out ``engine/data/demo_multilabel.jsonl`` and ``textaudit demo
--multilabel`` had no data to open (walk40: ``pip wheel .`` in a fresh clone, the wheel listed demo.csv and
int8_outliers.json only). An editable install reads the source tree, which hid it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]


def package_files(package_dir: Path) -> list[Path]:
    """The files under a package folder that are not Python: git's tracked ones where the tree is a
    checkout (a stray local file is no shipped file), else every file but caches."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", str(package_dir)], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode().split("\0")
        files = [ROOT / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):  # no git, or no checkout (an unpacked archive)
        files = [path for path in package_dir.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    return [path for path in files if path.suffix not in (".py", ".pyc")]


def test_package_data_globs_cover_every_data_file_of_the_packages() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    globs = config.get("package-data", {})
    top_level = {name.split(".")[0] for name in config["packages"]}
    missing = []
    for package in sorted(top_level):
        package_dir = ROOT / package
        shipped = {path for pattern in globs.get(package, []) for path in package_dir.glob(pattern)}
        missing += [str(path.relative_to(ROOT)) for path in package_files(package_dir) if path not in shipped]
    assert not missing, f"not in pyproject's package-data (a wheel leaves them out): {missing}"
    assert (ROOT / "engine" / "data" / "demo_multilabel.jsonl") in {
        path for pattern in globs["engine"] for path in (ROOT / "engine").glob(pattern)}
