"""Techniques a paper uses, as concepts of the SKOS scheme in ontology/techniques.ttl.

Labels of every concept (English and Chinese, with variants) are matched in the title, the Chinese
brief and the abstract. A specific concept ("GPTQ") stands for its categories; a bare category label
("量化") yields the category concept only when nothing more specific in that category matched.
"""

from __future__ import annotations

from graph.model import Technique
from ingest.ids import entity_id
from ontology.load import Ontology, TechniqueConcept, load_ontology

# A bare "pruning" in a paper about token or patch pruning is about tokens, not weights.
_SUBSUMED_BY = {"pruning-sparsity": ("token-reduction", "kv-cache")}


def extract_techniques(title: str, brief: str, abstract: str) -> tuple[Technique, ...]:
    """Technique concepts of a paper; `other` only when no concept matched at all (nothing for a
    paper with no text)."""
    if not (title.strip() or brief.strip() or abstract.strip()):
        return ()
    onto = load_ontology()
    matched = _matched_concepts(onto, f"{title}\n{brief}\n{abstract}")
    specific = [c for c in matched if not c.is_category]
    covered = {cat for c in specific for cat in c.categories}
    bare = [c for c in matched if c.is_category and c.id not in covered
            and not any(other in covered for other in _SUBSUMED_BY.get(c.id, ()))]
    concepts = specific + bare
    if not concepts:
        concepts = [onto.techniques["other"]]
    return tuple(_technique(c) for c in concepts)


def find_techniques(text: str) -> list[TechniqueConcept]:
    """Concepts whose labels occur in `text`, in order of first mention (no category logic)."""
    return _matched_concepts(load_ontology(), text)


def _matched_concepts(onto: Ontology, text: str) -> list[TechniqueConcept]:
    seen: dict[str, TechniqueConcept] = {}
    for hit in onto.technique_index.find(text):
        seen.setdefault(hit.target, onto.techniques[hit.target])
    return list(seen.values())


def _technique(concept: TechniqueConcept) -> Technique:
    return Technique(entity_id("tech", concept.id), concept.name, concept.categories, concept.label_zh)
