"""The graph in the standard formats other tools read: GraphML (Gephi, Cytoscape) and the CSV files of
`neo4j-admin database import`. RDF (Turtle, JSON-LD) is in `graph/rdf.py`.

Every format starts from `property_graph(batches)`: the nodes and relationships both stores hold
(`graph/projection.py`), merged over all reports, so a format never depends on which store ran.
"""

from __future__ import annotations

import csv
import gc
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from graph.model import ImportBatch
from graph.projection import GraphProjection, NodeRecord, RelRecord, project_batches

ARRAY_DELIMITER = ";"

_gc_pauses = 0
_gc_was_enabled = True
_gc_pauses_lock = threading.Lock()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an export builds millions of objects.

    They hold no reference cycles, but each collection of the oldest generation walks every live
    object, so with the collector on the time of a large export grows faster than its size.
    Reference counting still frees everything. Pauses may overlap (threads, nesting): the collector
    is left as the first one found it when the last one ends."""
    global _gc_pauses, _gc_was_enabled
    with _gc_pauses_lock:
        _gc_pauses += 1
        if _gc_pauses == 1:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _gc_pauses_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def property_graph(batches: Iterable[ImportBatch]) -> GraphProjection:
    """All reports' projections merged into one graph: a node a report only refers to (a stub) gives
    way to its full record, and a relationship keeps the properties of the first report that has it."""
    merged = GraphProjection()
    for projection, _ in project_batches(batches):
        for node in projection.nodes.values():
            merged.add_node(node)
        for rel in projection.rels.values():
            merged.add_rel(rel.type, rel.start, rel.end, rel.props)
    return merged


# ---- GraphML --------------------------------------------------------------------------------

def _scalar(value: Any) -> str | int | float | bool:
    """A GraphML-storable value: lists are joined with "; ", everything else kept as it is."""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value


def networkx_graph(graph: GraphProjection) -> nx.DiGraph:
    """A DiGraph with one node per node id and one edge per relationship (a DiGraph suffices: the
    labels at its two ends fix a relationship's type, so no pair of nodes has two).

    Node attributes: `type` (the label: Paper, Institution...), `label` (the name, what Gephi and
    Cytoscape show) and the properties as scalars. Edge attributes: `type`, `label` and properties."""
    out = nx.DiGraph()
    for node in graph.nodes.values():
        out.add_node(node.id, type=node.label, label=node.name,
                     **{key: _scalar(value) for key, value in node.props.items()})
    for rel in graph.rels.values():
        out.add_edge(rel.start, rel.end, type=rel.type, label=rel.type,
                     **{key: _scalar(value) for key, value in rel.props.items()})
    return out


# ---- neo4j-admin import CSV -----------------------------------------------------------------

def column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin header type of a property, from all its values: boolean, long, double,
    string or string[] (lists of anything are written as strings)."""
    seen = {type(v) for v in values}
    if list in seen:
        return "string[]"
    if seen == {bool}:
        return "boolean"
    if seen and seen <= {int}:
        return "long"
    if seen and seen <= {int, float}:
        return "double"
    return "string"


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        items = value if isinstance(value, list) else [value]
        # neo4j-admin cannot escape its array delimiter; an item's own ";" becomes ",".
        return ARRAY_DELIMITER.join(str(item).replace(ARRAY_DELIMITER, ",") for item in items)
    if kind == "boolean":
        return "true" if value else "false"
    return str(value)


def _columns(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(property, type) of every property any record has, in first-seen order."""
    values: dict[str, list[Any]] = defaultdict(list)
    for props in records:
        for key, value in props.items():
            values[key].append(value)
    return [(key, column_type(vals)) for key, vals in values.items()]


def node_table(label: str, nodes: list[NodeRecord]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of one label's node file: `id:ID`, `:LABEL`, then typed property columns."""
    columns = _columns([n.props for n in nodes])
    header = ["id:ID", ":LABEL", *(f"{key}:{kind}" for key, kind in columns)]
    rows = [[node.id, label, *(_cell(node.props.get(key), kind) for key, kind in columns)] for node in nodes]
    return header, rows


def relationship_table(rel_type: str, rels: list[RelRecord]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of one type's relationship file: `:START_ID`, `:END_ID`, `:TYPE`, properties."""
    columns = _columns([r.props for r in rels])
    header = [":START_ID", ":END_ID", ":TYPE", *(f"{key}:{kind}" for key, kind in columns)]
    rows = [[rel.start, rel.end, rel_type, *(_cell(rel.props.get(key), kind) for key, kind in columns)]
            for rel in rels]
    return header, rows


def write_neo4j_csv(graph: GraphProjection, folder: Path) -> list[Path]:
    """One `nodes-<Label>.csv` per label and one `relationships-<TYPE>.csv` per type in `folder`
    (created if needed); returns the files written, nodes first."""
    folder.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[NodeRecord]] = defaultdict(list)
    for node in graph.nodes.values():
        by_label[node.label].append(node)
    by_type: dict[str, list[RelRecord]] = defaultdict(list)
    for rel in graph.rels.values():
        by_type[rel.type].append(rel)
    written = []
    for name, (header, rows) in [
        *((f"nodes-{label}.csv", node_table(label, nodes)) for label, nodes in sorted(by_label.items())),
        *((f"relationships-{t}.csv", relationship_table(t, rels)) for t, rels in sorted(by_type.items())),
    ]:
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def neo4j_admin_command(files: Iterable[Path], database: str = "neo4j") -> str:
    """The `neo4j-admin database import full` command that loads the files into an empty database."""
    parts = ["neo4j-admin database import full", f"--array-delimiter='{ARRAY_DELIMITER}'",
             "--multiline-fields=true"]
    for path in files:
        option = "--nodes" if path.name.startswith("nodes-") else "--relationships"
        parts.append(f"{option}={path}")
    return " \\\n    ".join([*parts, database])


# ---- one entry point for `papergraph export` ----------------------------------------------------

GRAPH_FORMATS = ("ttl", "jsonld", "graphml", "csv")


def write_graph(graph: GraphProjection, graph_format: str, out: Path | None,
                stdout: TextIO | None = None) -> list[Path]:
    """Write the graph in one of GRAPH_FORMATS to `out` (a file; a folder for csv) or, when `out` is
    None, to `stdout` (not for csv, which is several files). Returns the files written."""
    if graph_format not in GRAPH_FORMATS:
        raise ValueError(f"format must be one of json, {', '.join(GRAPH_FORMATS)}")
    if graph_format == "csv":
        if out is None:
            raise ValueError("csv export writes one file per label and type: give --out FOLDER")
        with cyclic_gc_paused():
            return write_neo4j_csv(graph, out)
    if out is not None:
        with out.open("w", encoding="utf-8") as target, cyclic_gc_paused():
            _write_text(graph, graph_format, target)
        return [out]
    if stdout is None:
        raise ValueError("nowhere to write: give a file or a stream")
    with cyclic_gc_paused():
        _write_text(graph, graph_format, stdout)
    return []


def _write_text(graph: GraphProjection, graph_format: str, target: TextIO) -> None:
    from graph.rdf import jsonld_text, rdf_triples, write_turtle

    if graph_format == "ttl":
        write_turtle(rdf_triples(graph), target)
    elif graph_format == "jsonld":
        target.write(jsonld_text(rdf_triples(graph)))
    else:
        target.write("\n".join(nx.generate_graphml(networkx_graph(graph), named_key_ids=True)) + "\n")
