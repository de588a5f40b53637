"""Shared by the tests of what ``textaudit browse`` checks before the app opens (the ``opened`` fixture of
conftest.py stubs run_app): ag_news' columns, and a refusal's one line."""

from __future__ import annotations

from pathlib import Path

#: ag_news' columns: label, title, description; no 'text' (the load names --text-column title+description).
NEWS = {"label": [1, 2, 3, 1], "title": ["Wall St. Bears", "Oil prices", "New phone", "Rates up"],
        "description": ["Short-sellers are back", "Crude rises", "A faster chip", "Banks react"]}


#: a small set with integer labels 1-3 (for --label-names): texts and labels
INT_TEXTS = [f"{word} {i}" for i, word in enumerate(["card lost", "refund please", "balance check"] * 6)]
INT_LABELS = [1 + i % 3 for i in range(len(INT_TEXTS))]  # 1, 2, 3


def hub_ints_folder(tmp_path: Path, monkeypatch) -> Path:
    """``hf:ints`` read offline: a folder ``ints`` of one CSV of INT_TEXTS / INT_LABELS, the cwd its parent."""
    folder = tmp_path / "ints"
    folder.mkdir()
    (folder / "train.csv").write_text("text,label\n" + "".join(f"{t},{v}\n" for t, v in zip(INT_TEXTS, INT_LABELS)))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return folder


def refused_before_app(capsys, opened: list[dict], args: list[str], *said: str, code: int = 2) -> str:
    """``textaudit browse ARGS`` exits ``code`` with the app not opened and one line on stderr holding each of
    ``said``; returns that line."""
    from tui.cli import main

    capsys.readouterr()  # what came before (datasets' bars while a fixture was written)
    assert main(["browse", *args]) == code
    assert opened == []
    err = capsys.readouterr().err
    assert all(words in err for words in said) and len(err.strip().splitlines()) == 1, err
    return err


def sources(opened: list[dict]) -> list[str]:
    """The sources the app was opened on."""
    return [call["source"] for call in opened]
