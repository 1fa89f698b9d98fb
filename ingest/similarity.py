"""Pairs of texts with close wording, for SIMILAR_TO.

Texts are reduced to their content words (lower case, stop words dropped, plurals
folded), sorted, and compared with rapidfuzz's normalised Indel ratio: the same score as
its token-sort ratio, but with the sorting done once per text instead of once per pair.
The matrix is computed in C++ on every core, a block of rows at a time so memory stays
bounded, and the score cutoff lets rapidfuzz skip pairs whose lengths alone rule them
out: 3,000 recommendations compare in well under a second.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process

_STOP = frozenset(
    "a an the of for to and in on with by is are was were be been that this these those their its it as at "
    "from which who all some there had has have would will into than then so such ensure ensures ensuring "
    "make sure including include".split()
)
# Rows compared at once: a block of 2,000 against 10,000 texts is 20 MB of scores.
_BLOCK = 2000


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
    reduced = [" ".join(sorted(content_words(t).split())) for t in texts]
    pairs: list[tuple[int, int, float]] = []
    for first in range(0, len(reduced), _BLOCK):
        block = reduced[first : first + _BLOCK]
        # Each block is compared with itself and the texts after it, never twice.
        matrix = process.cdist(
            block, reduced[first:], scorer=fuzz.ratio, score_cutoff=threshold, workers=-1, dtype=np.uint8
        )
        rows, cols = np.nonzero(matrix)
        for i, j in zip(rows, cols, strict=True):
            if j > i:
                pairs.append((first + int(i), first + int(j), float(matrix[i, j])))
    return pairs
