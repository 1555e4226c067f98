"""Whether two subjects ask for the same information: the share of their meaningful
words they have in common (Jaccard), once lower-cased, stripped of accents, of Arabic
attached prefixes (the register's ``word_forms``), of numbers (a year: "budget 2024"
and "budget 2025" ask for the same kind of information) and of little words."""

from __future__ import annotations

import re

from requests_app.register.arabic import normalise, word_forms

WORD = re.compile(r"\w+", re.UNICODE)
MIN_LENGTH = 3
STOP_WORDS = frozenset(
    """
les des une aux pour par sur dans avec sans que qui est son ses leur leurs cette ces du de la le et en au
the and for with from that this into its their all
من في على إلى عن مع هذا هذه ذلك التي الذي لسنة سنة حول
""".split()
)


def tokens(text: str) -> frozenset[str]:
    found = set()
    for word in WORD.findall(normalise(text or "")):
        if word.isdigit() or word in STOP_WORDS:
            continue
        word = min(word_forms(word), key=len)  # the word without its Arabic prefix
        if len(word) >= MIN_LENGTH and word not in STOP_WORDS:
            found.add(word)
    return frozenset(found)


def similarity(first: str, second: str) -> float:
    """From 0 (no word in common) to 1 (the same words)."""
    a, b = tokens(first), tokens(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
