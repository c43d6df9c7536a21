"""The data and downloads of the built site (used by :mod:`exobone.sphinxext`).

- ``exobone-downloads`` directive: the exports, every file of the data package and the columns
  of the flat table, each linked to its copy in the built site.
- :func:`publish_data` (build-finished): copies the data package into ``data/`` of the site
  (the layout of ``datapackage.json``) and writes the exports into ``downloads/``.

Text from data is placed as docutils text nodes, never parsed as markup.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

#: folders of the built site holding the data package and the exports
SITE_DATA = "data"
SITE_DOWNLOADS = "downloads"


# --- data and downloads ----------------------------------------------------------------


def site_prefix(docname: str) -> str:
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


def _export_rows(downloads: str) -> list[list]:
    """Rows of the Downloads table: the flat CSV, the workbook and the zip, linked."""
    from exobone.publish import exports

    export_rows = [
        [
            _link(exports.FLAT_CSV, downloads + exports.FLAT_CSV),
            _rich(
                "One row per finding, errata applied; cargos, targets, pathways, effects "
                "and references joined into one cell each, separated by `; `; the last "
                "column, `data_version`, names the version of the data. For R, pandas or a "
                "spreadsheet."
            ),
        ],
        [
            _link(exports.FLAT_XLSX, downloads + exports.FLAT_XLSX),
            "The same table as an Excel workbook, with a data-dictionary sheet and an about "
            "sheet (source, licence, version, release date).",
        ],
        [
            _link(exports.PACKAGE_ZIP, downloads + exports.PACKAGE_ZIP),
            _rich(
                "The whole data package: every CSV, every schema, `datapackage.json`, the "
                "review's text, a README with licence, citation and version, and "
                "`ro-crate-metadata.json` (an RO-Crate of the same files); `frictionless "
                "validate datapackage.json` accepts it unzipped."
            ),
        ],
        [
            [
                _link("references.bib", downloads + "references/references.bib"),
                nodes.Text(", "),
                _link("references.ris", downloads + "references/references.ris"),
            ],
            "The review's references for a reference manager (BibTeX, RIS), with the same "
            "keys in both (ref001 is the review's reference 1); each page's cited references "
            "are on the references page.",
        ],
    ]
    return export_rows


def _file_rows(data_dir: Path, prefix: str) -> list[list]:
    """Rows of the data-files table: each file linked to its copy in the site."""
    import pandas as pd

    from exobone.publish import exports

    files = exports.data_file_rows(data_dir)
    file_rows = [
        [
            _link(r.path, f"{prefix}{SITE_DATA}/{r.path}"),
            "" if pd.isna(r.rows) else str(int(r.rows)),
            r.about,
        ]
        for r in files.astype(object).itertuples(index=False)
    ]
    return file_rows


def _column_rows(data_dir: Path) -> list[list]:
    """Rows of the table of the flat export's columns."""
    from exobone.publish.exports import export_dictionary

    columns = export_dictionary(data_dir)
    column_rows = [
        [nodes.literal(c.column, c.column), c.description] for c in columns.itertuples(index=False)
    ]
    return column_rows


class DownloadsDirective(Directive):
    """``exobone-downloads``: the exports, every file of the data package and the columns of
    the flat table, each file linked to its copy in the built site (text from data is placed
    as text nodes, never parsed as markup)."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        data_dir = Path(env.srcdir) / "data"
        prefix = site_prefix(env.docname)
        export_rows = _export_rows(f"{prefix}{SITE_DOWNLOADS}/")
        file_rows = _file_rows(data_dir, prefix)
        column_rows = _column_rows(data_dir)
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
            # the page's width, margin included: the table of files is wider than the text
            section += nodes.compound("", table, classes=["full-width"])  # no .container
            # (a docutils container carries Bootstrap's class .container, whose width wins)
            self.state.document.note_implicit_target(section)
            out.append(section)
        return out


def publish_data(app, exception) -> None:
    """Copy the data package into the site and write the downloads (a finished HTML build;
    the pipeline builds the site whole whenever anything it is made from changed)."""
    if exception is not None or app.builder.format != "html":
        return
    from exobone.publish import exports

    data_dir = Path(app.srcdir) / "data"
    site = Path(app.outdir)
    target = site / SITE_DATA
    if target.is_symlink():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    # copied, never linked: each file read as a real file (a link or a special file is
    # refused as it is read), a CSV with a formula-like cell refused whatever validation said
    for rel, data in exports.package_entries(data_dir):
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data)
    exports.write_exports(site / SITE_DOWNLOADS, data_dir)
