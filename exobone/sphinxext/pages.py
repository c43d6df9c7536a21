"""What the book's pages get from data at build time (used by :mod:`exobone.sphinxext`).

- :func:`hoist_output_sections` (doctree-read): headings of a notebook's Markdown output become
  sections, so the page's contents list them.
- :func:`cited_in_links` (doctree-resolved): every bibliography entry links back to the table
  rows, findings and figures that cite it.
- :func:`note_glue_sources` (source-read): a page showing numbers glued in a notebook depends
  on that notebook.
- :func:`always_reread` (env-get-outdated): pages made from data, pages whose downloads are
  missing or stale in the output, and every page when the book's own CSS changed.

Text from data is placed as docutils text nodes, never parsed as markup.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

from docutils import nodes

from exobone.sphinxext.downloads import data_unchanged, site_prefix

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
#: pages showing the data's version and releases (exobone.sphinxext.releases)
RELEASE_DOCS = {"book/intro", "book/whats_new"}


def static_changed(app) -> bool:
    """True if a file of the book's own ``html_static_path`` (the folders _config.yml names,
    relative to the project: its CSS; extensions add their own folders as absolute paths, and
    their versions cover those) differs from its copy in the built ``_static``, or has none."""
    built = Path(app.outdir) / "_static"
    for entry in app.config.html_static_path:
        if Path(entry).is_absolute():
            continue
        folder = Path(app.confdir) / entry
        for source in (p for p in folder.rglob("*") if p.is_file()):
            copy = built / source.relative_to(folder)
            if not copy.is_file() or not filecmp.cmp(source, copy, shallow=False):
                return True
    return False


def stale_downloads(app, env) -> set[str]:
    """Pages whose downloadable files ({download}) have no copy in ``_downloads`` equal to the
    file: Sphinx copies downloads only when some page is out of date, so a copy deleted, or a
    file changed while no page was, would otherwise stay missing or stale."""
    built = Path(app.outdir) / "_downloads"
    pages: set[str] = set()
    for source, (docnames, dest) in env.dlfiles.items():
        copy, original = built / dest, Path(app.srcdir) / source
        if not copy.is_file() or not filecmp.cmp(original, copy, shallow=False):
            pages |= docnames
    return pages


_GLUE_FROM = re.compile(r"`([^`<>\s]+\.ipynb)::")


def note_glue_sources(app, docname, source) -> None:
    """A page that shows a number glued in a notebook (``{glue:text}`../x.ipynb::key```)
    depends on that notebook: Sphinx re-reads and rewrites the page when the notebook changes
    (otherwise only the root page, which Sphinx always rewrites, would show the new number)."""
    here = Path(app.env.doc2path(docname)).parent
    for notebook in sorted(set(_GLUE_FROM.findall(source[0]))):
        app.env.note_dependency(str((here / notebook).resolve()))


def always_reread(app, env, added, changed, removed) -> list[str]:
    """The pages made from data at build time are re-read whenever the data changed since the
    last finished build, so an edited CSV never leaves them stale (Sphinx would otherwise
    reuse them: their sources did not change). A build that did not finish leaves no stamp, so
    the next one re-reads them too.

    Every page is re-read when the book's CSS changed: Sphinx copies static files only when
    some page is out of date (an edited ``exobone.css`` alone stayed uncopied), and each page
    links the CSS with a checksum of its content (``exobone.css?v=...``), so every page is
    written again with the new one."""
    if static_changed(app):
        return sorted(env.found_docs)
    pages = stale_downloads(app, env)
    if not data_unchanged(app):
        pages |= {BIBLIOGRAPHY_DOC, DATA_DOC} | RELEASE_DOCS
    return sorted(pages & set(env.found_docs))


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
    prefix = site_prefix(docname)
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
