"""Shared code for the executable evidence book on non-bone-derived exosomes and bone.

Layers (imports point down; ``tests/test_architecture.py`` checks it):

- ``build``   staleness-aware execution of the notebooks, the Sphinx extension, generated files
- ``render``  the one escaping boundary, and Markdown/HTML written from frames
- ``figures`` the visual language (palette, fonts), charts and diagrams
- ``compute`` frames in, frames out: evidence, summaries, bibliometrics, tables, trials, glossary
- ``parse``   reading the review's text: reference list, in-text citations
- ``data``    paths, schema reading, validation, loading, errata, writing derived data
- ``constants`` the analysis settings the notebooks share (publication year, recency window)
"""
