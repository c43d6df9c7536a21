"""The book's Sphinx extension: headings of a Markdown output become real sections."""

from docutils import nodes

from exobone.sphinxext.pages import _sections_from_rubrics


def _rubric(text, level, ident):
    return nodes.rubric(text, text, ids=[ident], names=[ident], level=level)


def test_rubrics_nest_into_sections_by_level_with_the_label_id_first():
    label = nodes.target("", "", refid="source-m2")
    children = [
        _rubric("Other", 3, "other"),
        _rubric("Macrophage", 4, "macrophage"),
        nodes.paragraph("", "2 findings"),
        label,
        nodes.rubric("M2", "M2", ids=["m2", "source-m2"], names=["m2"], level=5),
        nodes.paragraph("", "1 finding"),
        _rubric("Adipocyte", 4, "adipocyte"),
        _rubric("Bone", 3, "bone"),
    ]
    top = _sections_from_rubrics(children)
    assert [s["ids"][0] for s in top] == ["other", "bone"]
    macrophage, adipocyte = [c for c in top[0].children if isinstance(c, nodes.section)]
    assert macrophage.children[0].astext() == "Macrophage"
    assert macrophage.children[1].astext() == "2 findings"
    m2 = macrophage.children[-1]
    assert m2["ids"] == ["source-m2", "m2"] and m2.children[-1].astext() == "1 finding"
    assert adipocyte.children[0].astext() == "Adipocyte"
