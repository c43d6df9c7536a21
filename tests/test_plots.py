"""Figures are checked through what they draw (bar lengths, cell values, positions), not pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from exobone.figures import charts as plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_diverging_bars_put_harm_left_and_benefit_right_in_frame_order():
    frame = pd.DataFrame(
        {"source": ["a", "b", "c"], "n_beneficial": [3, 0, 1], "n_harmful": [0, 2, 1]}
    )
    ax = plots.diverging_bars(frame, "source")
    widths = [p.get_width() for p in ax.patches]
    assert widths == [3, 0, 1, -0, -2, -1]
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    assert [label for _, label in ticks] == ["c", "b", "a"]  # bottom to top: first row on top


def test_count_heatmap_shows_every_cell_including_zeros():
    table = pd.DataFrame({"x": [0, 2], "y": [1, 0]}, index=["r1", "r2"])
    ax = plots.count_heatmap(table, "col", "row")
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "1", "2"]


def test_network_positions_are_layered_and_sorted():
    g = nx.DiGraph()
    g.add_nodes_from([("s:b", {"layer": 0}), ("s:a", {"layer": 0}), ("e:z", {"layer": 1})])
    pos = plots.network_positions(g)
    assert pos["s:a"][0] == pos["s:b"][0] == 0.0 and pos["e:z"][0] == 1.0
    assert pos["s:a"][1] > pos["s:b"][1]  # sorted by name, top to bottom
    assert pos == plots.network_positions(g.copy())
