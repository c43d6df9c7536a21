"""The package's layers, checked by reading its imports (see CONTRIBUTING.md).

Imports point down: pipeline, sphinxext -> publish, curate, chapter -> figures, render ->
compute -> parse -> data. Computation never
imports rendering or figures; rendering and figures never read files (they get frames).
"""

import ast
import shutil
from pathlib import Path

from exobone.data import paths

#: layer -> layers it may import from (besides itself and the top-level constants module)
ALLOWED = {
    "data": set(),
    "parse": {"data"},
    "compute": {"data", "parse"},
    "render": {"compute", "parse"},
    "figures": {"compute", "parse"},
    "curate": {"data", "parse", "compute", "render", "figures"},
    "chapter": {"data", "parse", "compute", "render", "figures"},
    "publish": {"data", "parse", "compute", "render"},
    "pipeline": {"data", "parse", "compute", "render", "figures", "publish", "curate"},
    "sphinxext": {"data", "parse", "compute", "render", "figures", "publish"},
}
#: the only modules of the data layer computation may import: the loaders and the paths
COMPUTE_MAY_USE = {"exobone.data.load", "exobone.data.paths", "exobone.data"}
#: calls that read files; rendering and figures must not make them
FILE_READS = {"open", "read_text", "read_bytes", "read_csv", "read_excel", "load", "loadtxt"}
NO_FILES = {"render", "figures"}


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(node.lineno, node.module)]
            out += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return out


def _calls(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            out.append((node.lineno, name))
    return out


def violations(package: Path) -> list[str]:
    """Every import that points up (or sideways between render and figures), and every file
    read in rendering or figures, as 'module:line: what'."""
    found = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        layer = rel.parts[0] if len(rel.parts) > 1 else None
        if layer is None:
            continue  # __init__.py, constants.py: import nothing of the package
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, name in _imports(tree):
            parts = name.split(".")
            if parts[0] != "exobone" or len(parts) < 2 or parts[1] not in ALLOWED:
                continue
            target = parts[1]
            if target != layer and target not in ALLOWED[layer]:
                found.append(f"{rel}:{line}: {layer} imports {name}")
            if layer in NO_FILES and target == "data":
                found.append(f"{rel}:{line}: {layer} reads data through {name}")
            module = ".".join(parts[:3])
            if layer == "compute" and target == "data" and module not in COMPUTE_MAY_USE:
                found.append(f"{rel}:{line}: compute reaches data around the loaders ({name})")
        if layer in NO_FILES:
            found += [
                f"{rel}:{line}: {layer} reads a file ({name})"
                for line, name in _calls(tree)
                if name in FILE_READS
            ]
        if layer == "compute":  # computation reads data only through the validated loaders
            found += [
                f"{rel}:{line}: compute reads a file directly ({name})"
                for line, name in _calls(tree)
                if name in FILE_READS - {"load"}
            ]
    return found


def test_every_layer_imports_only_downwards():
    assert violations(paths.PACKAGE_DIR) == []


def test_the_layers_are_the_subpackages():
    layers = {p.name for p in paths.PACKAGE_DIR.iterdir() if (p / "__init__.py").is_file()}
    assert layers == set(ALLOWED)


def test_a_planted_upward_import_is_caught(tmp_path):
    package = tmp_path / "exobone"
    shutil.copytree(paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    with (package / "compute" / "summaries.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom exobone.render.escape import escape_myst  # noqa\n")
    with (package / "figures" / "charts.py").open("a", encoding="utf-8") as f:
        f.write("\n\ndef sneaky(p):\n    return open(p).read()\n")
    with (package / "render" / "html.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom exobone.data.load import load  # noqa\n")
    with (package / "compute" / "flat.py").open("a", encoding="utf-8") as f:
        f.write("\nfrom exobone.data.schema import resources  # noqa\n")
    found = violations(package)
    assert any("compute/summaries.py" in v and "imports exobone.render.escape" in v for v in found)
    assert any("figures/charts.py" in v and "reads a file (open)" in v for v in found)
    assert any("render/html.py" in v and "reads data through exobone.data.load" in v for v in found)
    assert any("compute/flat.py" in v and "around the loaders" in v for v in found)


def test_no_module_is_over_300_lines_without_a_stated_reason():
    long = []
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 300 and "Why this module is long:" not in text:
            long.append(f"{path.relative_to(paths.PACKAGE_DIR)}: {text.count(chr(10))} lines")
    assert long == []


def test_no_function_is_over_60_lines_without_a_stated_reason():
    long = []
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n_lines = node.end_lineno - node.lineno + 1
                reason = "Why this function is long:" in (ast.get_docstring(node) or "")
                if n_lines > 60 and not reason:
                    long.append(f"{path.relative_to(paths.PACKAGE_DIR)}:{node.name} ({n_lines})")
    assert long == []
