"""The DataTables bundle (itables') shipped once in the site, on the pages that need it.

No notebook stores the bundle (see :mod:`exobone.render.table_script`). After the build, the
bundle is written to ``_static/itables-<version>.js`` as a *classic* script that holds the
module's text and imports it from a blob URL, as itables' own offline mode does: Chromium
refuses module scripts from ``file://``, so a plain ``dt_url`` would work only from a server.
Pages with an interactive table (``class="interactive-table``) get that script and the
bundle's CSS; other pages load nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import itables
from itables import options as itables_options

from exobone.render.interactive import ITABLES_READY, ITABLES_READY_EVENT

BUNDLE = f"itables-{itables.__version__}"

_LOADER = """/* DataTables for itables %(version)s (dt_for_itables), from the itables package: a
   classic script, so pages opened from disk load it too; the module is imported from a blob. */
(() => {
  if (window.%(ready)s) return;
  const source = %(source)s;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  window.%(ready)s = import(url).then((module) => {
    URL.revokeObjectURL(url);
    module.set_or_remove_dark_class();
    window.dispatchEvent(new Event("%(event)s"));
    return module;
  });
})();
"""


def bundle_files() -> dict[str, str]:
    """File name under ``_static/`` -> text: the loader script and the bundle's CSS."""
    source = Path(itables_options.dt_bundle)
    loader = _LOADER % {
        "version": itables.__version__,
        "ready": ITABLES_READY,
        "event": ITABLES_READY_EVENT,
        "source": json.dumps(source.read_text(encoding="utf-8")),
    }
    css = source.with_suffix(".css").read_text(encoding="utf-8")
    return {f"{BUNDLE}.js": loader, f"{BUNDLE}.css": css}


def write_bundle(app, exception) -> None:
    if exception is not None or getattr(app.builder, "format", "") != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name, text in bundle_files().items():
        target = static / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def add_bundle_to_table_pages(app, pagename, templatename, context, doctree) -> None:
    if 'class="interactive-table' in (context.get("body") or ""):
        app.add_css_file(f"{BUNDLE}.css")
        app.add_js_file(f"{BUNDLE}.js", defer="defer")
