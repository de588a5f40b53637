"""Dialog titles break between their parts, never inside one: at 80 columns (68 cells in a dialog)
banking77's label picker title 'Choose a label for row 2,711 (77 classes) · enter picks · esc cancels'
wrapped 'cancels' onto a line of its own."""

from __future__ import annotations

from textual.geometry import Region

from textual.widgets import Label

from tui.screens.label_picker import LabelPicker


def test_packed_breaks_only_between_parts():
    from tui.widgets.parts_label import packed

    parts = ["Choose a label for row 2,711 (77 classes)", "enter picks", "esc cancels"]
    assert packed(parts, 68) == "Choose a label for row 2,711 (77 classes) · enter picks\nesc cancels"
    assert packed(parts, 200) == " · ".join(parts)
    assert packed(parts, 0) == " · ".join(parts)  # not laid out yet
    assert packed(["a" * 10, "b"], 5) == "a" * 10 + "\nb"  # a part too wide for any line: alone on its own


async def test_the_picker_title_keeps_its_keys_whole_at_80_columns(pinned_result, tmp_path):
    from tui_synthetic import fixed_app

    names = [f"class_{i:02d}_with_a_long_name" for i in range(77)]  # banking77's count, its row numbers
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")  # the app's own styles: the dialog's width
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LabelPicker(names, current=0, suggested=1, title="Choose a label for row 2,711"))
        await pilot.pause()
        await pilot.pause()
        title = app.screen.query_one("#picker").query(Label).first()
        strips = title.render_lines(Region(0, 0, title.content_region.width, title.content_region.height))
        lines = [strip.text.rstrip() for strip in strips if strip.text.strip()]
        assert lines == ["Choose a label for row 2,711 (77 classes) · enter picks", "esc cancels"], lines


async def test_the_label_set_picker_title_breaks_between_its_parts(pinned_result, tmp_path):
    from tui_synthetic import fixed_app

    from tui.screens.label_set_picker import LabelSetPicker

    parts = ["Labels of row 2,711", "space toggles", "enter saves", "/ searches", "esc cancels"]
    app = fixed_app(pinned_result, tmp_path / "j.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LabelSetPicker(["app", "card", "refund"], (0,), title=parts[0]))
        await pilot.pause()
        await pilot.pause()
        title = app.screen.query(Label).first()
        strips = title.render_lines(Region(0, 0, title.content_region.width, title.content_region.height))
        lines = [strip.text.rstrip() for strip in strips if strip.text.strip()]
        assert len(lines) == 2 and all(part in parts for line in lines for part in line.split(" · ")), lines


def test_a_part_wider_than_the_line_breaks_before_its_parenthesis_not_inside_it():
    """walk34, the picker's title at 50 columns: '... for row 255 (7 classes + 1' over 'new)'."""
    from tui.widgets.parts_label import packed

    title = ["Choose a label for row 255 (7 classes + 1 new)", "enter picks", "esc cancels"]
    assert packed(title, 40).splitlines() == ["Choose a label for row 255", "(7 classes + 1 new) · enter picks",
                                              "esc cancels"]
    assert packed(title, 80) == " · ".join(title)  # one line where it fits, as before
