"""The property graph as RDF, in the ontology's own vocabulary (`ontology/schema.ttl`).

`rdf_triples(graph)` turns the merged property graph (`graph/formats.py: property_graph`) into rdflib
triples; `write_turtle` streams them as Turtle without building an rdflib Graph (the export of a large
store would otherwise spend its time in rdflib's serializer), and `rdf_graph` loads them into one for
SPARQL and JSON-LD.

IRIs are derived from node ids, so they are as stable as the ids (`graph/ids.py`):
- techniques and metrics are the ontology's own concepts: `tech:ptq` is
  `https://papergraph.dev/technique/ptq`, `metric:speedup` is `https://papergraph.dev/metric/speedup`,
  so the export loaded beside `techniques.ttl` joins its SKOS hierarchy;
- every other node lives under `https://papergraph.dev/id/<kind>/`: `paper:6dd2...` is
  `https://papergraph.dev/id/paper/6dd2...`. Institutions, models and hardware are not put in the
  registry's namespaces because a registry entry's local name is not always the slug of its name, and a
  coincidence would merge two different entities.

Relationships become object properties (BROADER as both `pg:broader` and `skos:broader`, so
`skos:broader*` walks the hierarchy without an RDFS reasoner). Relationship properties (the `pos` of an
item in its paper, a paper's index and line in a report) are left out: the JSON, GraphML and CSV
exports keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TextIO
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from graph.projection import GraphProjection, NodeRecord, Props
from ontology.graph import HW, METRIC, MODEL, PG, PREFIXES, TECH, ontology_cache
from ontology.load import load_ontology

DATA = "https://papergraph.dev/id/"
# Node id kinds whose nodes are the ontology's own resources.
ONTOLOGY_KINDS: dict[str, str] = {"tech": str(TECH), "metric": str(METRIC)}
# The prefixes an export declares: the ontology's, plus one per data kind.
# (`model:` and `hw:` already name the ontology's families and hardware classes, so the data nodes of
# those kinds get `modelid:` and `hwid:`.)
DATA_PREFIXES: tuple[tuple[str, str], ...] = (
    ("paper", f"{DATA}paper/"), ("inst", f"{DATA}inst/"), ("modelid", f"{DATA}model/"),
    ("hwid", f"{DATA}hw/"), ("ev", f"{DATA}ev/"), ("report", f"{DATA}report/"))
EXPORT_PREFIXES: tuple[tuple[str, str], ...] = (
    *((name, str(ns)) for name, ns in PREFIXES if name in ("pg", "tech", "metric", "hw", "model", "skos",
                                                           "rdfs", "xsd")),
    *DATA_PREFIXES, ("rdf", str(RDF)))

CLASSES: dict[str, URIRef] = {label: PG[label] for label in (
    "Paper", "Institution", "Technique", "Model", "Hardware", "Metric", "Evidence", "Report")}
RELATION_PROPERTIES: dict[str, tuple[URIRef, ...]] = {
    "AUTHORED": (PG.authored,), "PART_OF": (PG.partOf,), "USES": (PG.uses,),
    "BROADER": (PG.broader, SKOS.broader), "EVALUATES": (PG.evaluates,), "RUNS_ON": (PG.runsOn,),
    "IN_FAMILY": (PG.inFamily,), "REPORTS": (PG.reports,), "MEASURES": (PG.measures,),
    "ON_HARDWARE": (PG.onHardware,), "ON_MODEL": (PG.onModel,), "FROM_REPORT": (PG.fromReport,),
}

# How each stored property is written: (predicate, kind); kind is "str", "int", "double", "bool",
# "date", "en" or "zh" (a language-tagged label); a list value gives one triple per item.
PROPERTY_MAP: dict[str, dict[str, tuple[URIRef, str]]] = {
    "Paper": {"title": (PG.title, "str"), "abstract": (PG.abstract, "str"), "brief": (PG.brief, "str"),
              "author_count": (PG.authorCount, "int"), "proposed": (PG.proposes, "str"),
              "warnings": (PG.warning, "str")},
    "Institution": {"name": (SKOS.prefLabel, "str"), "aliases": (SKOS.altLabel, "str"),
                    "country": (PG.country, "str"), "resolved": (PG.resolved, "bool")},
    "Technique": {"name": (SKOS.prefLabel, "en"), "label_zh": (SKOS.prefLabel, "zh")},
    "Model": {"name": (SKOS.prefLabel, "str"), "family": (PG.familyName, "str"),
              "resolved": (PG.resolved, "bool")},
    "Hardware": {"name": (SKOS.prefLabel, "str"), "resolved": (PG.resolved, "bool")},
    "Metric": {"name": (SKOS.notation, "str")},
    "Evidence": {"value": (PG.value, "double"), "value_max": (PG.valueMax, "double"), "unit": (PG.unit, "str"),
                 "direction": (PG.direction, "str"), "baseline": (PG.baseline, "str"),
                 "condition": (PG.condition, "str"), "scope": (PG.scope, "str"), "quote": (PG.quote, "str"),
                 "source": (PG.quotedFrom, "str"), "line": (PG.line, "int")},
    "Report": {"title": (RDFS.label, "str"), "source": (PG.sourceFile, "str"),
               "generated_at": (PG.generatedAt, "date"), "declared_papers": (PG.declaredPapers, "int"),
               "warnings": (PG.warning, "str")},
}
# Properties that are relationships already (PART_OF, BROADER, IN_FAMILY, MEASURES, ON_MODEL,
# ON_HARDWARE), or mapped by hand below (a technique's kind, a hardware's class, a model's family).
DERIVED_PROPERTIES: dict[str, frozenset[str]] = {
    "Institution": frozenset({"parent", "parent_name"}),
    "Technique": frozenset({"categories", "kind"}),
    "Hardware": frozenset({"class", "family"}),
    "Evidence": frozenset({"metric", "model", "hardware"}),
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
# Characters an IRI may not hold as they are (Turtle IRIREF), plus "%" so that decoding is exact.
_IRI_UNSAFE = "".join(chr(c) for c in range(0x21)) + '<>"{}|^`\\%# /?'
_IRI_UNSAFE_CHAR = re.compile("[" + re.escape(_IRI_UNSAFE) + "]")


def node_iri(node_id: str) -> URIRef:
    """The IRI of a node: `tech:` and `metric:` ids name the ontology's concepts, every other id
    `https://papergraph.dev/id/<kind>/<rest>`; characters an IRI may not hold are %-encoded."""
    kind, sep, rest = node_id.partition(":")
    if not sep:
        kind, rest = "node", node_id
    base = ONTOLOGY_KINDS.get(kind) or f"{DATA}{_escape(kind)}/"
    return URIRef(base + _escape(rest))


def node_id_of(iri: str) -> str | None:
    """Inverse of `node_iri` (None for an IRI no node id maps to)."""
    for kind, base in ONTOLOGY_KINDS.items():
        if iri.startswith(base):
            return f"{kind}:{unquote(iri[len(base):])}"
    if not iri.startswith(DATA):
        return None
    kind, sep, rest = iri[len(DATA):].partition("/")
    if not sep:
        return None
    kind = unquote(kind)
    return unquote(rest) if kind == "node" else f"{kind}:{unquote(rest)}"


def _escape(text: str) -> str:
    return _IRI_UNSAFE_CHAR.sub(lambda m: quote(m.group(), safe=""), text)


@ontology_cache
def _family_iris() -> dict[str, URIRef]:
    """Model family IRIs of the ontology, by the family name models carry."""
    return {family.name: MODEL[local] for local, family in load_ontology().model_families.items()}


def _literal(value: Any, kind: str) -> Literal:
    """The literal of a property value; the short ones repeat (units, flags, counts, labels) and are
    built once, since rdflib's Literal constructor costs microseconds."""
    if kind == "str" and isinstance(value, str) and len(value) > 40:
        return Literal(value)
    return _short_literal(value, kind)


