"""Loads the Turtle files of this folder into one rdflib graph, once per process.

The compiled lookup tables (techniques, metrics, hardware, models, institutions) are built from this
graph by `ontology/load.py`; everything that extracts or resolves reads those tables, never the files.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace

ONTOLOGY_DIR = Path(__file__).resolve().parent

PG = Namespace("https://papergraph.dev/ontology#")  # schema: classes and properties
TECH = Namespace("https://papergraph.dev/technique/")  # SKOS technique concepts
METRIC = Namespace("https://papergraph.dev/metric/")
HW = Namespace("https://papergraph.dev/hardware/")
ORG = Namespace("https://papergraph.dev/institution/")
MODEL = Namespace("https://papergraph.dev/model/")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """All `*.ttl` files of the ontology folder, parsed into one graph (cached; treat as read-only)."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    for prefix, ns in (("pg", PG), ("tech", TECH), ("metric", METRIC), ("hw", HW), ("org", ORG),
                       ("model", MODEL)):
        graph.bind(prefix, ns)
    return graph
