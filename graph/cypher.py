"""Every Cypher statement the Neo4j store sends, as small parameterised builders.

Untrusted text only ever travels as parameters; the few names spliced into statement text (labels,
relationship types, sort orders, path depths) come from the fixed tuples in `graph/store.py`, checked
here. `all_statements()` enumerates every variant so tests/test_cypher_lint.py can check each with
Neo4j's own parser. Portability: the statements avoid Neo4j-only procedures and dynamic labels so that
they run on Neo4j 5 and on ArcadeDB's Bolt/Cypher, which the test suite runs against.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from graph.projection import NAME_PROPERTY
from graph.store import NAMED_BY, NODE_LABELS, RELATIONSHIPS, TREND_DIMENSIONS, EvidenceOrder

ENTITY_LABELS: tuple[str, ...] = ("Institution", "Technique", "Model", "Hardware", "Metric")
EVIDENCE_ORDERS: tuple[EvidenceOrder, ...] = ("value_desc", "value_asc", "paper")
_ENDS = {rel_type: (start, end) for rel_type, start, end in RELATIONSHIPS}


@dataclass(frozen=True)
class Statement:
    """A statement and the parameters it takes; the store refuses to send it with any other set."""

    name: str  # builder and variant, for logs
    text: str
    params: frozenset[str] = frozenset()


def _statement(name: str, text: str, *params: str) -> Statement:
    return Statement(name, text, frozenset(params))


def _label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"unknown node label {label!r}")
    return label


def rel_ends(rel_type: str) -> tuple[str, str]:
    """(start label, end label) of a relationship type."""
    if rel_type not in _ENDS:
        raise ValueError(f"unknown relationship type {rel_type!r}")
    return _ENDS[rel_type]


def _sources(node: str) -> str:
    """A paper's FROM_REPORT links as a list of maps (empty for other labels)."""
    return (f"[({node})-[src:FROM_REPORT]->(srcrep:Report) | {{report: srcrep.id, index: src.index, line: src.line}}]")


# -- schema and maintenance -----------------------------------------------------------------------

