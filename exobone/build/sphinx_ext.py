"""Sphinx extension for this book (listed in _config.yml under sphinx.extra_extensions).

- Lets headings written by a notebook's Markdown output (one per exosome source) into the
  page's contents.
- Marks the bibliography's entries as list items (accessibility: a list must hold items).
- Removes repeated inline scripts: sphinx-thebe registers its configuration script twice under
  Jupyter Book 1.x, and the second copy raises "Identifier 'THEBE_JS_URL' has already been
  declared" in every page's console.
- Turns automatic figure numbers off: figures carry the review's own numbers in their captions
  ("Fig. 1b"), and sphinx-jupyterbook-latex forces `numfig = True` whatever _config.yml says.
- Registers the pybtex style `review`: citation labels and bibliography order are the review's
  own reference numbers.
- Puts the repository's address (``exobone_repository_url`` in _config.yml, the one place it
  is set) wherever a page writes ``@REPOSITORY_URL@``.
- Publishes the data: every file of the data package is copied to ``data/`` in the built site
  (the layout of ``datapackage.json``, so its paths hold) and the downloads of
  :mod:`exobone.build.exports` are written to ``downloads/``, from the data being built. The
  ``exobone-downloads`` directive lists them all, linked, on the Data page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

REPOSITORY_TOKEN = "@REPOSITORY_URL@"
#: folders of the built site holding the data package and the exports
SITE_DATA = "data"
SITE_DOWNLOADS = "downloads"


def _dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # an inline script's filename is None or "" depending on who added it
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _bibliography_list_items(app, pagename, templatename, context, doctree) -> None:
    """Sphinx writes the bibliography as a ``role="list"`` whose entries carry the deprecated
    ``role="doc-biblioentry"``, which screen readers (and axe) do not take as list items."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _hoist_output_sections(app, doctree) -> None:
    """A notebook's Markdown output is parsed nested in the cell's output box, where its
    headings become rubrics that the page's contents never list. For a cell tagged
    ``remove-input`` inside a section whose Markdown output starts with a heading (the
    findings by source), turn the output into real sections, nested by heading level, in the
    cell's place; the stored notebook is not changed."""
    for cell in list(doctree.findall(nodes.container)):
        if "tag_remove-input" not in cell.get("classes", []):
            continue
        if not isinstance(cell.parent, nodes.section):
            continue
        markdown = [
            n for n in cell.findall(nodes.container) if n.get("mime_type") == "text/markdown"
        ]
        if len(markdown) != 1:
            continue
        body = [n for n in markdown[0].children if not isinstance(n, nodes.target)]
        if not body or not isinstance(body[0], nodes.rubric) or "level" not in body[0]:
            continue
        cell.replace_self(_sections_from_rubrics(list(markdown[0].children)))


def _sections_from_rubrics(children: list[nodes.Node]) -> list[nodes.section]:
    """Rubrics with a ``level`` become section titles; what follows a rubric goes in its
    section; deeper rubrics nest."""
    top: list[nodes.section] = []
    stack: list[tuple[int, nodes.section]] = []
    pending: list[nodes.Node] = []  # label targets wait for the next section
    for child in children:
        child.parent = None
        if isinstance(child, nodes.rubric) and "level" in child:
            level = int(child["level"])
            section = nodes.section(ids=list(child["ids"]), names=list(child["names"]))
            section += nodes.title(child.rawsource, "", *child.children)
            while stack and stack[-1][0] >= level:
                stack.pop()
            if stack:
                stack[-1][1].append(section)
            else:
                top.append(section)
            stack.append((level, section))
            labels = [x["refid"] for x in pending if x.get("refid") in section["ids"]]
            # the label's id first: it is the one the page's contents link to
            section["ids"] = labels + [i for i in section["ids"] if i not in labels]
            for target in pending:
                section.insert(1, target)
            pending = []
        elif isinstance(child, nodes.target):
            pending.append(child)
        else:
            stack[-1][1].append(child)
    return top


# --- citations labelled with the review's own numbers -------------------------------------
# pybtex's unsrt numbers entries by first citation in the book; the review's readers know
# them by the review's numbers. book/references.bib carries `number_in_review` for each
# entry (written by exobone.references); these plugins print and sort by it.


def _register_citation_style() -> None:
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.unsrt import Style as UnsrtStyle
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting import BaseSortingStyle

    class ReviewNumberLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                yield str(entry.fields["number_in_review"])

    class ReviewOrder(BaseSortingStyle):
        def sorting_key(self, entry):
            return int(entry.fields["number_in_review"])

    class ReviewStyle(UnsrtStyle):
        default_label_style = "review_number"
        default_sorting_style = "review_order"

    register_plugin("pybtex.style.labels", "review_number", ReviewNumberLabels, force=True)
    register_plugin("pybtex.style.sorting", "review_order", ReviewOrder, force=True)
    register_plugin("pybtex.style.formatting", "review", ReviewStyle, force=True)


def _no_figure_numbers(app, config) -> None:
    config["numfig"] = False


# --- the repository's address ------------------------------------------------------------


