"""Data access: paths, the data package's schema, validation, loading, errata, derived files.

The lowest layer: it imports nothing else of the package.
"""
