"""``hf:FOLDER --encoding X`` on a folder of Parquet files (which take no encoding) turned datasets'
progress bars off and its logging down to CRITICAL, then raised before the ``finally`` that puts
them back: they stayed so for the rest of the process (the TUI's, or a test run's: the suite run
in parallel met it as test_hf_export_quiet failing after test_hub_folder_encoding on one worker)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from engine.errors import UsageError
from engine.load import load_dataset


def test_a_refused_encoding_leaves_datasets_bars_and_logging_as_they_were(monkeypatch, tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "pq"
    folder.mkdir()
    pd.DataFrame({"text": ["a b", "c d"], "label": ["x", "y"]}).to_parquet(folder / "train.parquet")
    bars, verbosity = datasets.is_progress_bar_enabled(), datasets.logging.get_verbosity()
    datasets.enable_progress_bars()
    try:
        with pytest.raises(UsageError, match="leave out --encoding$"):
            load_dataset(f"hf:{folder}", encoding="cp1252")
        assert datasets.is_progress_bar_enabled()
        assert datasets.logging.get_verbosity() == verbosity
    finally:
        (datasets.enable_progress_bars if bars else datasets.disable_progress_bars)()
        datasets.logging.set_verbosity(verbosity)
