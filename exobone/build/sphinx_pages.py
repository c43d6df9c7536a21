"""What the book's pages get from data at build time (used by :mod:`exobone.build.sphinx_ext`).

- ``exobone-downloads`` directive: the exports, every file of the data package and the columns
  of the flat table, each linked to its copy in the built site.
- :func:`publish_data` (build-finished): copies the data package into ``data/`` of the site
  (the layout of ``datapackage.json``) and writes the exports into ``downloads/``.
- :func:`hoist_output_sections` (doctree-read): headings of a notebook's Markdown output become
  sections, so the page's contents list them.
- :func:`cited_in_links` (doctree-resolved): every bibliography entry links back to the table
  rows, findings and figures that cite it.

Text from data is placed as docutils text nodes, never parsed as markup.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

#: folders of the built site holding the data package and the exports
SITE_DATA = "data"
SITE_DOWNLOADS = "downloads"


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


def publish_data(app, exception) -> None:
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


# --- headings of Markdown outputs ---------------------------------------------------------


def hoist_output_sections(app, doctree) -> None:
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


# --- the bibliography links back to where each reference is cited ------------------------

BIBLIOGRAPHY_DOC = "book/references"
DATA_DOC = "book/data"


def always_reread(app, env, added, changed, removed) -> list[str]:
    """The pages made from data at build time are re-read on every build, so an edited CSV
    never leaves them stale (Sphinx would otherwise reuse them: their sources did not change)."""
    return [d for d in (BIBLIOGRAPHY_DOC, DATA_DOC) if d in env.found_docs]


_CITE_ID = re.compile(r"cite-ref(\d+)$")


def cited_in_links(app, doctree, docname) -> None:
    """After each bibliography entry: 'Cited in this book:' with links to the table rows,
    findings and figures that cite it (from the data's link tables)."""
    if docname != BIBLIOGRAPHY_DOC:
        return
    from exobone.compute.cited_in import cited_in
    from exobone.render.html import row_anchor
    from exobone.render.markdown import finding_anchor

    places = cited_in(Path(app.srcdir) / "data")
    by_ref = {ref: group for ref, group in places.groupby("ref_id")}
    prefix = _site_prefix(docname)
    anchors = {"table row": row_anchor, "finding": finding_anchor}
    for entry in list(doctree.findall(nodes.Element)):
        match = next((m for m in map(_CITE_ID.match, entry.get("ids", [])) if m), None)
        if match is None or int(match.group(1)) not in by_ref:
            continue
        para = nodes.paragraph(classes=["cited-in"])
        para += nodes.Text("Cited in this book: ")
        groups = by_ref[int(match.group(1))].groupby("kind", sort=False)
        for g, (kind, rows) in enumerate(groups):
            if g:
                para += nodes.Text(" · ")
            plural = "s" if len(rows) > 1 and kind in anchors else ""
            para += nodes.Text(f"{kind}{plural} " if kind in anchors else "")
            for i, row in enumerate(rows.itertuples(index=False)):
                if i:
                    para += nodes.Text(", ")
                anchor = anchors.get(kind)
                uri = f"{prefix}{row.page}.html" + (f"#{anchor(row.place)}" if anchor else "")
                para += nodes.reference(row.place, row.place, refuri=uri, classes=["cited-in"])
        entry += para
