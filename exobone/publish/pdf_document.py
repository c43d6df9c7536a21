"""The book as one HTML document to print (:mod:`exobone.publish.pdf` prints it): the pages in
book order from the built navigation, a title page, the contents with page numbers, a page per
part, each chapter on a new page. Text is escaped here; the chapters' HTML is the built book's.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from exobone.data import paths

HERE = Path(__file__).parent


def book_plan(html_dir: Path) -> list[dict]:
    """The pages in book order from the built navigation: [{path, part}] (part '' for the
    introduction)."""
    start = BeautifulSoup((html_dir / "book" / "intro.html").read_text("utf-8"), "html.parser")
    nav = start.select_one("nav.bd-docs-nav")
    plan, part = [{"path": "book/intro.html", "part": ""}], ""
    for node in nav.select("p.caption, li.toctree-l1 > a.reference.internal"):
        if node.name == "p":
            part = node.get_text(strip=True)
        elif node["href"] != "#":
            target = (Path("/book") / node["href"]).resolve()
            plan.append({"path": str(target)[1:], "part": part})
    return plan


def book_facts() -> dict:
    """Title, version, dates and addresses for the title page, from the files that hold them."""
    from exobone.publish.citation import read_citation

    config = yaml.safe_load((paths.PROJECT_ROOT / "_config.yml").read_text("utf-8"))
    package = json.loads((paths.DATA_DIR / "datapackage.json").read_text("utf-8"))
    cff = read_citation()
    return {
        "title": config["title"],
        "author": config.get("author", ""),
        "version": package["version"],
        "released": str(cff["date-released"]),
        "built": dt.datetime.now(dt.UTC).date().isoformat(),
        "repository": (config["sphinx"]["config"].get("exobone_repository_url") or "").strip(),
        "base": (config.get("html", {}).get("baseurl") or "").strip(),
    }


def _title_page(facts: dict) -> str:
    lines = [
        f'<h1 class="book-title" id="title">{escape(facts["title"])}</h1>',
        f"<p>{escape(facts['author'])}</p>",
        f"<p>Version {escape(facts['version'])}, released {escape(facts['released'])}</p>",
        f"<p>This PDF printed from the HTML book on {escape(facts['built'])}</p>",
    ]
    for label, key in (("Online", "base"), ("Source", "repository")):
        if facts[key]:
            url = escape(facts[key])
            lines.append(f'<p>{label}: <a href="{url}">{url}</a></p>')
    return '<div class="title-page">' + "".join(lines) + "</div>"


def _contents(chapters: list[dict], pages: dict[str, int]) -> str:
    """The table of contents: parts with their chapters, each with its page number."""
    items, part = [], None

    def entry(anchor: str, title: str) -> str:
        number = pages.get(anchor, "000")
        return (
            f'<a href="#{anchor}"><span class="toc-title">{escape(title)}</span>'
            f'<span class="toc-page">{number}</span></a>'
        )

    for chapter in chapters:
        if chapter["part"] != part:
            if part:
                items.append("</ol></li>")
            part = chapter["part"]
            if part:
                items.append(f'<li class="toc-part">{entry(chapter["part_id"], part)}<ol>')
        items.append(f"<li>{entry(chapter['anchor'], chapter['title'])}</li>")
    items.append("</ol></li>" if part else "")
    return (
        '<nav class="print-toc"><h1 id="contents">Contents</h1><ol>'
        + "".join(items)
        + "</ol></nav>"
    )


def assemble(facts: dict, chapters: list[dict], styles: list[str], pages: dict) -> str:
    """The whole book as one HTML document to print."""
    body, part = [_title_page(facts), _contents(chapters, pages)], None
    for chapter in chapters:
        if chapter["part"] and chapter["part"] != part:
            part_id = chapter["part_id"]
            body.append(
                f'<div class="part-page"><h1 id="{part_id}">{escape(chapter["part"])}</h1></div>'
            )
        part = chapter["part"]
        body.append(
            f'<section class="print-chapter" id="{chapter["anchor"]}">{chapter["html"]}</section>'
        )
    links = "".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in styles)
    css = (HERE / "pdf.css").read_text("utf-8")
    title = escape(facts["title"])
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"{links}<style>{css}</style></head>"
        f'<body class="print-book">{"".join(body)}</body></html>'
    )
