"""Curation commands: add a study, regenerate files derived from the review text, check the data."""
