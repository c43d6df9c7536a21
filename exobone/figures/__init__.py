"""Figures: the visual language (``style``), charts and diagrams. Never reads files."""
