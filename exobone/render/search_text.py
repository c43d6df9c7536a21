"""Text as the search sees it: Greek letters also spelled in Latin letters.

Readers type "beta-catenin" or "NF-kappaB" for β-catenin and NF-κB. The book's search index
and the tables' own search get the Latin spelling next to the Greek one, so both find the same
rows and pages.
"""

from __future__ import annotations

import re

#: Greek letters as biologists spell them in Latin letters
LATIN = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
LATIN |= {greek.upper(): latin.capitalize() for greek, latin in LATIN.items() if greek != "ς"}
_GREEK = re.compile("[" + "".join(LATIN) + "]")
_WORD_WITH_GREEK = re.compile(r"\S*[" + "".join(LATIN) + r"]\S*")


def with_latin_spelling(text: str) -> str:
    """``text`` with every Greek letter spelled in Latin letters ("NF-κB" -> "NF-kappaB")."""
    return _GREEK.sub(lambda m: LATIN[m.group()], text)


def latin_words(text: str) -> list[str]:
    """The Latin spelling of each word of ``text`` that holds a Greek letter, once each, in
    order ("Wnt/β-catenin and β-catenin" -> ["Wnt/beta-catenin"])."""
    return list(dict.fromkeys(with_latin_spelling(w) for w in _WORD_WITH_GREEK.findall(text)))


def with_latin_alongside(text: str) -> str:
    """``text`` with the Latin spelling after each word that holds a Greek letter
    ("NF-κB binds" -> "NF-κB (NF-kappaB) binds"), for search excerpts."""
    return _WORD_WITH_GREEK.sub(lambda m: f"{m.group()} ({with_latin_spelling(m.group())})", text)