@lru_cache(maxsize=65_536, typed=True)  # typed: 1 and True are different literals
def _short_literal(value: Any, kind: str) -> Literal:
    if kind in ("en", "zh"):
        return Literal(str(value), lang=kind)
    if kind == "int":
        return Literal(int(value))
    if kind == "double":
        return Literal(float(value))
    if kind == "bool":
        return Literal(bool(value))
    if kind == "date" and _DATE.match(str(value)):
        return Literal(str(value), datatype=XSD.date)
    if kind == "date" and _DATE_TIME.match(str(value)):
        return Literal(str(value), datatype=XSD.dateTime)
    return Literal(str(value))


def node_triples(node: NodeRecord, subject: URIRef | None = None) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of one node (whose IRI is `subject`): its class(es) and properties, not its
    relationships."""
    subject = node_iri(node.id) if subject is None else subject
    yield subject, RDF.type, CLASSES[node.label]
    props = node.props
    for key, value in props.items():
        mapped = PROPERTY_MAP[node.label].get(key)
        if mapped is None:
            continue
        predicate, kind = mapped
        for item in value if isinstance(value, list) else (value,):
            yield subject, predicate, _literal(item, kind)
    yield from _extra_triples(node.label, subject, props)


def _extra_triples(label: str, subject: URIRef, props: Props) -> Iterator[tuple[Node, Node, Node]]:
    """What a node's class implies in the ontology's terms: SKOS for techniques, a hardware class,
    a model's family concept."""
    if label == "Technique":
        yield subject, RDF.type, SKOS.Concept
        yield subject, SKOS.inScheme, PG.techniqueScheme
        if props.get("kind") == "category":
            yield subject, RDF.type, PG.TechniqueCategory
            yield subject, SKOS.topConceptOf, PG.techniqueScheme
    elif label == "Hardware" and props.get("class"):
        yield subject, PG.hardwareClass, HW[f"class-{_escape(props['class'])}"]
    elif label == "Model" and props.get("family") in _family_iris():
        yield subject, PG.family, _family_iris()[props["family"]]


