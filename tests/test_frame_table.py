"""Frames shown in the chapters: one header row, no nameless header cell, values as text."""

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from exobone.render.html import frame_table


def parsed(frame):
    return BeautifulSoup(frame_table(frame), "html.parser")


def test_a_named_index_heads_its_own_column_on_the_one_header_row():
    frame = pd.DataFrame({"References": [9, 8]}, index=pd.Index(["A", "B"], name="Journal"))
    soup = parsed(frame)
    assert len(soup.select("thead tr")) == 1
    assert [th.get_text() for th in soup.select("thead th")] == ["Journal", "References"]
    assert [th["scope"] for th in soup.select("thead th")] == ["col", "col"]
    assert [[c.name, c.get_text()] for c in soup.select("tbody tr")[1].children] == [
        ["th", "B"],
        ["td", "8"],
    ]
    assert soup.select_one("tbody th")["scope"] == "row"


def test_every_index_level_becomes_a_row_header():
    frame = pd.DataFrame(
        {"n": [1]}, index=pd.MultiIndex.from_tuples([("x", "y")], names=["a", "b"])
    )
    soup = parsed(frame)
    assert [th.get_text() for th in soup.select("thead th")] == ["a", "b", "n"]
    assert [th.get_text() for th in soup.select("tbody th")] == ["x", "y"]


def test_a_default_index_is_not_shown():
    soup = parsed(pd.DataFrame({"kind": ["typo", "ocr"]}))
    assert [th.get_text() for th in soup.select("th")] == ["Kind"]
    assert [td.get_text() for td in soup.select("td")] == ["typo", "ocr"]


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"n": [1]}, index=["unnamed"]),
        pd.DataFrame({"": [1]}),
        pd.DataFrame([[1]], columns=pd.MultiIndex.from_tuples([("a", "b")])),
    ],
)
def test_a_nameless_header_is_refused(frame):
    with pytest.raises(ValueError, match="name|header"):
        frame_table(frame)


def test_values_are_text_never_markup():
    frame = pd.DataFrame({"claim <b>": ['<img src=x onerror="alert(1)">', "a & b"]})
    html = frame_table(frame)
    assert "<img" not in html and "<b>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("th").get_text() == "claim <b>"
    assert soup.select("td")[0].get_text() == '<img src=x onerror="alert(1)">'


def test_flags_missing_values_and_whole_floats_read_plainly():
    frame = pd.DataFrame({"opposite": [True, False, None], "share": [3.0, 12.5, float("nan")]})
    cells = [td.get_text() for td in parsed(frame).select("td")]
    assert cells == ["yes", "3", "no", "12.5", "", ""]
    assert not re.search(r"\bnan\b|None", frame_table(frame))


def test_field_names_read_as_words_and_other_names_stay():
    frame = pd.DataFrame(
        {"n_findings": [3], "opposite_valence": [True], "Share (%)": [50]},
        index=pd.Index(["mir_21"], name="cargo_id"),
    )
    heads = [th.get_text() for th in parsed(frame).select("thead th")]
    assert heads == ["Cargo", "Findings", "Opposite effects", "Share (%)"]
