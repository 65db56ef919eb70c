"""What the web explorer's pages read besides search, papers and analytics: one node with what it is
connected to, a node's neighbourhood for the graph view, and the overview of the store. Read through the
GraphStore protocol only, so every store answers the same; PapergraphService exposes each, and the REST
routes `/api/entities/{id}` and `/api/neighbourhood/{id}` serve the same answers as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import TECHNIQUE_CATEGORIES
from graph.store import Direction, GraphStore, Node, PaperFilter, Subgraph

# The label of a node, from the prefix of its id (graph/ids.py).
LABEL_OF_PREFIX: dict[str, str] = {
    "paper": "Paper", "inst": "Institution", "tech": "Technique", "model": "Model", "hw": "Hardware",
    "metric": "Metric", "ev": "Evidence", "report": "Report",
}
# The property a node is captioned by (as papergraph.grass captions it).
CAPTION_PROPERTY: dict[str, str] = {"Paper": "title", "Report": "title", "Evidence": "metric"}

# Per label, the related nodes an entity page lists: (heading, relationship, direction from the node).
RELATED: dict[str, tuple[tuple[str, str, Direction], ...]] = {
    "Institution": (("part of", "PART_OF", "out"), ("members", "PART_OF", "in")),
    "Technique": (("broader", "BROADER", "out"), ("narrower", "BROADER", "in")),
    "Hardware": (("family", "IN_FAMILY", "out"), ("members", "IN_FAMILY", "in")),
    "Evidence": (("paper", "REPORTS", "in"), ("metric", "MEASURES", "out"), ("model", "ON_MODEL", "out"),
                 ("hardware", "ON_HARDWARE", "out")),
    "Model": (),
    "Metric": (),
    "Report": (),
}


def label_of(node_id: str) -> str | None:
    """The label an id belongs to, None when its prefix is none of papergraph's."""
    prefix, colon, _ = node_id.partition(":")
    return LABEL_OF_PREFIX.get(prefix) if colon else None


def caption(node: Node) -> str:
    """The text a node is shown by: a paper's or report's title, an evidence's metric, else its name
    (the id when the property is empty)."""
    value = node.get(CAPTION_PROPERTY.get(node.get("label", ""), "name"))
    return str(value) if value not in (None, "") else str(node["id"])


def papers_filter(label: str, node: Node) -> PaperFilter | None:
    """The filter selecting the papers of an entity (a technique's include those of its narrower
    concepts), None for a label whose nodes have no papers of their own (Evidence)."""
    node_id = node["id"]
    return {
        "Institution": PaperFilter(institution=(node_id,)),
        "Technique": PaperFilter(category=(node_id,)),
        "Model": PaperFilter(model=(node_id,)),
        "Hardware": PaperFilter(hardware=(node_id,)),
        "Metric": PaperFilter(metric=(node_id,)),
        "Report": PaperFilter(report=(node_id,)),
    }.get(label)


@dataclass(frozen=True)
class Entity:
    """A node, the nodes related to it (heading -> nodes) and a page of its papers (title order)."""

    node: Node
    related: dict[str, list[Node]]
    papers: list[Node]
    total_papers: int
    offset: int


def entity(store: GraphStore, node_id: str, limit: int, offset: int = 0) -> Entity | None:
    """One non-paper node with its related nodes and a page of its papers; None when no such node."""
    label = label_of(node_id)
    if label is None or label == "Paper":
        return None
    node = store.get(label, [node_id])[0]
    if node is None:
        return None
    related = {heading: store.related([node_id], rel, direction).get(node_id, [])
               for heading, rel, direction in RELATED.get(label, ())}
    paper_filter = papers_filter(label, node)
    if paper_filter is None:
        return Entity(node, related, [], 0, 0)
    page = store.list_papers(paper_filter, limit, offset)
    return Entity(node, related, page.items, page.total, offset)


def neighbourhood(store: GraphStore, node_id: str, depth: int, limit: int) -> Subgraph | None:
    """The nodes within `depth` hops of a node (at most `limit`) and their relationships; None when
    no node has the id."""
    graph = store.neighbourhood(node_id, depth, limit)
    return graph if graph.nodes else None


@dataclass(frozen=True)
class Overview:
    """Node counts per label, and each technique category with its number of papers."""

    nodes: dict[str, int]
    categories: list[tuple[Node, int]]


def overview(store: GraphStore) -> Overview:
    counts = store.counts()["nodes"]
    ids = [f"tech:{c}" for c in TECHNIQUE_CATEGORIES]
    categories = [(node, store.list_papers(PaperFilter(category=(node["id"],)), 0).total)
                  for node in store.get("Technique", ids) if node is not None]
    return Overview(counts, sorted(categories, key=lambda c: (-c[1], caption(c[0]))))
