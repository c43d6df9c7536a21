"""How to cite the book, and the repository's address only where one is set.

- ``exobone-how-to-cite`` directive: the book's citation as text and as BibTeX, and the
  review's citation beside it, all made from ``CITATION.cff`` (:mod:`exobone.publish.citation`)
  when the page is built, never typed twice; what the review's text does not give (journal,
  DOI) is named as missing. ``CITATION.cff`` is published at the site's root.
- ``exobone-if-repository`` directive: its content (which may write ``@REPOSITORY_URL@``) is
  shown only when ``exobone_repository_url`` is set in _config.yml; with no address set the
  pages show none, not a placeholder.
- The footer names the repository when its address is set.

Text from CITATION.cff is placed as docutils text nodes, never parsed as markup.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.errors import ExtensionError

REPOSITORY_TOKEN = "@REPOSITORY_URL@"
#: the file's name in the project and at the built site's root
CITATION_NAME = "CITATION.cff"


def repository_url(config) -> str:
    """The address set as ``exobone_repository_url`` under ``sphinx: config:`` in _config.yml
    ('' when none is set)."""
    return (config.exobone_repository_url or "").strip()


def insert_repository_url(app, docname, source) -> None:
    """source-read: ``@REPOSITORY_URL@`` becomes the address when one is set."""
    url = repository_url(app.config)
    if url and REPOSITORY_TOKEN in source[0]:
        source[0] = source[0].replace(REPOSITORY_TOKEN, url)


def no_token_left(app, doctree) -> None:
    """doctree-read: with no address set, ``@REPOSITORY_URL@`` may appear only inside
    ``exobone-if-repository`` (which drops it); anywhere else the page would show it."""
    if REPOSITORY_TOKEN in doctree.astext():
        raise ExtensionError(
            f"{app.env.docname}: {REPOSITORY_TOKEN} outside an exobone-if-repository block, "
            "and _config.yml sets no exobone_repository_url"
        )


class IfRepositoryDirective(Directive):
    """``exobone-if-repository``: its content, only when the repository's address is set."""

    has_content = True

    def run(self):
        if not repository_url(self.state.document.settings.env.config):
            return []
        container = nodes.container(classes=["repository-address"])
        self.state.nested_parse(self.content, self.content_offset, container)
        return container.children


def _labelled(label: str, text: str) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(" " + text)
    return para


class HowToCiteDirective(Directive):
    """``exobone-how-to-cite``: the book's citation (text and BibTeX) and the review's, from
    CITATION.cff."""

    has_content = False

    def run(self):
        from exobone.data import paths
        from exobone.publish import citation
        from exobone.sphinxext.downloads import site_prefix

        env = self.state.document.settings.env
        path = paths.relocated(paths.CITATION_FILE, Path(env.srcdir))
        env.note_dependency(str(path))
        cff = citation.read_citation(path)
        url = repository_url(env.config)
        bibtex = citation.book_bibtex(cff, url)
        block = nodes.literal_block(bibtex, bibtex, language="bibtex")
        file_link = nodes.paragraph()
        file_link += nodes.Text("The same in the Citation File Format: ")
        name = CITATION_NAME
        file_link += nodes.reference(name, name, refuri=site_prefix(env.docname) + name)
        file_link += nodes.Text(
            " (reference managers and GitHub read it); the BibTeX of the review's "
            "references is on the references page."
        )
        out = [
            _labelled("This book:", citation.book_citation(cff, url)),
            block,
            file_link,
            _labelled("The review it is built on:", citation.review_citation(cff)),
        ]
        missing = citation.review_missing(cff)
        if missing:
            text = (
                f"{' and '.join(missing)}: not given in the review's text, so left empty "
                "here rather than guessed; add them to CITATION.cff when they are known."
            )
            out.append(nodes.paragraph(text, text, classes=["citation-missing"]))
        return out


def footer_with_repository(app, config) -> None:
    """config-inited: the footer names the repository when its address is set."""
    url = repository_url(config)
    if not url:
        return
    options = config.html_theme_options
    link = f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>'
    options["extra_footer"] = f"{options.get('extra_footer', '')} Source: {link}".strip()


def publish_citation_file(app, exception) -> None:
    """build-finished: CITATION.cff at the site's root, where the introduction links it."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / CITATION_NAME
    if source.is_file():
        shutil.copyfile(source, Path(app.outdir) / CITATION_NAME)


def setup(app) -> None:
    app.add_config_value("exobone_repository_url", "", "env", types=[str])
    app.connect("config-inited", footer_with_repository)
    app.connect("source-read", insert_repository_url)
    app.connect("doctree-read", no_token_left)
    app.connect("build-finished", publish_citation_file)
    app.add_directive("exobone-if-repository", IfRepositoryDirective)
    app.add_directive("exobone-how-to-cite", HowToCiteDirective)
