"""Alt text is built from the data a figure draws: handmade frames, expected sentences. And no
chapter types an alt text: every figure's description comes from figures/alt.py."""

import ast
import json

import networkx as nx
import pandas as pd
import pytest

from exobone.data import paths
from exobone.figures import alt, biogenesis, charts, diagrams


def test_bars_name_the_count_the_longest_and_the_ties_at_the_bottom():
    frame = pd.DataFrame({"label": ["ucMSC", "BMSC", "AMSC", "EPC"], "n": [24, 21, 1, 1]})
    assert alt.describe(charts.grouped_bars, frame, "label", "n", "Findings", what="sources") == (
        "Horizontal bar chart of findings for 4 sources; the longest bars: ucMSC (24), "
        "BMSC (21) and AMSC (1); 2 sources have 1."
    )


def test_a_heat_map_names_its_size_blanks_largest_cells_and_columns():
    table = pd.DataFrame({"Wnt": [2, 0], "BMP": [1, 0]}, index=["BMSC", "EPC"])
    assert alt.describe(charts.count_heatmap, table, "Pathway", "Source", what="sources") == (
        "Heat map of findings: 2 sources (rows) by 2 columns (pathway); 2 of 4 cells are "
        "blank; the largest cells: BMSC × Wnt (2) and BMSC × BMP (1); the columns with the "
        "most findings: Wnt (2) and BMP (1)."
    )


def test_years_name_the_span_and_the_peak():
    years = pd.DataFrame({"year": [2019, 2020, 2021], "n_refs": [1, 5, 2]})
    assert alt.describe(charts.year_histogram, years) == (
        "Column chart of 8 references by year of publication, from 2019 to 2021; the most in "
        "2020 (5), 1 before."
    )


def test_the_status_chart_reads_out_each_status():
    comparison = pd.DataFrame(
        {"status": ["Recruiting", "Completed"], "trials_described": [1, 3], "trials_stated": [1, 2]}
    )
    text = alt.describe(charts.draw_status_chart, comparison)
    assert "2 statuses" in text and "Completed 3 described, 2 stated" in text


def test_diverging_bars_name_the_sources_worse_than_better():
    frame = pd.DataFrame({"label": ["A", "B"], "n_beneficial": [5, 1], "n_harmful": [0, 3]})
    text = alt.describe(charts.diverging_bars, frame, "label", what="sources")
    assert text.startswith("Diverging bar chart for 2 sources: 6 beneficial pairs")
    assert "1 source has harmful bars, the longest B (3)" in text
    assert text.endswith("more harmful than beneficial: B.")


def test_the_biogenesis_diagram_names_stages_and_most_regulated_transition():
    graph = nx.DiGraph()
    graph.add_node("a", stage="I", label="Membrane", kind="compartment")
    graph.add_node("b", stage="II", label="Endosome", kind="compartment")
    graph.add_edge("a", "b", label="buds inwards", regulators=["Rab5", "clathrin"])
    text = alt.describe(biogenesis.biogenesis_diagram, graph)
    assert "2 stage bands with 2 boxes and 1 arrows" in text
    assert "stage I: Membrane" in text and "buds inwards (2 regulators)" in text


def test_a_chart_without_a_describer_is_refused():
    with pytest.raises(ValueError, match="no describer"):
        alt.describe(print, pd.DataFrame())


def test_every_drawing_function_has_a_describer():
    drawing = {charts.grouped_bars, charts.count_heatmap, diagrams.pathway_network}
    assert drawing <= set(alt.DESCRIBERS)


def _notebook_calls():
    for notebook in sorted(paths.NOTEBOOK_DIR.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                tree = ast.parse("".join(cell["source"]))
                yield notebook.name, cell, [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def test_no_chapter_types_an_alt_text():
    typed = [
        f"{name}: {cell.get('id')}"
        for name, cell, calls in _notebook_calls()
        if any(k.arg == "alt" for call in calls for k in call.keywords)
        or "image" in cell.get("metadata", {}).get("mystnb", {})
    ]
    assert typed == []


def test_every_stored_figure_carries_an_alt_text_with_counts_from_its_data():
    described = 0
    for notebook in sorted(paths.NOTEBOOK_DIR.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "image/svg+xml" in data:
                    description = "".join(data["text/plain"])
                    assert any(c.isdigit() for c in description), notebook.name
                    assert 'aria-label="' in "".join(data["image/svg+xml"])
                    described += 1
    assert described == 16
