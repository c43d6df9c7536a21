"""The few numbers the analyses assume about the review, kept in one place.

Facts transcribed from the review live in data/; these are settings of the analyses that the
notebooks and the package share, so that no notebook repeats them.
"""

#: the review was published (online) in January 2024; ages of references are counted to it
PUBLICATION_YEAR = 2024
#: "the last five years" before the review: publication years 2019 to 2023 inclusive
RECENT_SINCE = 2019
RECENT_UNTIL = 2023
