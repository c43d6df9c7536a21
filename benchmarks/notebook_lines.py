"""What the chapters' code lines do: analysis, glue, display, imports (and prose, now in code).

Usage: ``.venv/bin/python benchmarks/notebook_lines.py [GIT-REVISION]`` prints one row per
notebook (of the working tree, or of the revision) and the share of analysis lines.

How a line is classed (every line of a code cell that is not blank, a comment or only closing
brackets, by the statement it belongs to, first rule that holds):

- **import**: an ``import`` statement.
- **prose**: a line of a ``ch.md(...)`` call: the chapter's text, written as a template whose
  values are filled in. Counted apart and left out of the share (it was a Markdown cell before).
- **analysis**: a line that asks the data a question: it calls into the analysis (a function of
  ``exobone.compute``, ``exobone.parse``, the loaders, the schema or the errata, however
  imported: ``ch.summaries.x(...)``, ``summaries.x(...)``, ``load(...)``) or computes on a
  frame (a comparison, ``len``, ``.shape``, ``.size``, ``sum``, ``nunique``, ``groupby``,
  ``merge``, ``query``, ``value_counts``, ``head``, arithmetic on values). An assignment or
  expression whose value is such a call is analysis on all its lines; in a glue or display
  call, only the lines that compute are.
- **glue**: the other lines of a ``glue(...)`` or ``ch.values(...)`` statement (moving a value
  to a name for the text).
- **display**: everything else: figures and tables (``ch.figure``, ``svg.inline``, ``HTML``,
  ``Markdown``, ``ch.table``), alt strings, relabelling for display, setup.

The share is analysis / (analysis + glue + display + import).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANALYSIS_PACKAGES = (
    "exobone.compute",
    "exobone.parse",
    "exobone.data.load",
    "exobone.data.schema",
)
CH_ANALYSIS = {
    "load",
    "labelled",
    "bibliometrics",
    "cited_in",
    "claims",
    "evidence",
    "flat",
    "glossary",
    "network",
    "review_figures",
    "review_tables",
    "summaries",
    "trials",
    "errata",
    "schema",
    "citations",
}
FRAME_METHODS = {
    "sum",
    "nunique",
    "groupby",
    "agg",
    "merge",
    "query",
    "value_counts",
    "head",
    "reindex",
    "drop_duplicates",
    "isin",
    "contains",
    "max",
    "min",
    "mean",
    "count",
    "size",
    "join",
}
GLUE_CALLS = {"glue", "values"}
CLASSES = ["analysis", "glue", "display", "import", "prose"]


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def analysis_roots(tree: ast.AST) -> set[str]:
    """Names a notebook imported from the analysis layers (old style, before the facade)."""
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(ANALYSIS_PACKAGES) or (
                node.module in {"exobone.compute", "exobone.parse", "exobone.data"}
            ):
                roots |= {a.asname or a.name for a in node.names}
    return roots - {"paths"}


def _is_analysis(node: ast.AST, roots: set[str]) -> bool:
    if isinstance(node, ast.Compare | ast.BinOp):
        return True
    if isinstance(node, ast.Attribute) and node.attr in {"shape", "size"}:
        return True  # a count read off a frame, like len()
    if isinstance(node, ast.Call):
        name = _dotted(node.func)
        head = name.split(".")
        if head[0] == "ch" and len(head) > 1 and head[1] in CH_ANALYSIS:
            return True
        if head[0] in roots or name in {"len"}:
            return True
        if isinstance(node.func, ast.Attribute) and node.func.attr in FRAME_METHODS:
            return True
    return False


def _call_name(stmt: ast.stmt) -> str:
    value = getattr(stmt, "value", None)
    return _dotted(value.func).split(".")[-1] if isinstance(value, ast.Call) else ""


def classify(source: str, roots: set[str]) -> list[str]:
    """The class of every counted line of one code cell."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out = {}
    for stmt in tree.body:
        span = range(stmt.lineno, stmt.end_lineno + 1)
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            kind = {n: "import" for n in span}
        elif (
            _dotted(getattr(getattr(stmt, "value", None), "func", None) or ast.Name("")) == "ch.md"
        ):
            kind = {n: "prose" for n in span}
        elif isinstance(stmt, ast.Assign | ast.Expr) and _is_analysis(stmt.value, roots):
            kind = dict.fromkeys(span, "analysis")  # the whole statement asks the data
        else:
            base = "glue" if _call_name(stmt) in GLUE_CALLS else "display"
            kind = dict.fromkeys(span, base)
            for node in ast.walk(stmt):
                if _is_analysis(node, roots) and hasattr(node, "lineno"):
                    kind[node.lineno] = "analysis"
        out.update(kind)
    return [
        out[n]
        for n, text in enumerate(lines, start=1)
        if n in out and text.strip().strip(")]},") and not text.strip().startswith("#")
    ]


def notebook_counts(notebook: dict) -> Counter:
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    roots = set().union(*(analysis_roots(ast.parse(s)) for s in code))
    return Counter(k for source in code for k in classify(source, roots))


def notebooks(revision: str | None) -> dict[str, dict]:
    if revision is None:
        paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
        return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in paths}
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "notebooks/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        Path(n).name: json.loads(
            subprocess.run(
                ["git", "show", f"{revision}:{n}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for n in names
        if n.endswith(".ipynb")
    }


def main(argv: list[str]) -> None:
    revision = argv[0] if argv else None
    print(f"{'notebook':<42}" + "".join(f"{c:>9}" for c in CLASSES) + f"{'share':>8}")
    for name, nb in notebooks(revision).items():
        counts = notebook_counts(nb)
        counted = sum(counts[c] for c in CLASSES if c != "prose")
        share = counts["analysis"] / counted if counted else 0.0
        print(f"{name:<42}" + "".join(f"{counts[c]:>9}" for c in CLASSES) + f"{share:>8.0%}")


if __name__ == "__main__":
    main(sys.argv[1:])
