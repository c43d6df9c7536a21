"""Interactive tables and the findings-by-source list, on handmade frames."""

import base64
import gzip
import json

import pandas as pd
import pytest

from exobone.render import interactive
from exobone.render.markdown import evidence_markdown, finding_anchor, source_anchor


def _rows(html: str) -> list[list[str]]:
    packed = html.split('data-rows="', 1)[1].split('"', 1)[0]
    return json.loads(gzip.decompress(base64.b64decode(packed)).decode("utf-8"))


def test_rows_travel_compressed_and_escaped():
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>", "β-catenin"], "n": ["1", ""]})
    html = interactive.interactive_table(frame, "demo")
    assert "<script>alert(1)" not in html
    assert _rows(html) == [
        ["&lt;script&gt;alert(1)&lt;/script&gt;", "1"],
        ["β-catenin<span hidden> beta-catenin</span>", ""],  # the Latin spelling, for search
    ]
    assert html.count('id="demo"') == 1 and "DecompressionStream" in html


def test_html_columns_are_kept_and_filter_columns_become_buttons():
    frame = pd.DataFrame({"refs": ['<a href="#r1">1</a>'], "source": ["M2 macrophage; <b>x</b>"]})
    html = interactive.interactive_table(
        frame, "demo", html_columns=("refs",), filter_columns=("source",)
    )
    refs, source = _rows(html)[0]
    assert refs == '<a href="#r1">1</a>'
    assert source.count("<button") == 2
    assert 'data-col="1" data-value="M2 macrophage"' in source
    assert "&lt;b&gt;x&lt;/b&gt;" in source and "<b>" not in source


def test_no_network_address_in_the_table():
    html = interactive.interactive_table(pd.DataFrame({"a": ["x"]}), "demo")
    assert "http" not in html


def test_table_ids_are_checked():
    with pytest.raises(ValueError, match="table id"):
        interactive.interactive_table(pd.DataFrame({"a": ["x"]}), 'x" onload="alert(1)')


def test_the_ready_promise_name_matches_the_itables_version():
    import itables

    assert interactive.ITABLES_READY == "_itables_" + itables.__version__.replace(".", "_")


def test_pathway_buttons_filter_on_the_label_whatever_the_direction():
    assert (
        interactive._without_direction("Wnt signalling (up); MAPK signalling (down)")
        == "Wnt signalling; MAPK signalling"
    )
    assert interactive._without_direction("A (up); A (down)") == "A"


def _findings():
    rows = [
        # finding, source, label, parent, lineage, compartment, origin, row, line, claim
        ("F-N002", "m2", "M2 macrophage", "mac", "immune", "c1", "narrative", "", 120, "b"),
        ("F-N001", "mac", "Macrophage", "", "immune", "c1", "narrative", "", 118, "a <x>"),
        ("F-N003", "ad", "Adipocyte", "", "adipose", "c1", "narrative", "", 130, "c"),
        ("F-N004", "m1", "M1 macrophage", "mac", "immune", "c1", "narrative", "", 121, "d"),
        ("F-T1-01", "bmsc", "BMSC", "", "bone_cells", "c0", "table", "T1-01", 76, "e"),
    ]
    columns = ["finding_id", "source_id", "source_label", "parent_id", "lineage_group"]
    columns += ["compartment", "origin", "table_row_id", "source_line", "claim"]
    return pd.DataFrame(rows, columns=columns)


def test_findings_by_source_puts_sub_sources_under_their_parent():
    refs = pd.DataFrame({"finding_id": ["F-N001", "F-N001"], "ref_id": [92, 87]})
    md = evidence_markdown(_findings(), refs, [], {"c0": "Bone", "c1": "Other"})
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "### Bone",
        "#### BMSC",
        "### Other",
        "#### Macrophage",
        "##### M1 macrophage",
        "##### M2 macrophage",
        "#### Adipocyte",
    ]
    assert "(source-m2)=\n##### M2 macrophage" in md
    assert f'<span id="{finding_anchor("F-N001")}"></span>a \\<x\\> ' in md
    assert "{cite}`ref087,ref092`" in md and "(F-T1-01; table row T1-01)" in md


def test_anchors_are_plain_ids():
    assert source_anchor("m2_macrophage") == "source-m2-macrophage"
    assert finding_anchor("F-T1-01") == "finding-f-t1-01"


def test_searchable_frame_escapes_cells_and_has_no_blank_header():
    frame = pd.DataFrame({"term": ["<img src=x onerror=alert(1)>"], "kind": ["ocr"]})
    html = interactive.searchable_frame(frame, "demo-table")
    assert "<img" not in html and "&lt;img src=x" in html
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert "<th></th>" not in head and head.count("<th>") == 2
    assert 'getElementById("demo-table")' in html


def test_searchable_needs_the_table_id():
    with pytest.raises(ValueError, match="no id"):
        interactive.searchable("<table></table>", "demo-table")


def test_a_static_table_hides_columns_from_the_last_never_the_first():
    html = pd.DataFrame({"a": ["1"], "b": ["2"], "c": ["3"]}).to_html(index=False, table_id="t")
    assert interactive._static_priorities(html) == [0, 1, 2]
    assert '"priorities"' not in interactive.searchable(html, "t")
    assert "exoboneTables.setup(table, api, [0, 1, 2])" in interactive.searchable(html, "t")


def test_findings_table_filters_by_the_directions_in_the_data():
    flat = pd.DataFrame(
        {c: [""] * 2 for c in interactive.FINDINGS_COLUMNS}
        | {
            "finding_id": ["F1", "F2"],
            "effects": ["Inflammation (unspecific) (down); Osteogenesis (up, in X (y))", ""],
        }
    )
    html = interactive.findings_table(flat)
    assert ">down</option>" in html and ">up</option>" in html
    assert "unspecific</option>" not in html
    assert 'data-col="6"' in html  # the effect column


def test_no_notebook_stores_the_datatables_bundle():
    """The book ships the bundle once (exobone.sphinxext.tables); a notebook that stored it
    (``itables.init_notebook_mode(connected=False)``) would carry ~1 MB, rewritten on every run."""
    from base64 import b64encode
    from pathlib import Path

    from itables import options

    from exobone.data import paths

    source = Path(options.dt_bundle).read_text(encoding="utf-8")
    marks = [b64encode(source.encode("utf-8"))[:200].decode(), source[-200:], "init_notebook_mode"]
    holding = [
        nb.name
        for nb in sorted((paths.PROJECT_ROOT / "notebooks").glob("*.ipynb"))
        if any(mark in nb.read_text(encoding="utf-8") for mark in marks)
    ]
    assert holding == []


def test_a_table_loads_the_bundle_from_the_page_or_from_lab_never_from_the_network():
    html = interactive.interactive_table(pd.DataFrame({"a": ["x"]}), "demo")
    assert "exoboneTables.bundle()" in html
    assert '"static/itables/dt_bundle' in html  # where `make lab` serves it
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert len(html) < 12_000  # the helpers, not the bundle
