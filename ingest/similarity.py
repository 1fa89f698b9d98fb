"""Pairs of texts with close wording, for SIMILAR_TO.

Texts are reduced to their content words (lower case, stop words dropped, plurals
folded) and compared with rapidfuzz's token-sort ratio over the whole matrix at once,
in C++ and on every core, so thousands of recommendations compare in a second or two.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "to",
        "and",
        "in",
        "on",
        "with",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "their",
        "its",
        "it",
        "as",
        "at",
        "from",
        "which",
        "who",
        "all",
        "some",
        "there",
        "had",
        "has",
        "have",
        "would",
        "will",
        "into",
        "than",
        "then",
        "so",
        "such",
        "ensure",
        "ensures",
        "ensuring",
        "make",
        "sure",
        "including",
        "include",
    ]
)


def content_words(text: str) -> str:
    """The text's content words, in order, as one string."""
    words = []
    for w in re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'")):
        if w in _STOP:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(w)
    return " ".join(words)


def similar_pairs(texts: list[str], threshold: float = 82.0) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) whose content words score at least `threshold` (0 to 100)."""
    if len(texts) < 2:
        return []
    reduced = [content_words(t) for t in texts]
    matrix = process.cdist(
        reduced, reduced, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, workers=-1, dtype=np.uint8
    )
    rows, cols = np.nonzero(np.triu(matrix, k=1))
    return [(int(i), int(j), float(matrix[i, j])) for i, j in zip(rows, cols, strict=True)]
