"""Figures are checked through what they draw (bar lengths, cell values, positions), not pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from exobone.figures import charts as plots  # noqa: E402
from exobone.figures import style  # noqa: E402


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


def test_count_heatmap_leaves_zeros_blank_with_one_colour_step_per_count():
    table = pd.DataFrame({"x": [0, 2], "y": [1, 0]}, index=["r1", "r2"])
    ax = plots.count_heatmap(table, "col", "row")
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2"]
    mesh = ax.collections[0]
    assert mesh.cmap.N == 2  # counts 1 and 2: two grey steps
    assert mesh.get_array().mask.tolist() == [[True, False], [False, True]]
    colours = [tuple(mesh.cmap(mesh.norm(v))) for v in (1, 2)]
    assert colours[0] != colours[1]
    ink = {t.get_text(): to_hex(t.get_color()) for t in ax.texts}
    assert ink == {"1": style.INK.lower(), "2": "#ffffff"}  # dark cell, white number


def test_count_heatmap_orders_by_totals_and_puts_labels_on_one_line():
    table = pd.DataFrame({"few": [1, 0, 0], "many": [2, 3, 1]}, index=["a\nb", "c", "d"])
    ax = plots.count_heatmap(table, "col", "row", order_by_totals=True)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["many", "few"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a b", "c", "d"]


def test_grouped_bars_put_a_heading_over_each_group_in_order_of_first_appearance():
    frame = pd.DataFrame(
        {
            "label": ["x", "y", "z", "w"],
            "n": [5, 4, 3, 1],
            "group": ["G2", "G1", "G2", "G1"],
            "comp": ["c1", "c2", "c1", "c2"],
        }
    )
    ax = plots.grouped_bars(
        frame, "label", "n", "n", colour="comp", colours={"c1": "#000000", "c2": "#ffffff"},
        group="group",
    )  # fmt: skip
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ticks = sorted(zip(ax.get_yticks(), labels, strict=True))
    assert [label for _, label in ticks][::-1] == ["G2", "x", "z", "G1", "y", "w"]
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert sorted(bold) == ["G1", "G2"]
    assert [p.get_width() for p in ax.patches] == [5, 3, 4, 1]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == ["#000000"] * 2 + ["#ffffff"] * 2


def test_direction_colours_are_the_styles_and_never_reused_by_other_schemes():
    assert plots.BENEFICIAL == style.DIRECTION["beneficial"]
    used = [*style.DIRECTION.values(), *style.COMPARTMENT.values(), *style.CARGO.values()]
    assert len({c.lower() for c in used}) == len(used)
