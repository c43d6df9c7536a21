"""The escaping boundary: text from data renders literally through MyST, whatever it holds."""

import io

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from exobone.render.escape import escape_html, escape_myst, md_code
from tests.payloads import PAYLOADS

# the book's MyST extensions (_config.yml parse.myst_enable_extensions)
SETTINGS = {
    "myst_enable_extensions": ["colon_fence", "dollarmath", "deflist"],
    "report_level": 5,
    "file_insertion_enabled": False,
}


def parse(markdown: str) -> nodes.document:
    return publish_doctree(markdown, parser=Parser(), settings_overrides=SETTINGS)


def only_text(doctree: nodes.document) -> bool:
    """True if the document is paragraphs of plain text (no markup node at all)."""
    kinds = {n.tagname for n in doctree.findall()}
    return kinds <= {"document", "paragraph", "#text"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_parses_to_its_own_text(payload):
    doctree = parse(escape_myst(payload))
    assert only_text(doctree)
    assert doctree.astext() == " ".join(payload.split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_in_a_list_item_and_table_cell_stays_text(payload):
    doctree = parse(f"- {escape_myst(payload)} end\n\n| a |\n|---|\n| {escape_myst(payload)} |\n")
    assert doctree.astext().count(" ".join(payload.split())) == 2
    assert not list(doctree.findall(nodes.raw))
    assert not list(doctree.findall(nodes.literal_block))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_as_inline_code_is_literal(payload):
    doctree = parse(md_code(payload))
    literals = list(doctree.findall(nodes.literal))
    assert [n.astext() for n in literals] == [" ".join(payload.split())]


def test_unescaped_payloads_would_be_interpreted():
    """The test can fail: without escaping, MyST reads these as markup."""
    for payload in ["$5 and $10", "```{raw} html\n<b>x</b>\n```", "*a*", "&lt;"]:
        doctree = parse(payload)
        assert not only_text(doctree) or doctree.astext() != payload


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&lt;", "\\&lt;"),
        ("% not a comment", "\\% not a comment"),
        ("(x)= not a target", "\\(x)= not a target"),
        (":::{note}", "\\:::\\{note\\}"),
    ],
)
def test_escape_myst_line_starts_and_entities(text, expected):
    assert escape_myst(text) == expected


def test_md_code_fence_is_longer_than_any_backtick_run():
    assert md_code("a``b") == "```a``b```"
    assert md_code("`x") == "`` `x ``"


def test_escape_html_escapes_markup_and_quotes():
    assert escape_html('<a href="j">&\'') == "&lt;a href=&quot;j&quot;&gt;&amp;&#x27;"
    assert escape_html(None) == ""


def test_figure_labels_from_data_are_drawn_as_text_not_mathtext():
    import matplotlib.pyplot as plt
    import pandas as pd

    from exobone.figures import charts

    frame = pd.DataFrame(
        {"label": ["costs $5 and $10", "a lone $ sign"], "n": [1, 2], "group": ["x", "y"]}
    )
    charts.grouped_bars(frame, "label", "n", xlabel="n", group="group")
    fig = plt.gcf()
    fig.savefig(io.BytesIO(), format="png")
    ticks = {t.get_text(): t for t in fig.axes[0].get_yticklabels()}
    plt.close(fig)
    assert {"costs $5 and $10", "a lone $ sign"} <= set(ticks)  # group headings x, y besides
    assert not any(t.get_parse_math() for t in ticks.values())  # drawn as written
