"""The review's references as files for reference managers, published with the site.

- :func:`cited_by_page`: the references each page cites, read from the pages themselves
  (``{cite}`` roles, links to a bibliography entry in HTML outputs, and the rows that
  interactive tables carry packed), so a page's file holds what its reader sees cited.
- ``exobone-reference-files`` directive (the references page): every reference as .bib and
  .ris, and each page's cited subset as .bib, linked; filled in once every page is read.
- :func:`publish_reference_files` (build-finished): writes those files into
  ``downloads/references/`` (:mod:`exobone.publish.reference_files`).
"""

from __future__ import annotations

import base64
import gzip
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from exobone.sphinxext.downloads import SITE_DOWNLOADS, site_prefix

#: the folder of the site the reference files are written to
SITE_REFERENCES = f"{SITE_DOWNLOADS}/references"
BIBLIOGRAPHY_DOC = "book/references"
_LINKED = re.compile(r"#cite-ref(\d{3})\b")
_KEY = re.compile(r"ref(\d{3})")
_PACKED = re.compile(r'data-rows="([A-Za-z0-9+/=]+)"')


class reference_files(nodes.General, nodes.Element):
    """Where the table of reference files goes (replaced when every page is read)."""


class ReferenceFilesDirective(Directive):
    has_content = False

    def run(self):
        return [reference_files()]


def _numbers_in_html(text: str) -> set[int]:
    found = {int(n) for n in _LINKED.findall(text)}
    for packed in _PACKED.findall(text):
        rows = gzip.decompress(base64.b64decode(packed)).decode("utf-8")
        found |= {int(n) for n in _LINKED.findall(rows)}
    return found


def cited_by_page(env) -> dict[str, list[int]]:
    """Page -> the review's reference numbers it cites, for every page citing any (the
    bibliography page itself aside: it lists them all)."""
    cited: dict[str, set[int]] = {}
    for ref in env.get_domain("cite").citation_refs:
        for target in ref.targets:
            if match := _KEY.fullmatch(target.key):
                cited.setdefault(ref.docname, set()).add(int(match[1]))
    for docname in env.found_docs:
        doctree = env.get_doctree(docname)
        for node in doctree.findall(nodes.raw):
            text = node.astext()
            if "cite-ref" in text or "data-rows" in text:
                cited.setdefault(docname, set()).update(_numbers_in_html(text))
    cited.pop(BIBLIOGRAPHY_DOC, None)
    return {docname: sorted(numbers) for docname, numbers in cited.items() if numbers}


def toc_order(env) -> list[str]:
    """Every page in the order of the book's table of contents."""
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return order


def _link(text: str, uri: str) -> nodes.reference:
    return nodes.reference(text, text, refuri=uri, classes=["download-link"])


def _files_table(app, docname: str) -> nodes.Node:
    from exobone.data.load import load
    from exobone.publish.reference_files import ALL_BIB, ALL_RIS, page_file
    from exobone.sphinxext.downloads import _table

    env = app.env
    base = f"{site_prefix(docname)}{SITE_REFERENCES}/"
    cited = cited_by_page(env)
    rows = [
        [
            [_link(ALL_BIB, base + ALL_BIB), nodes.Text(", "), _link(ALL_RIS, base + ALL_RIS)],
            "All the review's references",
            str(len(load("references", Path(app.srcdir) / "data"))),
        ]
    ]
    for page in (p for p in toc_order(env) if p in cited):
        title = env.titles[page].astext()
        rows.append([_link(page_file(page), base + page_file(page)), title, str(len(cited[page]))])
    return _table(["File", "References of", "Entries"], rows, [2, 4, 1])


def fill_reference_files(app, doctree, docname) -> None:
    """doctree-resolved: the table of reference files, now that every page is read."""
    for node in list(doctree.findall(reference_files)):
        node.replace_self(_files_table(app, docname))


def reread_with_any_page(app, env, added, changed, removed) -> list[str]:
    """env-get-outdated: the references page is read again whenever another page is, so its
    table of each page's cited references follows the pages."""
    return (
        [BIBLIOGRAPHY_DOC]
        if (added or changed or removed) and BIBLIOGRAPHY_DOC in env.found_docs
        else []
    )


def publish_reference_files(app, exception) -> None:
    """build-finished: every reference as .bib and .ris, each page's cited ones as .bib."""
    if exception is not None or app.builder.format != "html":
        return
    from exobone.publish.reference_files import write_reference_files

    write_reference_files(
        Path(app.outdir) / SITE_REFERENCES, cited_by_page(app.env), Path(app.srcdir) / "data"
    )


def setup(app) -> None:
    app.add_node(reference_files)
    app.add_directive("exobone-reference-files", ReferenceFilesDirective)
    app.connect("doctree-resolved", fill_reference_files)
    app.connect("env-get-outdated", reread_with_any_page)
    app.connect("build-finished", publish_reference_files)
