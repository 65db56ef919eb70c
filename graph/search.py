"""Bilingual paper search: vector (MiniLM + FAISS) and lexical (BM25) rankings fused by reciprocal rank.

Queries are expanded through the ontology: a phrase that names a technique concept in either language
adds the concept's other labels. The expansion feeds the lexical query always, and the vector query
when the query is Chinese, since MiniLM reads English only ("推测解码" is embedded as
"speculative decoding"). A Chinese query with no English expansion gets no vector ranking: MiniLM's
vector for it would be noise that fusion would mix in at full weight.

The index keeps its own record of texts and report listings (graph/corpus.py) under its directory,
so it can run beside either graph store and survive restarts: the FAISS index appends each change to
a log and is compacted into a snapshot now and then (graph/vector_files.py); the BM25 base is saved
whenever its unsaved overlay has grown past a share of the corpus, and at open the papers committed
since the saved base (by corpus revision) are re-tokenised, so opening never re-reads every text.

A hybrid query embeds the query and scores BM25 one after the other, on the calling thread: on a
worker thread the embedding overlapped the scoring but slowed it more than it saved (the two contend
for two shared cores and for the GIL, which numpy's scatter-add holds), and concurrent requests use
the cores anyway. Query vectors are kept in a small LRU (graph/vectors.py), since a user paging or
refiltering repeats the query.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from graph.corpus import Corpus, PaperText, lexical_text
from graph.embedding import Embedder, default_embedder
from graph.lexical import BM25Index, SentenceMatcher, tokenize
from graph.model import ImportBatch, Paper
from graph.vector_files import Compaction
from graph.vectors import QUERY_CACHE_SIZE, EmbeddingCache, VectorIndex, text_hash

SEARCH_MODES = ("hybrid", "vector", "lexical")
RRF_K = 60  # the constant of Cormack et al.; damps the head so neither ranking dominates
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+.\-]*")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# The lexical base is saved (compacted) once this many papers changed since it was, or this share.
LEXICAL_SAVE_MIN = 2000
LEXICAL_SAVE_SHARE = 0.05
_LEXICAL_FILE = "lexical.npz"

QueryExpander = Callable[[str], list[str]]


@dataclass(frozen=True)
class SearchHit:
    paper_id: str
    score: float  # fused RRF score in hybrid mode; cosine (vector, similar) or BM25 (lexical) otherwise
    match: str  # the sentence of title/abstract/brief that best matches the query
    vector_rank: int | None  # 1-based rank in the vector ranking, None when not in it
    lexical_rank: int | None


@dataclass(frozen=True)
class IndexUpdate:
    added: int = 0
    updated: int = 0
    removed: int = 0
    embedded: int = 0  # texts that went through the model (cache misses)

    def __add__(self, other: IndexUpdate) -> IndexUpdate:
        return IndexUpdate(self.added + other.added, self.updated + other.updated,
                           self.removed + other.removed, self.embedded + other.embedded)


def embedded_text(paper: Paper | PaperText) -> str:
    """What the vector stands for: the English title and abstract, or the brief when both are empty."""
    english = ". ".join(part for part in (paper.title.strip(), paper.abstract.strip()) if part)
    return english or paper.brief.strip()


def keywords(paper: Paper) -> str:
    """Entity names the pipeline resolved, so a query for "Shanghai Jiao Tong University" finds a paper
    whose brief says 上海交通大学 and whose institution line is only in the details section."""
    names: list[str] = []
    for institution in paper.institutions:
        names += [institution.name, *institution.aliases, institution.parent_name or ""]
    for technique in paper.techniques:
        names += [technique.name, technique.label_zh or ""]
    names += [m.name for m in paper.models] + [h.name for h in paper.hardware]
    return " ; ".join(dict.fromkeys(n for n in names if n))


def ontology_expander() -> QueryExpander:
    """The ontology's technique-label expansion (ontology/load.py)."""
    from ontology.load import technique_expander

    return technique_expander()


def query_phrases(query: str, max_words: int = 4, max_chars: int = 8) -> list[str]:
    """Candidate concept names inside a query: the whole query, Latin word n-grams, CJK substrings."""
    phrases = [query.strip()]
    words = _LATIN_WORD.findall(query)
    for n in range(1, max_words + 1):
        phrases.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
    for run in _CJK_RUN.findall(query):
        for n in range(2, min(max_chars, len(run)) + 1):
            phrases.extend(run[i:i + n] for i in range(len(run) - n + 1))
    return list(dict.fromkeys(p for p in phrases if p))


