"""Rendering: the one escaping boundary (``escape``) and Markdown/HTML built from frames.

Never reads files; takes frames and returns text.
"""