def rdf_triples(graph: GraphProjection) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of the graph, grouped by subject: a node's own triples, then its relationships."""
    iris = {node_id: node_iri(node_id) for node_id in graph.nodes}
    outgoing: dict[str, list[tuple[URIRef, ...]]] = {}
    for rel in graph.rels.values():
        end = iris.get(rel.end) or node_iri(rel.end)
        outgoing.setdefault(rel.start, []).append((*RELATION_PROPERTIES[rel.type], end))
    for node in graph.nodes.values():
        subject = iris[node.id]
        yield from node_triples(node, subject)
        for *predicates, obj in outgoing.get(node.id, ()):
            for predicate in predicates:
                yield subject, predicate, obj


def rdf_graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """An rdflib Graph of the triples, with the export's prefixes bound."""
    out = Graph()
    for prefix, namespace in EXPORT_PREFIXES:
        out.bind(prefix, namespace, override=True)
    out.addN((s, p, o, out) for s, p, o in triples)
    return out


# ---- Turtle, streamed ------------------------------------------------------------------------

_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
_STRING_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                   **{c: f"\\u{c:04X}" for c in range(0x20) if c not in (9, 10, 13)}, 0x7F: "\\u007F"}
_SHORT_DATATYPES = {str(XSD.integer), str(XSD.boolean)}


def turtle_term(term: Node, prefixes: Sequence[tuple[str, str]]) -> str:
    """One term in Turtle: a prefixed name where the local part is plainly safe, else `<iri>`; a
    literal quoted with Turtle's escapes (integers and booleans bare); a blank node as `_:id`."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_STRING_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is None:
            return text
        datatype = str(term.datatype)
        if datatype in _SHORT_DATATYPES:
            return str(term)
        return f"{text}^^{_datatype_text(datatype, tuple(prefixes))}"
    if isinstance(term, BNode):
        return f"_:{term}"
    iri = str(term)
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


@lru_cache(maxsize=64)
def _datatype_text(datatype: str, prefixes: tuple[tuple[str, str], ...]) -> str:
    return turtle_term(URIRef(datatype), prefixes)


def write_turtle(triples: Iterable[tuple[Node, Node, Node]], out: TextIO,
                 prefixes: tuple[tuple[str, str], ...] = EXPORT_PREFIXES) -> int:
    """Write the triples as Turtle, one block per run of triples with the same subject; returns the
    number of triples written. Terms are written by `turtle_term`, so any rdflib parser reads it back."""
    ordered = tuple(sorted(prefixes, key=lambda p: -len(p[1])))  # the longest namespace wins
    out.writelines(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in prefixes)
    # IRIs repeat (subjects, predicates, the ends of relationships): each is written out once, keyed
    # by its plain str so that lookups stay in C (rdflib terms compare in Python).
    iri_text: dict[str, str] = {}
    rdf_type = str(RDF.type)
    count = 0
    subject = ""
    for s, p, o in triples:
        key = str(s)
        if key != subject:
            out.write(" .\n\n" if subject else "\n")
            out.write(_iri_text(key, s, iri_text, ordered))
            subject = key
            out.write(" ")
        else:
            out.write(" ;\n    ")
        predicate = str(p)
        out.write("a" if predicate == rdf_type else _iri_text(predicate, p, iri_text, ordered))
        out.write(" ")
        out.write(turtle_term(o, ordered) if isinstance(o, Literal) else _iri_text(str(o), o, iri_text, ordered))
        count += 1
    if subject:
        out.write(" .\n")
    return count


def _iri_text(key: str, term: Node, cache: dict[str, str], prefixes: Sequence[tuple[str, str]]) -> str:
    text = cache.get(key)
    if text is None:
        if len(cache) > 200_000:
            cache.clear()
        text = cache[key] = turtle_term(term, prefixes)
    return text


def sparql_graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """What SPARQL runs over: the graph's triples plus the ontology's (labels of metrics and hardware
    classes, model families, the technique scheme), as if both were loaded into one triple store."""
    from ontology.graph import ontology_graph

    out = rdf_graph(triples)
    out.addN((s, p, o, out) for s, p, o in ontology_graph())
    return out


def jsonld_text(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """The triples as compacted JSON-LD, its context the export's prefixes."""
    context = {prefix: namespace for prefix, namespace in EXPORT_PREFIXES}
    return rdf_graph(triples).serialize(format="json-ld", context=context, auto_compact=True)
