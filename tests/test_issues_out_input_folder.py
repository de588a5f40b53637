"""--issues-out inside the saved datasets folder audited was refused as 'is inside an input file'
(hostile24); d3cfe47 fixed the same words for export -o. It names the folder a folder now."""

from __future__ import annotations

import pytest

from engine.errors import UsageError
from engine.issues_out import issues_out_path


def test_an_issue_table_inside_the_saved_dataset_is_refused_as_inside_a_folder(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "state.json").write_text("{}")
    with pytest.raises(UsageError, match=r"is inside an input folder; refusing"):
        issues_out_path(str(folder / "issues.csv"), [str(folder)], str(folder))


def test_an_input_file_is_still_an_input_file(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("text,label\na,x\nb,y\n")
    with pytest.raises(UsageError, match=r"d\.csv is an input file; refusing"):
        issues_out_path(str(data), [str(data)], str(data))
