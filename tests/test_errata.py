"""Errata rendering on a handmade frame."""

import pandas as pd

from exobone.render.html import errata_table


def test_errata_html_has_one_anchored_row_per_erratum():
    frame = pd.DataFrame(
        {
            "erratum_id": ["E001", "E002"],
            "file": ["review/x.csv", "review/y.csv"],
            "record_id": ["T1-01", "7"],
            "column": ["cargo", "term"],
            "published": ["Wht4", ""],
            "corrected": ["Wnt4", "HPDLSCs"],
            "kind": ["ocr", "omission"],
            "evidence_line": pd.array([189, pd.NA], dtype="Int64"),
            "evidence": ["text says Wnt4", "term lost <in> the list"],
        }
    )
    html = errata_table(frame)
    assert html.count("<tr id=") == 2
    assert '<tr id="e001"><td>E001</td><td><code>review/x.csv</code><br>T1-01 · cargo</td>' in html
    assert "<td>text says Wnt4 (review line 189)</td>" in html
    assert "<td><em>(empty)</em></td><td>HPDLSCs</td>" in html
    assert "term lost &lt;in&gt; the list</td>" in html
