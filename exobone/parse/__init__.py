"""Reading the review's text: its reference list and its in-text citations."""
