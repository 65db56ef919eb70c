"""BM25 over paper titles, abstracts and Chinese briefs, updated in place.

Tokenisation is dependency-free and language-aware: Latin text is lower-cased, split on anything that
is not a letter or digit, stop words dropped and a plural "s" stripped; each run of CJK characters gives
its characters and its character bigrams. Bigrams carry most Chinese words (推测 / 解码) and unigrams
keep single-character terms findable; BM25's idf then discounts the frequent ones. A word segmenter
(jieba) would add a dictionary dependency and still split domain terms such as 推测解码 inconsistently.

Scoring is vectorised: postings are kept as dicts for cheap add/remove, and each term's postings are
frozen into numpy arrays on first use after a change, so a query over 100k papers is a few numpy ops
per term rather than a Python loop over documents.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

_LATIN = re.compile(r"[0-9a-z]+")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_STOP = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "via", "was", "we", "were",
    "which", "while", "with", "our", "these", "those", "than", "then", "can", "also", "such", "using",
    "based",
})


def _stem(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Index terms of a text in order: Latin words (stemmed, no stop words), CJK unigrams and bigrams."""
    lowered = text.lower()
    terms: list[str] = []
    position = 0
    for run in _CJK_RUN.finditer(lowered):
        terms.extend(_latin_terms(lowered[position:run.start()]))
        chars = run.group()
        terms.extend(chars)
        terms.extend(chars[i:i + 2] for i in range(len(chars) - 1))
        position = run.end()
    terms.extend(_latin_terms(lowered[position:]))
    return terms


def _latin_terms(text: str) -> list[str]:
    return [_stem(t) for t in _LATIN.findall(text) if t not in _STOP]


class BM25Index:
    """Okapi BM25 (k1=1.2, b=0.75) over documents addressed by dense integer slots."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self._postings: dict[str, dict[int, int]] = {}
        self._frozen: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._doc_terms: dict[int, tuple[str, ...]] = {}  # a document's distinct terms, for removal
        self._lengths = np.zeros(0, dtype=np.float32)
        self._total_length = 0

    def __len__(self) -> int:
        return len(self._doc_terms)

    def __contains__(self, slot: int) -> bool:
        return slot in self._doc_terms

    def add(self, slot: int, text: str) -> None:
        """Index `text` under `slot`, replacing whatever the slot held."""
        self.remove(slot)
        counts = Counter(tokenize(text))
        if slot >= len(self._lengths):
            grown = np.zeros(max(slot + 1, 2 * len(self._lengths), 64), dtype=np.float32)
            grown[:len(self._lengths)] = self._lengths
            self._lengths = grown
        length = sum(counts.values())
        self._lengths[slot] = length
        self._total_length += length
        self._doc_terms[slot] = tuple(counts)
        for term, tf in counts.items():
            self._postings.setdefault(term, {})[slot] = tf
            self._frozen.pop(term, None)

    def remove(self, slot: int) -> None:
        terms = self._doc_terms.pop(slot, None)
        if terms is None:
            return
        self._total_length -= int(self._lengths[slot])
        self._lengths[slot] = 0
        for term in terms:
            postings = self._postings[term]
            del postings[slot]
            if not postings:
                del self._postings[term]
            self._frozen.pop(term, None)

    def _arrays(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        frozen = self._frozen.get(term)
        if frozen is None:
            postings = self._postings.get(term)
            if not postings:
                return None
            slots = np.fromiter(postings.keys(), dtype=np.int64, count=len(postings))
            tfs = np.fromiter(postings.values(), dtype=np.float32, count=len(postings))
            frozen = self._frozen[term] = (slots, tfs)
        return frozen

    def scores(self, query_terms: list[str], allowed: np.ndarray | None = None) -> np.ndarray:
        """Dense BM25 scores over all slots; 0 for non-matching or excluded slots.

        `allowed` is a boolean mask over slots; a query term counts once however often it repeats.
        """
        total = np.zeros(len(self._lengths), dtype=np.float32)
        n_docs = len(self._doc_terms)
        if n_docs == 0:
            return total
        average = self._total_length / n_docs or 1.0
        for term in dict.fromkeys(query_terms):
            arrays = self._arrays(term)
            if arrays is None:
                continue
            slots, tfs = arrays
            idf = np.log(1.0 + (n_docs - len(slots) + 0.5) / (len(slots) + 0.5))
            norm = self.k1 * (1.0 - self.b + self.b * self._lengths[slots] / average)
            total[slots] += idf * tfs * (self.k1 + 1.0) / (tfs + norm)
        if allowed is not None:
            total[: len(allowed)] *= allowed[: len(total)]
            total[len(allowed):] = 0
        return total

    def idf(self, term: str) -> float:
        n_docs = len(self._doc_terms)
        df = len(self._postings.get(term, ()))
        return float(np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))) if df else 0.0

    def top(self, query_terms: list[str], k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best (slot, score) pairs with a positive score, best first."""
        scores = self.scores(query_terms, allowed)
        positive = np.flatnonzero(scores > 0)
        if len(positive) > k:
            positive = positive[np.argpartition(-scores[positive], k - 1)[:k]]
        ordered = positive[np.argsort(-scores[positive], kind="stable")]
        return [(int(s), float(scores[s])) for s in ordered]
