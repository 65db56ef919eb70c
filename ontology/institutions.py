"""The institution registry (institutions.ttl) compiled into lookup tables for the extractor.

Every English and Chinese label and alias maps, after normalisation, to exactly one institution; a label
claimed twice is an error in the Turtle file, reported when the registry is built.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import zhconv
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from graph.ids import entity_id, fold_name, letter_runs
from ontology.graph import ORG, PG, ontology_cache, ontology_graph

_PUNCT = re.compile(r"[^\w\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_KINDS = {"University": "university", "Company": "company", "ResearchLab": "lab",
          "ResearchInstitute": "institute", "Hospital": "hospital", "GovernmentAgency": "government"}


@dataclass(frozen=True)
class RegisteredInstitution:
    id: str  # entity_id("inst", name)
    iri: str
    name: str  # skos:prefLabel@en, the canonical name
    name_zh: str | None
    aliases: tuple[str, ...]  # every other label, English and Chinese
    kind: str  # university, company, lab, institute, hospital, government, other
    country: str | None
    parent_id: str | None = None
    parent_name: str | None = None


@lru_cache(maxsize=64)
def normalise_name(name: str) -> str:
    """Lookup key: accents on Latin letters, case, punctuation, "&"/"and" and a leading "The" folded
    away; Chinese characters and Japanese kanji folded to simplified ones (東京大学 -> 东京大学); the letters of
    other scripts kept whole (ガ stays ガ, a Hangul syllable stays one syllable). A lookup key, not an id:
    ids (`graph.ids`) keep every name's own letters.

    Cached for the last few names: the extractor keys the same fragment for each lookup it tries (exact,
    completion, spelling, places) and a report repeats its organisations; too few to outlive a report."""
    text = name.casefold() if name.isascii() else fold_name(name)
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    words = _PUNCT.sub(" ", text).replace("_", " ").split() if text.isascii() else letter_runs(text)
    if words and words[0] == "the":
        words = words[1:]
    if _CJK.search(text):
        # Traditional characters and Japanese kanji fold to simplified ones: 國立臺灣大學 and 東京大学 are the
        # registry's 国立台湾大学 and 东京大学, as a brief writes them.
        return zhconv.convert("".join(words), "zh-hans")
    return " ".join(words)


class InstitutionRegistry:
    """Lookups by exact (normalised) name, unique prefix completion, and close spelling."""

    def __init__(self, entries: tuple[RegisteredInstitution, ...]):
        self.entries = entries
        self._by_id = {entry.id: entry for entry in entries}
        self._by_key: dict[str, RegisteredInstitution] = {}
        for entry in entries:
            for label in (entry.name, entry.name_zh, *entry.aliases):
                if not label:
                    continue
                key = normalise_name(label)
                other = self._by_key.get(key)
                if other is not None and other.id != entry.id:
                    raise ValueError(f"institution label {label!r} claimed by {other.id} and {entry.id}")
                self._by_key[key] = entry
        self._english_keys = sorted(k for k in self._by_key if not _CJK.search(k))
        # Fuzzy lookup only compares names sharing a word: difflib over all keys dominated extraction time.
        self._keys_by_word: dict[str, list[str]] = {}
        for k in self._english_keys:
            for word in set(k.split()):
                if len(word) >= 4:
                    self._keys_by_word.setdefault(word, []).append(k)
        # Words most names share ("university", "technology") identify nothing and cost the most.
        self._keys_by_word = {w: ks for w, ks in self._keys_by_word.items() if len(ks) <= 40}

    def get(self, institution_id: str) -> RegisteredInstitution | None:
        return self._by_id.get(institution_id)

    def lookup(self, name: str) -> RegisteredInstitution | None:
        """The institution whose label or alias is `name` (case, accents, punctuation ignored)."""
        key = normalise_name(name)
        return self._by_key.get(key) if key else None

    def labels(self) -> list[tuple[str, RegisteredInstitution]]:
        """Every (label, institution) pair, for searching names inside longer text."""
        pairs = []
        for entry in self.entries:
            pairs.extend((label, entry) for label in (entry.name, entry.name_zh, *entry.aliases) if label)
        return pairs

    def complete(self, truncated: str) -> RegisteredInstitution | None:
        """Repair a cut-off English name ("University of Notre") when exactly one institution fits."""
        key = normalise_name(truncated)
        if len(key.split()) < 2 or _CJK.search(key):
            return None
        matches = self._completions(key + " ")
        if not matches and len(key.rsplit(" ", 1)[-1]) >= 4:
            matches = self._completions(key)  # cut inside its last word: "Carnegie Mellon Univer"
        # A campus or subsidiary completing the same way as its parent does not make the name ambiguous.
        roots = {m for m in matches if not set(self.ancestors(m)) & matches}
        return self._by_id[roots.pop()] if len(roots) == 1 else None

    def _completions(self, prefix: str) -> set[str]:
        start = bisect.bisect_left(self._english_keys, prefix)  # the keys are sorted: a range, not a scan
        matches = set()
        for k in self._english_keys[start:]:
            if not k.startswith(prefix):
                break
            matches.add(self._by_key[k].id)
        return matches

    def closest(self, name: str, cutoff: float = 0.92) -> RegisteredInstitution | None:
        """A misspelt long English name ("Tsinghua Univeristy"); short names are never guessed."""
        key = normalise_name(name)
        if len(key) < 12 or _CJK.search(key):
            return None
        # A ratio >= cutoff needs lengths within a factor and (for names of 12+ chars) a shared long word.
        # A short word is an abbreviation or a particle, misspelt rarely: it must stand in the name as written
        # ("AI Institute" is not "AIRI Institute").
        short = {word for word in key.split() if len(word) <= 3}
        candidates = {k for word in set(key.split()) for k in self._keys_by_word.get(word, ())
                      if 2 * min(len(k), len(key)) / (len(k) + len(key)) >= cutoff and short <= set(k.split())}
        found = difflib.get_close_matches(key, sorted(candidates), n=2, cutoff=cutoff)
        if not found:
            return None
        best = self._by_key[found[0]]
        if _other_place_word(key, found[0]):
            return None  # "Nanjing University of Posts ..." is not Beijing's, however alike the rest
        if len(found) > 1 and self._by_key[found[1]].id != best.id and \
                difflib.SequenceMatcher(None, key, found[1]).ratio() >= cutoff:
            return None
        return best

    def ancestors(self, institution_id: str) -> tuple[str, ...]:
        """Parent, grandparent, ... ids (cycles in a broken file stop the walk)."""
        chain: list[str] = []
        entry = self._by_id.get(institution_id)
        while entry is not None and entry.parent_id and entry.parent_id not in chain:
            chain.append(entry.parent_id)
            entry = self._by_id.get(entry.parent_id)
        return tuple(chain)


def compile_registry(graph: Graph) -> InstitutionRegistry:
    """Read every pg:Institution individual (any subclass) from an rdflib graph."""
    kinds = {PG[local]: kind for local, kind in _KINDS.items()}
    nodes: dict[URIRef, str] = {}
    for cls, kind in kinds.items():
        for node in graph.subjects(RDF.type, cls):
            if isinstance(node, URIRef) and str(node).startswith(str(ORG)):
                nodes[node] = kind
    for node in graph.subjects(RDF.type, PG.Institution):
        if isinstance(node, URIRef):
            nodes.setdefault(node, "other")
    raw = {}
    for node, kind in nodes.items():
        english = [str(o) for o in graph.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        if not english:
            raise ValueError(f"institution {node} has no English skos:prefLabel")
        chinese = [str(o) for o in graph.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "zh"]
        aliases = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} | set(chinese[1:]))
        country = next((str(o) for o in graph.objects(node, PG.country)), None)
        parent = next((p for p in graph.objects(node, PG.partOf) if isinstance(p, URIRef)), None)
        raw[node] = (english[0], chinese[0] if chinese else None, tuple(aliases), kind, country, parent)
    entries = []
    for node, (name, name_zh, aliases, kind, country, parent) in sorted(raw.items()):
        parent_name = raw[parent][0] if parent in raw else None
        entries.append(RegisteredInstitution(
            id=entity_id("inst", name), iri=str(node), name=name, name_zh=name_zh, aliases=aliases,
            kind=kind, country=country, parent_id=entity_id("inst", parent_name) if parent_name else None,
            parent_name=parent_name))
    return InstitutionRegistry(tuple(entries))


def _other_place_word(key: str, label_key: str) -> bool:
    """Two names that differ in a word that is a place name in either: two organisations, not a misspelling."""
    words, label_words = set(key.split()), set(label_key.split())
    return any(word in place_keys() for word in words ^ label_words)


@ontology_cache
def place_keys() -> frozenset[str]:
    """Lookup keys (`normalise_name`) of every place label of the ontology (ontology/places.ttl)."""
    return _label_keys(PG.Place, PG.Country, PG.Region, PG.City)


@ontology_cache
def place_opening_words() -> frozenset[str]:
    """First words of places of several words ("los" of Los Angeles, "san" of San Diego) that are no place on
    their own: a details line cut off after one ("University of California, Los") leaves a piece that names no
    organisation."""
    places = place_keys()
    return frozenset(first for key in places if " " in key and (first := key.split()[0]) not in places
                     and len(first) >= 3)


@ontology_cache
def city_keys() -> frozenset[str]:
    """Lookup keys of the ontology's city labels: a city before a university's name makes another university
    ("杭州电子科技大学" is not "电子科技大学"), a country does not ("美国麻省理工学院")."""
    return _label_keys(PG.City)


def _label_keys(*classes: URIRef) -> frozenset[str]:
    graph = ontology_graph()
    nodes = {node for cls in classes for node in graph.subjects(RDF.type, cls)}
    return frozenset(normalise_name(str(label)) for node in nodes
                     for prop in (SKOS.prefLabel, SKOS.altLabel) for label in graph.objects(node, prop))


@ontology_cache
def institution_registry() -> InstitutionRegistry:
    """The registry built from the ontology (shipped and user files), cached until the user folder changes."""
    return compile_registry(ontology_graph())
