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


def test_data_pages_are_reread_unless_the_last_finished_build_published_these_data(tmp_path):
    import shutil
    from types import SimpleNamespace

    from exobone.data import paths
    from exobone.sphinxext import downloads as sd
    from exobone.sphinxext.pages import always_reread

    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    app = SimpleNamespace(
        srcdir=str(tmp_path), outdir=str(tmp_path / "html"), doctreedir=str(tmp_path / "dt")
    )
    app.confdir, app.config = str(tmp_path), SimpleNamespace(html_static_path=[])
    env = SimpleNamespace(found_docs={"book/references", "book/data", "book/intro"}, dlfiles={})
    assert sorted(always_reread(app, env, set(), set(), set())) == ["book/data", "book/references"]
    sd.publish_data(app, RuntimeError("the build failed"))  # no stamp for an unfinished build
    assert not sd.data_unchanged(app)
    app.builder = SimpleNamespace(format="html")
    sd.publish_data(app, None)
    assert (tmp_path / "html" / "data" / "datapackage.json").is_file()
    assert always_reread(app, env, set(), set(), set()) == []  # same data: nothing to re-read
    for gone in ("data/review/trials.csv", "downloads/findings_flat.xlsx"):
        (tmp_path / "html" / gone).unlink()  # removed from the site by hand: published again
        assert not sd.data_unchanged(app)
        sd.publish_data(app, None)
        assert (tmp_path / "html" / gone).is_file() and sd.data_unchanged(app)
    trials = tmp_path / "data" / "review" / "trials.csv"
    trials.write_text(trials.read_text(encoding="utf-8").replace("Test", "Tested", 1), "utf-8")
    assert sorted(always_reread(app, env, set(), set(), set())) == ["book/data", "book/references"]


def test_every_page_is_reread_when_the_books_css_changed(tmp_path):
    from types import SimpleNamespace

    from exobone.sphinxext.pages import always_reread, static_changed

    (tmp_path / "book" / "_static").mkdir(parents=True)
    css = tmp_path / "book" / "_static" / "exobone.css"
    css.write_text("p {}\n")
    app = SimpleNamespace(
        confdir=str(tmp_path),
        outdir=str(tmp_path / "html"),
        config=SimpleNamespace(html_static_path=["book/_static", str(tmp_path / ".venv" / "ext")]),
    )
    # an extension's folder (here inside the project, like .venv): its template is not copied
    (tmp_path / ".venv" / "ext").mkdir(parents=True)
    (tmp_path / ".venv" / "ext" / "ext.css_t").write_text("p { color: {{ colour }}; }")
    env = SimpleNamespace(found_docs={"book/intro", "notebooks/01"}, dlfiles={})
    assert static_changed(app)  # never copied
    (tmp_path / "html" / "_static").mkdir(parents=True)
    (tmp_path / "html" / "_static" / "exobone.css").write_text("p {}\n")
    assert not static_changed(app)
    css.write_text("p { color: red; }\n")
    assert static_changed(app)
    assert always_reread(app, env, set(), set(), set()) == ["book/intro", "notebooks/01"]


def test_pages_whose_downloads_are_missing_or_stale_are_reread(tmp_path):
    from types import SimpleNamespace

    from exobone.sphinxext.pages import stale_downloads

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    app = SimpleNamespace(srcdir=str(tmp_path), outdir=str(tmp_path / "html"))
    env = SimpleNamespace(dlfiles={"data/a.csv": ({"notebooks/01", "notebooks/04"}, "h1/a.csv")})
    assert stale_downloads(app, env) == {"notebooks/01", "notebooks/04"}  # no copy
    (tmp_path / "html" / "_downloads" / "h1").mkdir(parents=True)
    (tmp_path / "html" / "_downloads" / "h1" / "a.csv").write_text("x\n1\n")
    assert stale_downloads(app, env) == set()
    (tmp_path / "data" / "a.csv").write_text("x\n2\n")  # same size, other content
    assert stale_downloads(app, env) == {"notebooks/01", "notebooks/04"}


def test_the_theme_gets_no_hidden_second_header_unless_the_book_asks_for_one():
    """pydata-sphinx-theme 0.17 renders a hidden header (a second ☰ that takes the theme's click
    handler, and a second search box) when ``navbar_persistent`` is not set."""
    from exobone.sphinxext import _one_header

    config = {"html_theme_options": {"search_bar_text": "Search this book..."}}
    _one_header(None, config)
    assert config["html_theme_options"] == {
        "search_bar_text": "Search this book...",
        "navbar_persistent": [],
    }
    config = {"html_theme_options": {"navbar_persistent": ["search-button-field"]}}
    _one_header(None, config)
    assert config["html_theme_options"]["navbar_persistent"] == ["search-button-field"]


def test_the_bundle_is_a_classic_script_that_imports_the_module_from_a_blob():
    import json

    from exobone.render.interactive import ITABLES_READY
    from exobone.sphinxext.tables import BUNDLE, bundle_files

    files = bundle_files()
    assert sorted(files) == [f"{BUNDLE}.css", f"{BUNDLE}.js"]
    script = files[f"{BUNDLE}.js"]
    assert "export{" not in script.split("const source = ", 1)[0]  # not a module itself
    source = json.loads(script.split("const source = ", 1)[1].split(";\n", 1)[0])
    assert "export{" in source and "ITable" in source  # the module's text, as a string
    assert f"window.{ITABLES_READY} = import(url)" in script


def test_search_text_holds_the_rows_packed_in_a_page_and_latin_spellings():
    import pandas as pd

    from exobone.render.interactive import interactive_table
    from exobone.sphinxext.search import page_text, rows_text

    table = interactive_table(pd.DataFrame({"a": ["Wnt/β-catenin <b>"], "b": ["miR-21"]}), "t")
    page = (
        '<html><body><main role="main"><div>.md .pdf</div><nav>menu</nav>'
        '<article class="bd-article"><h1>Findings<a class="headerlink" href="#f">#</a></h1>'
        "<p>NF-κB text</p>"
        f"{table}<script>var x = 1;</script></article></main></body></html>"
    )
    assert rows_text(page) == "Wnt/β-catenin <b> Wnt/beta-catenin <b> miR-21"
    text = page_text(page)
    assert text.startswith("Findings NF-κB (NF-kappaB) text")
    assert "miR-21" in text and "menu" not in text and "var x" not in text and ".pdf" not in text


def test_latin_spellings_of_greek_letters():
    from exobone.render.search_text import latin_words, with_latin_alongside, with_latin_spelling

    assert with_latin_spelling("NF-κB, TGF-β1, Δ") == "NF-kappaB, TGF-beta1, Delta"
    assert latin_words("Wnt/β-catenin and β-catenin, NF-κB") == [
        "Wnt/beta-catenin",
        "beta-catenin,",
        "NF-kappaB",
    ]
    assert with_latin_alongside("β-catenin up") == "β-catenin (beta-catenin) up"