def repository_url(config) -> str:
    """The address set as ``exobone_repository_url`` under ``sphinx: config:`` in _config.yml."""
    return config.exobone_repository_url


def _insert_repository_url(app, docname, source) -> None:
    if REPOSITORY_TOKEN in source[0]:
        url = repository_url(app.config)
        if not url:
            raise ValueError(
                f"{docname}: {REPOSITORY_TOKEN} used but _config.yml sets no repository.url"
            )
        source[0] = source[0].replace(REPOSITORY_TOKEN, url)


# --- data and downloads ----------------------------------------------------------------


def _site_prefix(docname: str) -> str:
    """Relative path from a page to the site's root ('../' for book/data)."""
    return "../" * docname.count("/")


def _table(header: list[str], rows: list[list[nodes.Node | str]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["downloads-table", "colwidths-given"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells, head=False):
        tr = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            if isinstance(cell, nodes.Node):
                para += cell
            elif isinstance(cell, list):
                para.extend(cell)
            else:
                para += nodes.Text(str(cell))
            entry += para
            tr += entry
        return tr

    thead = nodes.thead()
    thead += row(header)
    group += thead
    body = nodes.tbody()
    for cells in rows:
        body += row(cells)
    group += body
    return table


def _rich(text: str) -> list[nodes.Node]:
    """Plain text with `code` spans as literal nodes (never parsed as markup otherwise)."""
    parts = text.split("`")
    return [nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


def _link(text: str, uri: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=uri, classes=["download-link"])


class DownloadsDirective(Directive):
    """``exobone-downloads``: the exports, every file of the data package and the columns of
    the flat table, each file linked to its copy in the built site (text from data is placed
    as text nodes, never parsed as markup)."""

    has_content = False

    def run(self):
        import pandas as pd

        from exobone.build import exports
        from exobone.compute.flat import flat_dictionary

        env = self.state.document.settings.env
        data_dir = Path(env.srcdir) / "data"
        prefix = _site_prefix(env.docname)
        downloads = f"{prefix}{SITE_DOWNLOADS}/"
        export_rows = [
            [
                _link(exports.FLAT_CSV, downloads + exports.FLAT_CSV),
                _rich(
                    "One row per finding, errata applied; cargos, targets, pathways, effects "
                    "and references joined into one cell each, separated by `; `. For R, "
                    "pandas or a spreadsheet."
                ),
            ],
            [
                _link(exports.FLAT_XLSX, downloads + exports.FLAT_XLSX),
                "The same table as an Excel workbook, with a data-dictionary sheet.",
            ],
            [
                _link(exports.PACKAGE_ZIP, downloads + exports.PACKAGE_ZIP),
                _rich(
                    "The whole data package: every CSV, every schema, `datapackage.json`, the "
                    "review's text and a README with licence and citation; `frictionless "
                    "validate datapackage.json` accepts it unzipped."
                ),
            ],
        ]
        files = exports.data_file_rows(data_dir)
        file_rows = [
            [
                _link(r.path, f"{prefix}{SITE_DATA}/{r.path}"),
                "" if pd.isna(r.rows) else str(int(r.rows)),
                r.about,
            ]
            for r in files.astype(object).itertuples(index=False)
        ]
        columns = flat_dictionary(data_dir)
        column_rows = [
            [nodes.literal(c.column, c.column), c.description]
            for c in columns.itertuples(index=False)
        ]
        out = []
        for title, ident, intro, table in [
            (
                "Downloads",
                "downloads",
                None,
                _table(["File", "What it holds"], export_rows, [1, 3]),
            ),
            (
                "Every file of the data package",
                "data-files",
                "Each file as it is in the repository's data folder, at the same path, so the "
                "paths in a downloaded datapackage.json hold.",
                _table(["File", "Records", "One record is"], file_rows, [3, 1, 6]),
            ),
            (
                "Columns of findings_flat.csv",
                "flat-columns",
                None,
                _table(["Column", "What it holds"], column_rows, [1, 3]),
            ),
        ]:
            section = nodes.section(ids=[ident])
            section += nodes.title(title, title)
            if intro:
                section += nodes.paragraph(intro, intro)
            section += table
            self.state.document.note_implicit_target(section)
            out.append(section)
        env.note_dependency(str(data_dir / "datapackage.json"))
        return out


def _publish_data(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from exobone.build import exports

    data_dir = Path(app.srcdir) / "data"
    site = Path(app.outdir)
    target = site / SITE_DATA
    if target.exists():
        shutil.rmtree(target)
    for rel in exports.package_files(data_dir):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data_dir / rel, target / rel)
    exports.write_exports(site / SITE_DOWNLOADS, data_dir)


def setup(app):
    app.connect("config-inited", _no_figure_numbers, priority=900)  # after the LaTeX extension
    # early: a later handler may end the event
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.connect("html-page-context", _bibliography_list_items)
    app.connect("doctree-read", _hoist_output_sections, priority=100)  # before the TOC is read
    app.add_config_value("exobone_repository_url", "", "env", types=[str])
    app.connect("source-read", _insert_repository_url)
    app.connect("build-finished", _publish_data)
    app.add_directive("exobone-downloads", DownloadsDirective)
    _register_citation_style()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
