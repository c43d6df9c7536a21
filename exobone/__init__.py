"""Shared code for the executable evidence book on non-bone-derived exosomes and bone.

Layers (imports point down; ``tests/test_architecture.py`` checks it):

- ``pipeline``  the freshness record, notebook execution, the book build
- ``sphinxext`` the book's Sphinx extension
- ``publish``   the downloads (flat table, workbook, zip)
- ``curate``    the curation commands (add a study, regenerate derived files, check the data)
- ``render``  the one escaping boundary, and Markdown/HTML written from frames
- ``figures`` the visual language (palette, fonts), charts and diagrams
- ``compute`` frames in, frames out: evidence, summaries, bibliometrics, tables, trials, glossary
- ``parse``   reading the review's text: reference list, in-text citations
- ``data``    paths, schema reading, validation, loading, errata, writing derived data
- ``constants`` the analysis settings the notebooks share (publication year, recency window)

Imported in a Jupyter kernel, the package records what each cell read (see
:mod:`exobone.pipeline.freshness`), so a chapter run in JupyterLab is known to be fresh.
"""

from exobone.data.paths import PROJECT_ROOT as _ROOT
from exobone.pipeline.freshness import install_kernel_recorder as _install

_install(_ROOT)
