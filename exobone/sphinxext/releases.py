"""The data's version on every page, the living status and the What's new page (used by
:mod:`exobone.sphinxext`).

- :func:`version_footer` (config-inited): "Data version X · date" and a link to What's new
  join the footer of every page (``extra_footer`` of the theme). Because the line is part of
  the configuration, a new version makes Sphinx rewrite every page.
- :func:`footer_links` (html-page-context): the link's address, relative to each page.
- ``exobone-living-status`` directive (the introduction): the version and the PRISMA-LSR
  items: whether the book is living, the date of the last added study, how to contribute.
- ``exobone-whats-new`` directive (the What's new page): every release with what it changed
  (:mod:`exobone.publish.whats_new`), newest first.

Text from data is placed as docutils text nodes, never parsed as markup; the footer's HTML is
escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from exobone.sphinxext.downloads import _link, _table, site_prefix

WHATS_NEW_DOC = "book/whats_new"
ADD_STUDY_DOC = "book/add_study"
INTRO_DOC = "book/intro"
LINK_TOKEN = "@WHATS_NEW_URL@"


def _release(app):
    from exobone.data.version import current

    return current(Path(app.confdir) / "data")


def version_footer(app, config) -> None:
    """Add the version line to the theme's ``extra_footer``."""
    label = html.escape(_release(app).label.replace("Version", "Data version"))
    line = f'<p class="data-version">{label} · <a href="{LINK_TOKEN}">What\'s new</a></p>'
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = f"{options.get('extra_footer', '')}{line}"
    config.html_theme_options = options


def footer_links(app, pagename, templatename, context, doctree) -> None:
    footer = context.get("theme_extra_footer")
    if footer and LINK_TOKEN in footer and "pathto" in context:
        context["theme_extra_footer"] = footer.replace(LINK_TOKEN, context["pathto"](WHATS_NEW_DOC))


def _literal_text(out: list[nodes.Node]) -> list[nodes.Node]:
    """Mark the nodes not smart-quotable: they hold text from data, which must show as the
    CSV holds it (as notebook outputs do, see ``KeepDataTextLiteral``)."""
    for node in out:
        node["support_smartquotes"] = False
    return out


def _para(*parts) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += part if isinstance(part, nodes.Node) else nodes.Text(str(part))
    return para


def _section(title: str, ident: str, document) -> nodes.section:
    section = nodes.section(ids=[ident])
    section += nodes.title(title, title)
    document.note_implicit_target(section)
    return section


class LivingStatusDirective(Directive):
    """``exobone-living-status``: version, living status, last addition, how to contribute."""

    has_content = False

    def run(self):
        from exobone.publish.releases import read_releases
        from exobone.publish.whats_new import last_addition

        env = self.state.document.settings.env
        data_dir = Path(env.srcdir) / "data"
        prefix = site_prefix(env.docname)
        release = _release(env.app)
        releases = read_releases(data_dir)
        added = last_addition(data_dir)
        whats_new = _link("What's new", f"{prefix}{WHATS_NEW_DOC}.html")
        items = [
            _para(
                nodes.strong(release.label, release.label),
                f" of the data ({len(releases)} release{'s' if len(releases) != 1 else ''} "
                "so far; ",
                whats_new,
                " lists each one and what it changed).",
            ),
            _para(
                "Living: yes. Studies published after the review are added one at a time and "
                "released as new versions of the data; version 1.0.0 is the review's own "
                "evidence."
            ),
            _para(
                "Last study added: "
                + (added if added else "none yet; every finding is the review's own.")
            ),
            _para(
                "Searches: no literature search has been run for this book since the review; "
                "studies are added as readers and curators find them."
            ),
            _para(
                "How to contribute: follow ",
                _link("Add a study", f"{prefix}{ADD_STUDY_DOC}.html"),
                " (one TOML file, then ",
                nodes.literal("python -m exobone add-study", "python -m exobone add-study"),
                "), then ",
                nodes.literal("make release", "make release"),
                ". To see what changed since the version you cited: ",
                nodes.literal("make diff FROM=<that version>", "make diff FROM=<that version>"),
                ".",
            ),
        ]
        listing = nodes.bullet_list(classes=["living-status"])
        for para in items:
            item = nodes.list_item()
            item += para
            listing += item
        env.note_dependency(str(data_dir / "datapackage.json"))
        env.note_dependency(str(data_dir / "releases.csv"))
        return _literal_text([listing])


def _frame(frame, headers: dict[str, str], widths: list[int]) -> nodes.table:
    rows = [[str(v) for v in row] for row in frame[list(headers)].itertuples(index=False)]
    return _table(list(headers.values()), rows, widths)