def expand_query(query: str, expand_term: QueryExpander) -> list[str]:
    """Labels of the concepts the query names, minus those already in it."""
    lowered = query.lower()
    labels: list[str] = []
    for phrase in query_phrases(query):
        labels.extend(label for label in expand_term(phrase) if label.lower() not in lowered)
    return list(dict.fromkeys(labels))


def rrf(rankings: Iterable[list[int]]) -> dict[int, float]:
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, slot in enumerate(ranking, start=1):
            fused[slot] = fused.get(slot, 0.0) + 1.0 / (RRF_K + rank)
    return fused


class SearchIndex:
    """Search over the papers of every applied report; thread-safe, persisted under `directory`."""

    def __init__(self, directory: Path, embedder: Embedder | None = None,
                 expand_term: QueryExpander | None = None, query_cache_size: int = QUERY_CACHE_SIZE) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder or default_embedder()
        self._expand_term = expand_term
        self._expander_lock = threading.Lock()
        self._lock = threading.RLock()
        self._corpus = Corpus(self.directory / "corpus.sqlite")
        self._cache = EmbeddingCache(self.directory / "embeddings.sqlite", self._embedder, query_cache_size)
        self._vectors = VectorIndex.open(self.directory, self._embedder.dimension, self._embedder.backend)
        self._lexical = BM25Index()
        self._ids: dict[int, str] = {}
        self._slots: dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        for slot, pid in self._corpus.slot_ids():
            self._ids[slot] = pid
            self._slots[pid] = slot
        self._lexical = self._load_lexical()
        if self._vectors.slots() != set(self._ids):
            # The saved index predates the last committed change, is missing, or was computed by another
            # embedding backend: rebuild it from the embedding cache, which holds every stored text's
            # vector of the backends that embedded it (the model runs for the texts it lacks).
            papers = list(self._corpus.papers())
            self._vectors.clear()
            vectors = self._cache.embed([embedded_text(p) for p in papers])
            self._vectors.upsert([p.slot for p in papers], vectors)
            self._vectors.retune()
            self._vectors.save()
        elif self._vectors.retune():
            self._vectors.save()

    def _load_lexical(self) -> BM25Index:
        """The saved BM25 base brought up to the corpus: drop papers deleted since, re-add those written
        since (by revision). Without a saved base every paper is added, in compacted steps."""
        lexical = BM25Index.load(self.directory / _LEXICAL_FILE)
        if lexical is not None and lexical.revision > self._corpus.revision():
            lexical = None  # saved against another corpus (a restored backup): start over
        since = lexical.revision if lexical is not None else -1
        lexical = lexical or BM25Index()
        for slot in lexical.slots().tolist():
            if slot not in self._ids:
                lexical.remove(slot)
        for paper in self._corpus.changed_since(since):
            lexical.add(paper.slot, paper.lexical_text)
            if lexical.overlay_size >= 10 * LEXICAL_SAVE_MIN:
                lexical.compact()  # bounds the memory of the dict overlay on a first build
        lexical.revision = self._corpus.revision()
        self._lexical = lexical
        if since < 0:
            lexical.save(self.directory / _LEXICAL_FILE)
        else:
            self._settle_lexical()
        return lexical

    def _settle_lexical(self) -> None:
        """Save the BM25 base when enough changed since it was saved (the rest is replayed at open)."""
        if self._lexical.overlay_size >= max(LEXICAL_SAVE_MIN, LEXICAL_SAVE_SHARE * len(self._lexical)):
            self._lexical.save(self.directory / _LEXICAL_FILE)

    @property
    def backend(self) -> str:
        """The embedding backend whose vectors the index holds."""
        return self._embedder.backend

    def warm_up(self) -> None:
        """Load what a first query would wait for: the embedding model (run once) and the ontology's
        query expansion, by running a search."""
        self._cache.warm_up()
        self.search("warm-up query", k=1)

    def compact(self) -> Compaction:
        """Fold the vector log into one snapshot (imports append to a log; see graph/vector_files.py).
        Searches and imports go on meanwhile: the index lock is held only to save unsaved changes."""
        with self._lock:
            self._vectors.save()
        return self._vectors.compact()

    @property
    def embedded_total(self) -> int:
        """Texts embedded by this index since it was opened (cache misses only)."""
        return self._cache.embedded

    def paper_count(self) -> int:
        with self._lock:
            return len(self._ids)

    def paper_ids(self) -> set[str]:
        """The ids of every indexed paper, to check the index against the graph store."""
        with self._lock:
            return set(self._slots)

    def apply(self, batch: ImportBatch) -> IndexUpdate:
        """Make the index hold exactly this report's papers for its report id (replace semantics).

        Papers the report no longer lists are removed unless another report still lists them. The
        model runs only for texts not seen before; on any error the index is left as it was.
        """
        papers = {p.id: p for p in batch.papers}
        with self._lock:
            return self._saved(self._replace(batch.report.id, papers))

    def embed_ahead(self, papers: Iterable[Paper]) -> None:
        """Embed into the cache the texts of `papers` it lacks, without taking the index lock: an import
        runs this while the graph store writes, and `apply` then finds the vectors cached (so its
        IndexUpdate counts them as not embedded)."""
        self._cache.embed([embedded_text(p) for p in papers])

    def remove_report(self, report_id: str) -> IndexUpdate:
        with self._lock:
            return self._saved(self._replace(report_id, {}))

    def rebuild(self, batches: Iterable[ImportBatch]) -> IndexUpdate:
        """Drop everything and index these reports (embeddings still come from the cache)."""
        with self._lock:
            self._corpus.clear()
            self._vectors.clear()
            self._lexical = BM25Index()
            self._lexical.revision = self._corpus.revision()
            self._ids.clear()
            self._slots.clear()
            total = IndexUpdate()
            for batch in batches:
                total = total + self._replace(batch.report.id, {p.id: p for p in batch.papers})
                self._settle_lexical()
            self._vectors.retune()
            self._vectors.save()
            self._lexical.save(self.directory / _LEXICAL_FILE)
            return total

    def _saved(self, update: IndexUpdate) -> IndexUpdate:
        if update.added or update.updated or update.removed:
            self._vectors.retune()
            self._vectors.save()
            self._settle_lexical()
        return update

    def _replace(self, report: str, papers: dict[str, Paper]) -> IndexUpdate:
        known = self._corpus.by_ids(list(papers))
        changed = {pid: p for pid, p in papers.items()
                   if pid not in known or not _same_text(known[pid], p)}
        embedded_before = self._cache.embedded
        vectors = self._cache.embed([embedded_text(p) for p in changed.values()])
        dropped = self._corpus.listed_by(report) - set(papers)
        deletes = dropped - self._corpus.listed_elsewhere(dropped, report)
        rows = [(pid, p.title, p.abstract, p.brief, keywords(p), text_hash(embedded_text(p)))
                for pid, p in changed.items()]
        slots = self._corpus.commit(report, set(papers), rows, deletes)
        deleted_slots = [self._slots.pop(pid) for pid in deletes if pid in self._slots]
        for slot in deleted_slots:
            del self._ids[slot]
            self._lexical.remove(slot)
        self._vectors.remove(deleted_slots)
        for pid, paper in changed.items():
            slot = slots[pid]
            self._ids[slot] = pid
            self._slots[pid] = slot
            self._lexical.add(slot, lexical_text(paper.title, paper.abstract, paper.brief, keywords(paper)))
        self._vectors.upsert([slots[pid] for pid in changed], vectors)
        self._lexical.revision = self._corpus.revision()
        return IndexUpdate(
            added=sum(1 for pid in changed if pid not in known),
            updated=sum(1 for pid in changed if pid in known),
            removed=len(deletes),
            embedded=self._cache.embedded - embedded_before,
        )

    def search(self, query: str, k: int = 10, allowed: set[str] | None = None,
               mode: str = "hybrid") -> list[SearchHit]:
        """The k best papers for `query`, best first.

        `allowed` (paper ids passing the caller's filters) restricts both rankings before they are cut,
        so a filtered query still returns k hits when k allowed papers match.
        """
        if mode not in SEARCH_MODES:
            raise ValueError(f"unknown search mode {mode!r}; expected one of {', '.join(SEARCH_MODES)}")
        query = query.strip()
        if not query or k <= 0:
            return []
        expansions = self.expansions(query)
        vector_text = _vector_text(query, expansions, required=mode == "vector")
        query_vector = self._cache.encode_query(vector_text) if vector_text and mode != "lexical" else None
        terms = tokenize(" ".join([query, *expansions]))
        with self._lock:
            mask, allowed_slots = self._restriction(allowed)
            depth = k if mode != "hybrid" else max(3 * k, 100)
            lexical_hits = self._lexical.top(terms, depth, mask) if mode != "vector" else []
            vector_hits = (self._vectors.search(query_vector, depth, allowed_slots)
                           if query_vector is not None else [])
            vector_ranks = {slot: rank for rank, (slot, _) in enumerate(vector_hits, start=1)}
            lexical_ranks = {slot: rank for rank, (slot, _) in enumerate(lexical_hits, start=1)}
            if mode == "hybrid":
                fused = rrf([[s for s, _ in vector_hits], [s for s, _ in lexical_hits]])
                ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
            else:
                ranked = (vector_hits or lexical_hits)[:k]
            texts = self._corpus.by_slots([slot for slot, _ in ranked])
            matcher = SentenceMatcher(self._lexical, tokenize(query), terms)
            return [
                SearchHit(self._ids[slot], score, matcher.best(texts[slot]),
                          vector_ranks.get(slot), lexical_ranks.get(slot))
                for slot, score in ranked
            ]

    def similar(self, paper_id: str, k: int = 10, allowed: set[str] | None = None) -> list[SearchHit]:
        """Papers nearest to `paper_id` by embedding, excluding itself. KeyError if it is not indexed."""
        with self._lock:
            slot = self._slots.get(paper_id)
            vector = self._vectors.vector(slot) if slot is not None else None
            if slot is None or vector is None:
                raise KeyError(paper_id)
            _, allowed_slots = self._restriction(allowed)
            if allowed_slots is not None:
                allowed_slots = allowed_slots[allowed_slots != slot]
            found = [(s, score) for s, score in self._vectors.search(vector, k + 1, allowed_slots)
                     if s != slot][:k]
            texts = self._corpus.by_slots([slot, *(s for s, _ in found)])
            source_terms = tokenize(texts[slot].title or embedded_text(texts[slot]))
            matcher = SentenceMatcher(self._lexical, source_terms, source_terms)
            return [SearchHit(self._ids[s], score, matcher.best(texts[s]), rank, None)
                    for rank, (s, score) in enumerate(found, start=1)]

    def _restriction(self, allowed: set[str] | None) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The allowed ids as a boolean slot mask (BM25) and an int64 slot array (FAISS)."""
        if allowed is None:
            return None, None
        # map() with a default keeps the per-id lookup in C: 10k allowed ids cost ~1 ms, not ~7.
        slots = np.fromiter(map(self._slots.get, allowed, repeat(-1)), dtype=np.int64, count=len(allowed))
        slots = slots[slots >= 0]
        mask = np.zeros(int(slots.max()) + 1 if len(slots) else 0, dtype=bool)
        mask[slots] = True
        return mask, slots

    def expansions(self, query: str) -> list[str]:
        """The other-language labels of the concepts the query names, as search adds them (cached)."""
        if self._expand_term is None:
            with self._expander_lock:  # a query arriving during the warm-up waits for its load
                if self._expand_term is None:
                    self._expand_term = lru_cache(maxsize=4096)(ontology_expander())
        return expand_query(query, self._expand_term)

    def close(self) -> None:
        with self._lock:
            if self._lexical.overlay_size:  # the next open then replays nothing
                self._lexical.save(self.directory / _LEXICAL_FILE)
            self._vectors.wait()
            self._corpus.close()
            self._cache.close()


def _vector_text(query: str, expansions: list[str], required: bool) -> str:
    """The English text to embed: the query itself, or for a Chinese query its English expansions and
    any Latin words in it. Empty when there is nothing MiniLM can read and the caller can do without."""
    if not _CJK.search(query):
        return query
    english = [e for e in expansions if not _CJK.search(e)] + _LATIN_WORD.findall(query)
    return " ".join(dict.fromkeys(english)) or (query if required else "")


def _same_text(stored: PaperText, paper: Paper) -> bool:
    return ((stored.title, stored.abstract, stored.brief, stored.keywords)
            == (paper.title, paper.abstract, paper.brief, keywords(paper)))
