"""``audit --format markdown`` reads as the text report does once rendered.

Left at the session-17 stop: the ``--label-names`` legend was the option's raw form in a paragraph
('1=World,2=Sports,...'), so a name such as ``*urgent*`` rendered in italics and ``a|b`` or a
backtick broke it; the label estimate, Datalab's own count, the classes the model cannot tell
apart and the notes were in the text report only. Rendered here with markdown-it (rich's own
Markdown parser) with GFM tables, as a notes app or GitHub shows the file.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from engine.report_render import report_markdown

NAMES = {"1": "*urgent*", "2": "a|b", "3": "``x``", "4": "<b>bold</b>"}
REPORT = "Dataset Information: num_examples: 8\n\n```\n     given_label\n0    ``x``\n"


def view(**changes) -> dict:
    base = {"source": "/data/my_*file*.csv", "n_rows": 8, "n_classes": 4,
            "issue_counts": {"label": 2, "non_iid": 0}, "non_iid_p_value": 0.5,
            "label_estimate": {"estimated_label_issues": 2, "label_score_method": "self-confidence",
                               "datalab_label_issues": 3,
                               "overlapping_class_groups": [{"classes": ["1", "2"], "rows": 5, "own_share": 0.4}]},
            "notes": ["a note about *this*"], "report": REPORT, "label_names": NAMES}
    return {**base, **changes}


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_the_names_legend_is_a_table_of_literal_names():
    page = rendered(report_markdown(view()))
    for value, name in NAMES.items():
        assert f"<td><code>{value}</code></td>\n<td><code>{html.escape(name, quote=False)}</code></td>" in page, name
    assert "<em>" not in page and "<b>" not in page


def test_the_text_reports_findings_are_there():
    markdown = report_markdown(view())
    page = rendered(markdown)
    assert "Label errors estimated: <strong>2</strong> (label_score: self-confidence)" in page
    assert "Datalab's own label flag: 3 rows" in page
    assert ("Classes the model cannot tell apart: <code>*urgent*</code>, <code>a|b</code> "
            "(5 rows; 40% assigned to their given class)") in page
    assert "<li>note: a note about *this*</li>" in page
    assert "consistent with i.i.d." in page
    assert "<code>/data/my_*file*.csv</code>" in page.split("</h1>")[0]


def test_datalab_report_stays_one_code_block_when_it_holds_backticks():
    page = rendered(report_markdown(view()))
    assert page.count("<pre><code>") == 1
    assert html.escape(REPORT.rstrip(), quote=False) in page.split("<pre><code>")[1]


def test_no_names_no_legend():
    markdown = report_markdown(view(label_names=None, label_estimate=None, notes=[]))
    assert "Label names" not in markdown and "note:" not in markdown and "| label | 2 |" in markdown
