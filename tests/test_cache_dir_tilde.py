"""``--cache-dir ~/c`` as the shell leaves it (``--cache-dir=~/c``: bash expands no tilde after '=').

The typo check (tui/cli_values.refuse_cache_dir_typo) expanded it, like every other path option,
but the cache (engine/cache.Cache) and the result index (tui/cli_audit.cache_root, then tui/cli._cache_root) did not: the audit
cached into a folder named '~' in the current one (hostile23).
"""

from __future__ import annotations

from pathlib import Path

from engine.cache import Cache
from tui.cli import main


def _data(folder: Path) -> Path:
    data = folder / "d.csv"
    rows = [("the card arrived today", "card"), ("my card has not come", "card"), ("card delivery is late", "card"),
            ("where is my new card", "card"), ("refund for my order", "refund"), ("I want my money back", "refund"),
            ("the refund is missing", "refund"), ("please refund the fee", "refund")]
    data.write_text("text,label\n" + "".join(f"{text},{label}\n" for text, label in rows))
    return data


def test_an_unexpanded_tilde_cache_dir_is_the_home_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TEXTAUDIT_CACHE_DIR", raising=False)
    monkeypatch.chdir(work)
    data = _data(work)
    assert main(["audit", str(data), "--model", "tfidf", "--cache-dir=~/c"]) == 0
    capsys.readouterr()
    assert not (work / "~").exists(), "cached into a folder named '~' in the current folder"
    assert (home / "c").is_dir() and any((home / "c").iterdir())
    # the second run finds the result index and the stages there
    assert main(["audit", str(data), "--model", "tfidf", "--cache-dir=~/c", "--format", "json"]) == 0
    capsys.readouterr()
    assert not (work / "~").exists()


def test_the_engine_cache_expands_a_tilde_root(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Cache(root=Path("~/c")).root == tmp_path / "c"
    assert Cache(root="~/c").root == tmp_path / "c"
