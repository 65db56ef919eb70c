"""Time of the RDF (Turtle) export of a synthetic corpus from the embedded store, as
`papergraph export --format ttl --out FILE` does it: the store's export, the merged property graph,
then Turtle streamed to a file. Target at 100k papers: <= 60 s.

    python benchmarks/rdf_export.py [--papers 5000] [--keep] [--all-formats]   # e.g. --papers 100000 --keep

The store is built first (not timed; cached under bench-out/ with --keep, shared with
store_startup.py) and opened in this process (timed apart). The Turtle file is checked by counting
its `a pg:Paper` lines; a small corpus is also parsed back with rdflib.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from store_startup import build, store_dir

from graph.formats import cyclic_gc_paused, property_graph, write_graph
from graph.memory import MemoryStore
from graph.projection import GraphProjection
from graph.rdf import EXPORT_PREFIXES, rdf_triples, sparql_graph, write_turtle
from graph.sparql import SparqlRunner

TARGET_S = 60.0
PARSE_BACK_MAX = 5_000  # rdflib parses ~20-50k triples/s: only small corpora are read back


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the built store under bench-out/")
    parser.add_argument("--all-formats", action="store_true",
                        help="also time JSON-LD, GraphML, CSV and building the SPARQL graph")
    args = parser.parse_args()
    data_dir = store_dir(args.papers)
    built = build(data_dir, args.papers)
    print(f"papers={args.papers}: store " + (f"built in {built:.1f} s" if built else "cached"))

    started = time.perf_counter()
    store = MemoryStore(data_dir)
    opened, cpu_opened = time.perf_counter(), time.process_time()
    with cyclic_gc_paused():  # as PapergraphService.property_graph and write_graph do
        batches = store.export()
        exported = time.perf_counter()
        graph = property_graph(batches)
        projected = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        with path.open("w", encoding="utf-8") as out, cyclic_gc_paused():
            triples = write_turtle(rdf_triples(graph), out)
        written, cpu_written = time.perf_counter(), time.process_time()
        size_mib = path.stat().st_size / 2**20
        with path.open(encoding="utf-8") as text:
            papers = sum(1 for line in text if line.endswith(" a pg:Paper ;\n"))
        if args.papers <= PARSE_BACK_MAX:
            from rdflib import RDF, Graph

            from graph.rdf import PG

            reparsed = len(set(Graph().parse(path, format="turtle").subjects(RDF.type, PG.Paper)))
            print(f"  parsed back with rdflib: {reparsed} papers")
    store.close()
    total = written - opened
    print(f"  {len(graph.nodes)} nodes, {len(graph.rels)} relationships -> {triples} triples, "
          f"{size_mib:.0f} MiB of Turtle, {papers} papers in it")
    print(f"  store open {opened - started:.1f} s (not counted); export {exported - opened:.1f} s, "
          f"property graph {projected - exported:.1f} s, Turtle {written - projected:.1f} s "
          f"({triples / max(written - projected, 1e-9):,.0f} triples/s)")
    print(f"  RDF (Turtle) export of {args.papers} papers: {total:.1f} s wall ({cpu_written - cpu_opened:.1f} s CPU), "
          f"{written - started:.1f} s with the store's opening (target at 100k papers: <= {TARGET_S:.0f} s)")
    if args.all_formats:
        other_formats(graph)
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)


def other_formats(graph: GraphProjection) -> None:
    """Seconds for the other formats and for the server's SPARQL graph (no targets set)."""
    with tempfile.TemporaryDirectory() as tmp:
        for graph_format in ("jsonld", "graphml", "csv"):
            started = time.perf_counter()
            write_graph(graph, graph_format, Path(tmp) / f"graph.{graph_format}")
            print(f"  {graph_format}: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with cyclic_gc_paused():
        rdf = sparql_graph(rdf_triples(graph))
    built = time.perf_counter()
    runner = SparqlRunner(rdf, timeout_s=600, max_rows=None, namespaces=dict(EXPORT_PREFIXES))
    answer = runner.run("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p pg:uses/skos:broader* tech:quantization }")
    print(f"  SPARQL graph: {len(rdf)} triples built in {built - started:.1f} s; papers under a category "
          f"(skos:broader*): {answer.rows[0][0]} in {time.perf_counter() - built:.2f} s; peak RSS of this "
          f"process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
