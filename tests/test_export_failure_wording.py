"""A failed export is said in one wording, by the toast and by the exit line: 'export to PATH failed: REASON', the
path named once (fix40c). The exit line had two ('textaudit: export failed: cannot write PATH: ...' where the
reason named the path, else 'textaudit: the export to PATH failed: ...'; stop 51), and the toast a third
('export failed: OSError: ...', no path at all where the reason had none)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import notices, settle, start_export, wait_until
from tui_synthetic import fixed_app

import engine.export
from engine.errors import DataError, UsageError
from tui.launch import exit_lines
from tui.messages import export_failure


def test_the_path_is_named_once_whatever_the_reason_says() -> None:
    out = Path("/full/a.csv")
    assert export_failure(out, DataError("cannot write /full/a.csv: No space left on device")) == \
        "export to /full/a.csv failed: cannot write it: No space left on device"
    assert export_failure(out, OSError(28, "No space left on device")) == \
        "export to /full/a.csv failed: OSError: [Errno 28] No space left on device"
    assert export_failure(out, PermissionError(13, "Permission denied", "/full/a.csv")) == \
        "export to /full/a.csv failed: PermissionError: [Errno 13] Permission denied: it"
    assert export_failure(out, UsageError("--output /full/a.csv is a symbolic link; refusing to replace it")) == \
        "export to /full/a.csv failed: it is a symbolic link; refusing to replace it"
    assert export_failure(out, UsageError("/full/a.csv: cannot tell the export format")) == \
        "export to /full/a.csv failed: cannot tell the export format"
    longer = DataError("journal /full/a.csv.corrections.jsonl does not match this dataset")  # another file: kept
    assert export_failure(out, longer) == f"export to /full/a.csv failed: {longer.message}"


@pytest.mark.parametrize("names_it", [False, True], ids=["reason-without-path", "reason-names-path"])
async def test_the_toast_and_the_exit_line_say_it_alike(pinned_result, tmp_path, monkeypatch, names_it) -> None:
    def export(dataset, journal, output, **options):
        raise DataError(f"cannot write {output}: No space left on device") if names_it else OSError(5, "I/O error")

    monkeypatch.setattr(engine.export, "export_corrected", export)
    journal, out = tmp_path / "j.jsonl", tmp_path / "fixed.csv"
    app = fixed_app(pinned_result, journal)
    async with app.run_test(size=(100, 30)) as pilot:
        seen = notices(app)
        await settle(pilot)
        await start_export(pilot, out)
        await wait_until(pilot, lambda: any("failed" in n for n in seen), "the export's failure toast")
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    reason = "cannot write it: No space left on device" if names_it else "OSError: [Errno 5] I/O error"
    said = f"export to {out} failed: {reason}"
    assert [n for n in seen if "failed" in n] == [said]  # old toast: 'export failed: OSError: ...', no path
    assert exit_lines(app)[1:] == [f"textaudit: {said}"]  # old: 'the export to ... failed', or 'export failed: ...'


def test_a_relative_path_inside_a_longer_one_is_kept() -> None:
    """A relative output ('out.csv', typed in the dialog) is not taken out of a longer path the reason names: it
    said 'cannot write /home/u/it' and 'cannot write my_it' (diff40)."""
    out = Path("out.csv")
    for named in ("/home/u/out.csv", "my_out.csv", "'/home/u/out.csv'"):
        reason = DataError(f"cannot write {named}: No space left on device")
        assert export_failure(out, reason) == f"export to out.csv failed: {reason.message}"
    assert export_failure(out, PermissionError(13, "Permission denied", "out.csv")) == \
        "export to out.csv failed: PermissionError: [Errno 13] Permission denied: it"
    assert export_failure(out, DataError("(out.csv) cannot write")) == "export to out.csv failed: (it) cannot write"