#: per version: (title, News attribute, column -> heading, relative widths)
NEWS_TABLES = [
    (
        "Studies added",
        "studies",
        {
            "ref_id": "Study",
            "authors": "Authors",
            "year": "Year",
            "title": "Title",
            "doi": "DOI",
            "pmid": "PMID",
        },
        [1, 3, 1, 5, 3, 1],
    ),
    (
        "Findings added",
        "findings",
        {
            "finding_id": "Finding",
            "claim": "Claim",
            "source": "Source",
            "references": "References",
        },
        [1, 6, 2, 1],
    ),
    (
        "Corrections",
        "corrections",
        {
            "erratum_id": "Erratum",
            "file": "File",
            "record_id": "Record",
            "column": "Column",
            "published": "Published",
            "corrected": "Corrected",
        },
        [1, 3, 1, 2, 3, 3],
    ),
    (
        "Rows edited",
        "edits",
        {"resource": "Resource", "key": "Row", "column": "Column", "old": "Old", "new": "New"},
        [2, 2, 2, 3, 3],
    ),
    (
        "What changed in the main analyses",
        "analyses",
        {"analysis": "Analysis", "label": "What", "before": "Before", "after": "After"},
        [3, 3, 1, 1],
    ),
    (
        "Rows added, removed and changed, by file",
        "rows",
        {"resource": "Resource", "added": "Added", "removed": "Removed", "changed": "Changed"},
        [3, 1, 1, 1],
    ),
]


def _version_section(news, document, prefix: str) -> nodes.section:
    from exobone.publish.whats_new import KINDS

    if news.version:
        title = f"Version {news.version} · {news.released}"
        ident = "version-" + news.version.replace(".", "-")
    else:
        title, ident = "Not yet released", "unreleased"
    section = _section(title, ident, document)
    if news.version:
        kind = KINDS.get(news.kind, news.kind)
        raised = (
            "the first release"
            if news.bump == "initial"
            else f"the {news.bump} part of the version was raised"
        )
        section += _para(f"Kind: {kind}; {raised}.")
        record = news.record
        section += _para(
            f"Holds {record['findings']} findings ({record['added_findings']} added after the "
            f"review), {record['references']} references of the review, "
            f"{record['added_references']} added studies and {record['errata']} corrections."
        )
        section += _para(
            "SHA-256 of its downloads: ",
            nodes.literal("exobone-evidence-data.zip", "exobone-evidence-data.zip"),
            " ",
            nodes.literal(record["zip_sha256"], record["zip_sha256"]),
            "; ",
            nodes.literal("findings_flat.xlsx", "findings_flat.xlsx"),
            " ",
            nodes.literal(record["workbook_sha256"], record["workbook_sha256"]),
            ".",
        )
    else:
        section += _para(
            "The data differ from the last release; make release will record these changes."
        )
    if news.kind == "review":
        section += _para(
            "The review's own evidence: every finding, reference and correction in this "
            "version comes from the review (Wang et al. 2024) and its text."
        )
        return section
    for title, attribute, headers, widths in NEWS_TABLES:
        frame = getattr(news, attribute)
        if frame.empty:
            continue
        sub = _section(
            title, f"{ident}-{title.lower().replace(' ', '-').replace(',', '')}", document
        )
        sub += _frame(frame, headers, widths)
        section += sub
    return section


class WhatsNewDirective(Directive):
    """``exobone-whats-new``: a table of every release, then one section per version."""

    has_content = False

    def run(self):
        from exobone.publish.whats_new import KINDS, history

        env = self.state.document.settings.env
        root = Path(env.srcdir)
        prefix = site_prefix(env.docname)
        news = history(root)
        rows = [
            [
                n.version or "not yet released",
                n.released,
                KINDS.get(n.kind, n.kind),
                n.record.get("findings", ""),
                n.record.get("added_references", ""),
                n.record.get("errata", ""),
            ]
            for n in news
        ]
        out = [
            _table(
                ["Version", "Released", "Kind", "Findings", "Added studies", "Corrections"],
                rows,
                [1, 1, 3, 1, 1, 1],
            )
        ]
        out += [_version_section(n, self.state.document, prefix) for n in news]
        out.append(
            _para(
                "Every release's zip is kept in the repository's releases folder; the "
                "downloads of the version shown here are on the ",
                _link("Data page", f"{prefix}book/data.html#downloads"),
                ".",
            )
        )
        env.note_dependency(str(root / "data" / "releases.csv"))
        return _literal_text(out)
