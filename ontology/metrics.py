"""Metric lookup tables compiled from `metrics.ttl`: labels and the cue words evidence extraction reads.

The Turtle file is the source of truth; this module turns it, once per ontology (see
`ontology.graph.ontology_cache`), into one regex that finds every cue word in a text and a table from
cue word to metric id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import RDF, Literal
from rdflib.namespace import SKOS

from ontology.graph import METRIC, PG, ontology_cache, ontology_graph
from ontology.load import ascii_lower


@dataclass(frozen=True)
class MetricConcept:
    id: str
    label_en: str
    label_zh: str
    definition: str
    units: tuple[str, ...]
    cues: tuple[str, ...]  # lower-cased
    weak_cues: tuple[str, ...]
    better: str = "higher"  # "higher" or "lower": which way a level of this metric improves
    unitless_cues: tuple[str, ...] = ()  # cues that bind a bare number ("a real-time factor of 0.066")


@dataclass(frozen=True)
class MetricCues:
    """All cue words as alternative patterns (English, then Chinese) read as one leftmost-first
    alternation; `metric_of[cue]` and `weak` classify a match."""

    alternatives: tuple[re.Pattern[str], ...]
    metric_of: dict[str, str]
    weak: frozenset[str]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, bool]]:
        """(start, end, metric id, is_weak) for every cue word in `text[start:end]`, left to right."""
        found = []
        # Case is folded on ASCII only (offsets stay those of `text`), and only over the window read; a
        # case-insensitive pattern would stop `re` from skipping to candidate first characters and cost
        # several times more. The pattern has no look-behind, so scanning the slice finds the same words.
        lo = min(max(0, start), len(text))
        hi = len(text) if end is None else min(max(0, end), len(text))
        folded = ascii_lower(text[lo:hi])
        metric_of, weak = self.metric_of, self.weak
        for match in _leftmost_first(self.alternatives, folded):
            at = lo + match.start()
            before = text[at - 1] if at else " "
            if match.group(0)[0].isascii() and (before == "_" or before.isascii() and before.isalnum() or before == "-" and (
                    match.group(0).lower() in _TIME_WORDS or text.startswith("-", lo + match.end())
                    or _ADJECTIVE_COMPOUND_BEFORE.search(text, max(0, at - 12), at))):
                continue  # an English cue inside a longer word ("real-time"); checked here, not in the regex,
                # because a leading look-behind stops `re` from skipping quickly to candidate characters
            word = match.group(0).lower()
            if _BOUND_AFTER.match(text, lo + match.end()):
                continue  # "memory-bound speedup": the regime a figure is measured in, not what it measures
            key = word if word in metric_of else word[:-1]  # optional plural "s"
            found.append((at, lo + match.end(), metric_of[key], key in weak))
        return found


_BOUND_AFTER = re.compile(r"[\s-]bound(?:ed)?\b", re.IGNORECASE)
# After a hyphen a cue is read only where it ends the compound ("inter-token-latency reduction"), never inside
# one ("inter-token-latency") and never "time" ("real-time").
_TIME_WORDS = frozenset({"time", "times"})
# ... nor in an adjective of a size or a degree ("high-throughput scenarios", "a 22M-parameter student")
_ADJECTIVE_COMPOUND_BEFORE = re.compile(r"(?:\d[A-Za-z]?|\b(?:high|low|real|long|short|near|ultra|large|small|full|half|"
                                        r"billion|million|trillion|iso))-$", re.IGNORECASE)  # "iso-accuracy": held equal


def _leftmost_first(patterns: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """The matches `re.finditer("p1|p2|...", text)` would give (leftmost, an earlier pattern winning at
    the same position, each search resuming after the previous match). Searched one by one, each pattern
    keeps `re`'s fast skip to its possible first characters, which the joined alternation loses: three
    times faster here. The patterns have no look-behind and never match the empty string."""
    pos = 0
    upcoming = [pattern.search(text) for pattern in patterns]
    while True:
        best = None
        for i, match in enumerate(upcoming):
            if match is not None and match.start() < pos:
                match = upcoming[i] = patterns[i].search(text, pos)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        yield best
        pos = best.end()


def _texts(graph, subject, predicate) -> list[Literal]:
    return sorted((o for o in graph.objects(subject, predicate) if isinstance(o, Literal)), key=str)


def _label(graph, subject, lang: str) -> str:
    for literal in _texts(graph, subject, SKOS.prefLabel):
        if literal.language == lang:
            return str(literal)
    return ""


@ontology_cache
def metric_concepts() -> dict[str, MetricConcept]:
    """Every pg:Metric individual of the ontology, keyed by metric id."""
    graph = ontology_graph()
    concepts = {}
    for subject in graph.subjects(RDF.type, PG.Metric):
        metric_id = str(subject).removeprefix(str(METRIC))
        unitless = _texts(graph, subject, PG.unitlessCue)
        concepts[metric_id] = MetricConcept(
            id=metric_id,
            label_en=_label(graph, subject, "en"),
            label_zh=_label(graph, subject, "zh"),
            definition=" ".join(str(d) for d in _texts(graph, subject, SKOS.definition)),
            units=tuple(str(u) for u in _texts(graph, subject, PG.typicalUnit)),
            cues=tuple(str(c).lower() for c in _texts(graph, subject, PG.cue) + unitless),
            weak_cues=tuple(str(c).lower() for c in _texts(graph, subject, PG.weakCue)),
            better=next((str(b) for b in _texts(graph, subject, PG.better)), "higher"),
            unitless_cues=tuple(str(c).lower() for c in unitless),
        )
    return concepts


def _trie_regex(words: list[str]) -> str:
    """One alternation shaped as a prefix tree: Python's `re` then rejects most positions at the first
    character instead of trying two hundred alternatives one by one. Longer words still win."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def _british(word: str) -> str:
    """The -ise spelling of an -ize cue ("utilisation" for "utilization"); the word itself when it has none."""
    return _IZE.sub("is", word)


_IZE = re.compile(r"(?<=[a-z]{3})iz(?=ations?\b|e[sd]?\b|ing\b)")


@ontology_cache
def metric_cues() -> MetricCues:
    """The compiled cue table (cached). Longer cues win: "latency reduction" beats "latency"."""
    metric_of: dict[str, str] = {}
    weak: set[str] = set()
    for concept in metric_concepts().values():
        for word in concept.cues:
            metric_of[word] = concept.id
        for word in concept.weak_cues:
            metric_of[word] = concept.id
            weak.add(word)
    for word in [w for w in metric_of if _british(w) not in metric_of]:  # a listed spelling wins over a derived one
        metric_of[_british(word)] = metric_of[word]
        if word in weak:
            weak.add(_british(word))
    chinese = [w for w in metric_of if re.search(r"[\u3400-\u9fff]", w)]
    english = [w for w in metric_of if w and w not in chinese]
    # Whole English words (with an optional plural s): "time" must not fire inside "real-time"; Chinese
    # characters may touch them ("视觉token", "推理FLOPs减少").
    english_words = f"(?:{_trie_regex(english)})s?(?![A-Za-z0-9_])" if english else ""
    alternatives = tuple(re.compile(p) for p in (english_words, _trie_regex(chinese)) if p)
    return MetricCues(alternatives=alternatives, metric_of=metric_of, weak=frozenset(weak))