@cache
def create_constraint(label: str) -> Statement:
    label = _label(label)
    return _statement(f"create_constraint:{label}",
                     f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                     f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")


CLEAR = _statement("clear", "MATCH (n) DETACH DELETE n")


# -- writes (one upsert or removal, in one transaction) --------------------------------------------

@cache
def merge_nodes(label: str, stub: bool) -> Statement:
    """Full records replace all properties; stubs are written only when the node is new."""
    label = _label(label)
    action = "ON CREATE SET n = row.props" if stub else "SET n = row.props"
    return _statement(f"merge_nodes:{label}:{'stub' if stub else 'full'}",
                     f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) {action}", "rows")


@cache
def merge_rels(rel_type: str) -> Statement:
    start, end = rel_ends(rel_type)
    return _statement(f"merge_rels:{rel_type}",
                     f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
                     f"MERGE (a)-[r:{rel_type}]->(b) SET r = row.props", "rows")


@cache
def delete_rels(rel_type: str) -> Statement:
    start, end = rel_ends(rel_type)
    return _statement(f"delete_rels:{rel_type}",
                     f"UNWIND $rows AS row MATCH (:{start} {{id: row.start}})-[r:{rel_type}]->"
                     f"(:{end} {{id: row.end}}) DELETE r", "rows")


@cache
def delete_nodes(label: str) -> Statement:
    label = _label(label)
    return _statement(f"delete_nodes:{label}",
                     f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", "ids")


@cache
def delete_orphans(label: str) -> Statement:
    """Delete the given entities nothing points at any more (and that author nothing).

    Returns what each deleted node pointed at: those may have become orphans in turn.
    """
    label = _label(label)
    return _statement(f"delete_orphans:{label}",
                     f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                     "WHERE NOT EXISTS { MATCH (n)<--() } AND NOT EXISTS { MATCH (n)-[:AUTHORED]->() } "
                     "OPTIONAL MATCH (n)-[r]->(x) "
                     "WITH n, id, collect([type(r), x.id]) AS ends DETACH DELETE n RETURN id, ends", "ids")


def _by_label_union(body: str) -> str:
    """One branch per label over a map parameter {label: [ids]}: one round trip, index lookups each.

    `body` names the branch's label as LABEL."""
    return " UNION ALL ".join(
        f"UNWIND coalesce($ids.{label}, []) AS id MATCH (n:{label} {{id: id}}) {body.replace('LABEL', label)}"
        for label in NODE_LABELS)


@cache
def existing_nodes() -> Statement:
    """Per label, [id, properties] of the given nodes that exist (collected: far fewer Bolt records)."""
    return _statement("existing_nodes",
                     _by_label_union("RETURN 'LABEL' AS label, collect([id, properties(n)]) AS found"), "ids")


@cache
def report_papers() -> Statement:
    """The papers a report lists now, and how many other reports list each."""
    return _statement("report_papers",
                     "MATCH (:Report {id: $report})<-[:FROM_REPORT]-(p:Paper) "
                     "OPTIONAL MATCH (p)-[:FROM_REPORT]->(o:Report) WHERE o.id <> $report "
                     "RETURN p.id AS id, count(o) AS others", "report")


@cache
def owned_rels() -> Statement:
    """The relationships a report's papers and full entity records own (replaced on upsert)."""
    row = "RETURN collect([type(r), a.id, b.id, properties(r)]) AS rels"
    return _statement("owned_rels", " UNION ALL ".join((
        f"UNWIND $papers AS id MATCH (a:Paper {{id: id}})-[r:USES|EVALUATES|RUNS_ON|REPORTS]->(b) {row}",
        f"UNWIND $papers AS id MATCH (b:Paper {{id: id}})<-[r:AUTHORED]-(a:Institution) {row}",
        ("UNWIND $papers AS id MATCH (:Paper {id: id})-[:REPORTS]->(a:Evidence)"
        f"-[r:MEASURES|ON_MODEL|ON_HARDWARE]->(b) {row}"),
        f"UNWIND $papers AS id MATCH (a:Paper {{id: id}})-[r:FROM_REPORT]->(b:Report {{id: $report}}) {row}",
        f"UNWIND $institutions AS id MATCH (a:Institution {{id: id}})-[r:PART_OF]->(b) {row}",
        f"UNWIND $techniques AS id MATCH (a:Technique {{id: id}})-[r:BROADER]->(b) {row}",
        f"UNWIND $hardware AS id MATCH (a:Hardware {{id: id}})-[r:IN_FAMILY]->(b) {row}",
    )), "papers", "report", "institutions", "techniques", "hardware")


# -- reads ----------------------------------------------------------------------------------------

@cache
def get_nodes(label: str) -> Statement:
    label = _label(label)
    return _statement(f"get_nodes:{label}",
                     f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) "
                     f"RETURN id, properties(n) AS props, {_sources('n')} AS sources", "ids")


@cache
def related(rel_type: str, direction: str) -> Statement:
    start, end = rel_ends(rel_type)
    if direction == "out":
        pattern = f"(a:{start} {{id: id}})-[r:{rel_type}]->(b:{end})"
    elif direction == "in":
        pattern = f"(a:{end} {{id: id}})<-[r:{rel_type}]-(b:{start})"
    else:
        raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
    return _statement(f"related:{rel_type}:{direction}",
                     f"UNWIND $ids AS id MATCH {pattern} "
                     f"RETURN id, b.id AS other, properties(b) AS props, {_sources('b')} AS sources, "
                     f"coalesce(r.pos, 0) AS pos ORDER BY id, pos, other", "ids")


def _page(node: str, order: str) -> str:
    """Order the matches, then return the total and one page (an empty page still has its total)."""
    return (f"WITH {node} ORDER BY {order} WITH collect({node}) AS matched "
            "RETURN size(matched) AS total, "
            f"[m IN matched[$offset..$offset + $limit] | {{props: properties(m), sources: {_sources('m')}}}] "
            "AS items")


@cache
def list_nodes(label: str) -> Statement:
    label = _label(label)
    name = NAME_PROPERTY.get(label, "name")
    return _statement(f"list_nodes:{label}",
                     f"MATCH (n:{label}) WHERE $needle IS NULL OR toLower(n.{name}) CONTAINS $needle "
                     + _page("n", f"n.{name}, n.id"), "needle", *_PAGE)


_PAPER_FILTER_FIELDS = ("technique", "category", "institution", "model", "hardware", "metric", "report", "title")
_PAGE = ("offset", "limit")


def _filter_params(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in _PAPER_FILTER_FIELDS)


def _paper_filter(p: str, prefix: str) -> str:
    """True when paper `p` passes a PaperFilter given as parameters named `<prefix>_<field>`."""
    f = f"${prefix}_"
    return " AND ".join((
        (f"(size({f}technique) = 0 OR EXISTS {{ MATCH ({p})-[:USES]->(t:Technique) "
        f"WHERE t.id IN {f}technique }})"),
        (f"(size({f}category) = 0 OR EXISTS {{ MATCH ({p})-[:USES]->(:Technique)-[:BROADER*0..]->"
        f"(c:Technique) WHERE c.id IN {f}category }})"),
        (f"(size({f}institution) = 0 OR EXISTS {{ MATCH ({p})<-[:AUTHORED]-(i:Institution) "
        f"WHERE i.id IN {f}institution }})"),
        f"(size({f}model) = 0 OR EXISTS {{ MATCH ({p})-[:EVALUATES]->(m:Model) WHERE m.id IN {f}model }})",
        (f"(size({f}hardware) = 0 OR EXISTS {{ MATCH ({p})-[:RUNS_ON]->(h:Hardware) "
        f"WHERE h.id IN {f}hardware }})"),
        (f"(size({f}metric) = 0 OR EXISTS {{ MATCH ({p})-[:REPORTS]->(:Evidence)-[:MEASURES]->(x:Metric) "
        f"WHERE x.id IN {f}metric }})"),
        f"(size({f}report) = 0 OR EXISTS {{ MATCH ({p})-[:FROM_REPORT]->(r:Report) WHERE r.id IN {f}report }})",
        f"({f}title IS NULL OR toLower({p}.title) CONTAINS {f}title)",
    ))


@cache
def list_papers() -> Statement:
    return _statement("list_papers", f"MATCH (p:Paper) WHERE {_paper_filter('p', 'pf')} " + _page("p", "p.title, p.id"),
                      *_filter_params("pf"), *_PAGE)


@cache
def paper_ids() -> Statement:
    return _statement("paper_ids", f"MATCH (p:Paper) WHERE {_paper_filter('p', 'pf')} RETURN p.id AS id",
                      *_filter_params("pf"))


_EVIDENCE_ORDER = {"value_desc": "e.value DESC, e.id", "value_asc": "e.value, e.id",
                   "paper": "p.title, p.id, coalesce(rp.pos, 0), e.id"}


# Evidence `e` of paper `p` (through `rp`) passing an EvidenceFilter given as EVIDENCE_FILTER_PARAMS.
_MATCH_EVIDENCE = (
    "MATCH (p:Paper)-[rp:REPORTS]->(e:Evidence) "
    "WHERE (size($metric) = 0 OR EXISTS { MATCH (e)-[:MEASURES]->(m:Metric) WHERE m.id IN $metric }) "
    "AND (size($paper) = 0 OR p.id IN $paper) "
    "AND (size($hardware) = 0 OR EXISTS { MATCH (e)-[:ON_HARDWARE]->(h:Hardware) WHERE h.id IN $hardware }) "
    "AND (size($model) = 0 OR EXISTS { MATCH (e)-[:ON_MODEL]->(o:Model) WHERE o.id IN $model }) "
    "AND ($min_value IS NULL OR e.value >= $min_value) AND ($unit IS NULL OR e.unit = $unit) "
    f"AND {_paper_filter('p', 'pf')}")
EVIDENCE_FILTER_PARAMS = ("metric", "paper", "hardware", "model", "min_value", "unit", *_filter_params("pf"))


@cache
def list_evidence(order: str) -> Statement:
    if order not in _EVIDENCE_ORDER:
        raise ValueError(f"evidence order must be one of {', '.join(_EVIDENCE_ORDER)}, not {order!r}")
    return _statement(f"list_evidence:{order}", (
        f"{_MATCH_EVIDENCE} WITH p, rp, e ORDER BY {_EVIDENCE_ORDER[order]} "
        "WITH collect({props: properties(e), paper: p.id}) AS matched "
        "RETURN size(matched) AS total, matched[$offset..$offset + $limit] AS items"),
        *EVIDENCE_FILTER_PARAMS, *_PAGE)


@cache
def neighbours() -> Statement:
    """One breadth-first level: every relationship touching the frontier, as (type, start, end)."""
    return _statement("neighbours", _by_label_union(
        "MATCH (n)-[r]-(b) RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end"), "ids")


@cache
def label_of() -> Statement:
    """The label of one node by id, through each label's id index."""
    return _statement("label_of", " UNION ALL ".join(
        f"MATCH (n:{label} {{id: $id}}) RETURN '{label}' AS label" for label in NODE_LABELS), "id")


@cache
def nodes_by_label() -> Statement:
    return _statement("nodes_by_label", _by_label_union(
        f"RETURN 'LABEL' AS label, id, properties(n) AS props, {_sources('n')} AS sources"), "ids")


@cache
def count_nodes(label: str) -> Statement:
    label = _label(label)
    return _statement(f"count_nodes:{label}", f"MATCH (n:{label}) RETURN count(n) AS n")


@cache
def counts() -> Statement:
    return _statement("counts", "MATCH (n) RETURN 'node' AS kind, labels(n)[0] AS name, count(*) AS n "
                               "UNION ALL MATCH ()-[r]->() RETURN 'rel' AS kind, type(r) AS name, count(*) AS n")


@cache
def technique_cooccurrence() -> Statement:
    """Pairs of techniques used by the same papers; with $category, only techniques under it."""
    return _statement("technique_cooccurrence", (
        "MATCH (t:Technique)<-[:USES]-(p:Paper)-[:USES]->(u:Technique) WHERE t.id < u.id "
        "AND ($category IS NULL OR (EXISTS { MATCH (t)-[:BROADER*0..]->(c:Technique {id: $category}) } "
        "AND EXISTS { MATCH (u)-[:BROADER*0..]->(d:Technique {id: $category}) })) "
        "RETURN t.id AS a, u.id AS b, count(DISTINCT p) AS n ORDER BY n DESC, a, b LIMIT $limit"),
        "category", "limit")


@cache
def institution_overlap() -> Statement:
    """Per technique, the institutions of its papers; pairs counted once per shared technique."""
    return _statement("institution_overlap", (
        "MATCH (t:Technique)<-[:USES]-(:Paper)<-[:AUTHORED]-(i:Institution) "
        "WITH t, collect(DISTINCT i.id) AS insts UNWIND insts AS a UNWIND insts AS b WITH t, a, b WHERE a < b "
        "RETURN a, b, count(DISTINCT t) AS n ORDER BY n DESC, a, b LIMIT $limit"), "limit")


@cache
def unresolved(label: str) -> Statement:
    """Nodes of `label` stored with resolved = false, with the papers that name them and where those
    papers sit in their reports (the store orders the rows)."""
    if label not in NAMED_BY:
        raise ValueError(f"only {', '.join(NAMED_BY)} can be unresolved, not {label!r}")
    rel_type, direction = NAMED_BY[label]
    arrow = f"-[:{rel_type}]->" if direction == "out" else f"<-[:{rel_type}]-"
    return _statement(f"unresolved:{label}", (
        f"MATCH (n:{label}){arrow}(p:Paper) WHERE n.resolved = false "
        "MATCH (p)-[s:FROM_REPORT]->(r:Report) "
        "WITH n, count(DISTINCT p) AS papers, "
        "collect({paper: p.id, report: r.id, index: s.index, line: s.line}) AS sources "
        "RETURN properties(n) AS props, papers, sources"))


_UNDER_CATEGORY = ("($category IS NULL OR EXISTS { MATCH (p)-[:USES]->(:Technique)-[:BROADER*0..]->"
                   "(:Technique {id: $category}) })")


@cache
def report_tallies() -> Statement:
    """Every report with its date and the distinct papers it lists under $category (all when null)."""
    return _statement("report_tallies", (
        "MATCH (r:Report) OPTIONAL MATCH (r)<-[:FROM_REPORT]-(p:Paper) "
        f"WITH r, p WHERE p IS NULL OR {_UNDER_CATEGORY} "
        "RETURN r.id AS id, r.title AS title, r.generated_at AS generated_at, count(DISTINCT p) AS papers"),
        "category")


@cache
def entity_tallies(by: str) -> Statement:
    """Per entity of dimension `by` and per report, the distinct papers of the report naming it."""
    if by not in TREND_DIMENSIONS:
        raise ValueError(f"unknown trend dimension {by!r}")
    label, rel_type, direction = TREND_DIMENSIONS[by]
    arrow = f"-[:{rel_type}]->" if direction == "out" else f"<-[:{rel_type}]-"
    if by == "category":
        path = "(p)-[:USES]->(:Technique)-[:BROADER*0..]->(e:Technique) WHERE e.kind = 'category' AND"
    else:
        path = f"(p){arrow}(e:{label}) WHERE"
    concept = ("($category IS NULL OR EXISTS { MATCH (e)-[:BROADER*0..]->(:Technique {id: $category}) }) AND "
               if by in ("technique", "category") else "")
    return _statement(f"entity_tallies:{by}", (
        f"MATCH (r:Report)<-[:FROM_REPORT]-(p:Paper) MATCH {path} {concept}{_UNDER_CATEGORY} "
        "RETURN e.id AS id, e.name AS name, r.id AS report, count(DISTINCT p) AS n"), "category")


@cache
def claims() -> Statement:
    """The ranking fields of every Evidence node passing an EvidenceFilter (as list_evidence)."""
    return _statement("claims", (
        f"{_MATCH_EVIDENCE} RETURN e.id AS id, p.id AS paper, e.metric AS metric, e.value AS value, "
        "e.unit AS unit, e.direction AS direction ORDER BY id"), *EVIDENCE_FILTER_PARAMS)


@cache
def export_nodes() -> Statement:
    return _statement("export_nodes", "MATCH (n) RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS props")


@cache
def export_rels() -> Statement:
    return _statement("export_rels", "MATCH (a)-[r]->(b) "
                                    "RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props")


def all_statements() -> Iterator[Statement]:
    """Every statement any builder can produce, for the lint check."""
    yield CLEAR
    for label in NODE_LABELS:
        yield create_constraint(label)
        yield merge_nodes(label, stub=False)
        yield merge_nodes(label, stub=True)
        yield delete_nodes(label)
        yield delete_orphans(label)
        yield get_nodes(label)
        yield list_nodes(label)
        yield count_nodes(label)
    for rel_type in _ENDS:
        yield merge_rels(rel_type)
        yield delete_rels(rel_type)
        yield related(rel_type, "out")
        yield related(rel_type, "in")
    for order in EVIDENCE_ORDERS:
        yield list_evidence(order)
    for label in NAMED_BY:
        yield unresolved(label)
    for by in TREND_DIMENSIONS:
        yield entity_tallies(by)
    yield from (existing_nodes(), label_of(), report_papers(), owned_rels(), list_papers(), paper_ids(),
                neighbours(), nodes_by_label(), counts(), technique_cooccurrence(), institution_overlap(), export_nodes(),
                export_rels(), report_tallies(), claims())
