"""The chapter facade on handmade frames: named values into prose, figures with their data,
alt text and Data line, tables with labels."""

import base64

import pandas as pd
import pytest
from IPython.display import Markdown

from exobone import chapter as ch
from exobone.chapter import show, text
from exobone.figures import alt, charts


@pytest.fixture
def shown(monkeypatch):
    """Every object the facade displays, in order (instead of a notebook's outputs)."""
    out = []
    monkeypatch.setattr(text, "display", out.append)
    monkeypatch.setattr(show, "display", out.append)
    monkeypatch.setattr(text, "glue", lambda *a, **k: None)
    text._pending.clear()
    return out


def test_fill_puts_values_in_and_leaves_roles_alone():
    known = {"n": 3, "share": 0.375, "who": "BMSC *x*", "cited": text.Markup("{cite}`ref001`")}
    template = "{n} sources ({share:.0%}), led by {who}, see {doc}`05_x` {cited}"
    assert text.fill(template, known) == (
        r"3 sources (38%), led by BMSC \*x\*, see {doc}`05_x` {cite}`ref001`"
    )


def test_fill_refuses_an_unknown_name():
    with pytest.raises(KeyError, match="n_missing"):
        text.fill("{n_missing} rows", {})


def test_values_are_plain_python_and_counts_stay_whole(shown):
    v = ch.values(n=pd.Series([1, 2]).sum(), total=pd.Series([2.0, 3.0]).sum(), share=0.5)
    assert (v.n, v["total"], v.share) == (3, 5, 0.5)
    assert type(v.n) is int and type(v.total) is int
    ch.md("{n} of {total}")
    assert [m.data for m in shown] == ["3 of 5"]


def test_a_figure_saves_its_data_describes_it_and_its_data_line_follows_the_paragraph(
    shown, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        show,
        "save_figure_data",
        lambda frame, name: frame.to_csv(tmp_path / f"{name}.csv", index=False),
    )
    ch.start("99_test")
    frame = pd.DataFrame({"label": ["A", "B", "C"], "n": [5, 2, 2]})
    ch.figure(
        charts.grouped_bars,
        frame,
        "fig-test",
        label="label",
        value="n",
        xlabel="Findings",
        what="sources",
        about=" (from `x.csv`)",
    )
    ch.values(n_rows=len(frame))
    ch.md("{n_rows} rows.")
    figure, paragraph = shown
    bundle = figure._repr_mimebundle_()
    description = alt.describe(
        charts.grouped_bars, frame, label="label", value="n", xlabel="Findings", what="sources"
    )
    assert bundle["text/plain"] == description
    assert (
        "3 sources" in description and "A (5)" in description and "2 sources have 2" in description
    )
    assert f'aria-label="{description}"' in bundle["image/svg+xml"]
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert paragraph.data == (
        "3 rows.\n\n*Data:* {download}`fig-test.csv <figure_data/fig-test.csv>` (from `x.csv`);"
        " *notebook:* `notebooks/99_test.ipynb`."
    )
    assert pd.read_csv(tmp_path / "fig-test.csv").equals(frame)


def test_a_table_shows_labels_for_ids(shown):
    frame = pd.DataFrame({"source_id": ["bmsc"], "n_findings": [4]})
    ch.table(
        frame, "source_id", labels={"source_id": "sources"}, columns={"n_findings": "Findings"}
    )
    [html] = shown
    label = ch.vocabulary()["sources"]["bmsc"]
    assert (
        f'<th scope="row">{label}</th>' in html.data
        and "Findings" in html.data
        and ">bmsc<" not in html.data
    )


def test_markdown_values_go_in_as_markup(shown):
    ch.values(cited=Markdown("{cite}`ref002`"))
    ch.md("see {cited}")
    assert shown[-1].data == "see {cite}`ref002`"
