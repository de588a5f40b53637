"""--pred-probs / --features naming something that is there but is no file (a folder, a FIFO, /dev/zero)
said '--pred-probs: no such file /dev/zero' (hostile24): the line now says what it is."""

from __future__ import annotations

import os

import pytest

from engine.checks import load_user_array
from engine.errors import DataError


def test_a_folder_is_named_a_folder(tmp_path):
    (tmp_path / "probs.npy").mkdir()
    with pytest.raises(DataError, match=r"^--pred-probs: .*probs\.npy is a folder, not a \.npy file$"):
        load_user_array(str(tmp_path / "probs.npy"), "pred-probs")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "feats.npy")
    with pytest.raises(DataError, match=r"^--features: .*feats\.npy is not a regular file \(a named pipe"):
        load_user_array(str(tmp_path / "feats.npy"), "features")


def test_a_missing_file_is_still_no_such_file(tmp_path):
    with pytest.raises(DataError, match=r"^--features: no such file .*nope\.npy$"):
        load_user_array(str(tmp_path / "nope.npy"), "features")
