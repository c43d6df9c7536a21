"""The build: notebook execution that keeps outputs fresh, the Sphinx extension, generation."""
