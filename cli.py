"""`papergraph` command line: argument parsing only; the work is done by PapergraphService and the pipeline.

    papergraph extract REPORT... [--format json|text]
    papergraph import PATH... [--store memory|neo4j] [--data-dir DIR] [--if-empty]
    papergraph stats [--format json|text]
    papergraph search "query" [-k N] [--category ID ...] [--institution ID ...] [--mode hybrid|vector|lexical]
    papergraph review [--format json|text]
    papergraph export --format json [--out FILE]
    papergraph trends [--by category|technique|institution|model|hardware] [--sort papers|rising|new] [--format ...]
    papergraph leaderboard --metric speedup [--category ID] [--hardware ID] [-k N] [--format table|json|csv]
    papergraph compare PAPER_ID... [--format markdown|json|csv]
    papergraph schema [--format graphql|openapi]
    papergraph serve [--host H] [--port P] [--store ...] [--data-dir DIR]
    papergraph compact [--data-dir DIR] [--format json|text]
    papergraph export --format ttl|jsonld|graphml [--out FILE] | --format csv --out FOLDER
    papergraph sparql 'SELECT ...' [--format table|json|csv]

Exit status: 0 on success, 1 when any file failed (the others are still imported), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from api.service import ImportTotals, PapergraphService, ServiceError, load_user_ontology
from api.settings import Settings
from graph.store import PaperFilter, StoreError


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from the environment, with the command-line flags that were given on top."""
    overrides = {name: getattr(args, name) for name in ("store", "data_dir", "ontology_dir", "host", "port")
                 if getattr(args, name, None) is not None}
    return Settings(**overrides)


def _json(value: Any, out: TextIO) -> None:
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.interchange import dump_batches
    from ingest.pipeline import extract_report
    from ingest.report import ReportFormatError

    load_user_ontology(_settings(args))
    batches, failed = [], False
    for path in args.reports:
        try:
            batch = extract_report(path)
        except (ReportFormatError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed = True
            continue
        batches.append(batch)
        for warning in [*batch.warnings, *(w for p in batch.papers for w in p.warnings)]:
            print(f"{warning.file}:{warning.line}: {warning.code}: {warning.message}", file=sys.stderr)
    if args.format == "json":
        _json(dump_batches(batches), sys.stdout)
    else:
        for batch in batches:
            print(f"{batch.report.id}: {len(batch.papers)} papers")
            for paper in batch.papers:
                print(f"  {paper.sources[0].index:>3}. {paper.title or '(no title)'}  "
                      f"[{len(paper.institutions)} inst, {len(paper.techniques)} tech, "
                      f"{len(paper.evidence)} evidence]")
    return 1 if failed else 0


def _summary_line(name: str, counts: dict[str, int]) -> str:
    parts = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()) if n)
    return f"  {name:<9} {parts or '-'}"


def _with_service(args: argparse.Namespace, call: Any) -> Any:
    """`call(service)` on a service over the store the flags name, closed afterwards."""
    service = PapergraphService(_settings(args))
    try:
        return call(service)
    finally:
        service.close()


def cmd_import(args: argparse.Namespace) -> int:
    service = PapergraphService(_settings(args))
    try:
        if args.if_empty and not service.is_empty():
            print("store is not empty; nothing imported (--if-empty)", file=sys.stderr)
            return 0
        results = service.import_paths(args.paths, progress=not args.quiet)
    finally:
        service.close()
    for result in results:
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if not result.ok:
            print(f"error: {result.error}", file=sys.stderr)
    ok = [r for r in results if r.ok]
    totals = ImportTotals.of(ok)
    print(f"imported {len(ok)} of {len(results)} files, {sum(r.papers for r in ok)} papers "
          f"({sum(len(r.warnings) for r in results)} warnings)")
    for name in ("created", "merged", "unchanged", "removed"):
        print(_summary_line(name, getattr(totals, name)))
    return 0 if results and len(ok) == len(results) else 1


def cmd_stats(args: argparse.Namespace) -> int:
    counts = _with_service(args, lambda service: service.stats())
    if args.format == "json":
        _json(counts, sys.stdout)
        return 0
    for section in ("nodes", "relationships"):
        print(f"{section}:")
        for name, n in counts[section].items():
            print(f"  {name:<12} {n:>8}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    paper_filter = PaperFilter(
        category=tuple(args.category), technique=tuple(args.technique), institution=tuple(args.institution),
        model=tuple(args.model), hardware=tuple(args.hardware), metric=tuple(args.metric),
        report=tuple(args.report),
    )
    hits = _with_service(args, lambda service: service.search(args.query, args.k, paper_filter, args.mode))
    if args.format == "json":
        _json({"hits": [{"paper": {"id": h.paper["id"], "title": h.paper.get("title", ""),
                                   "sources": h.paper.get("sources", [])},
                         "score": h.score, "match": h.match} for h in hits]}, sys.stdout)
        return 0
    for rank, hit in enumerate(hits, 1):
        print(f"{rank:>2}. {hit.score:.4f}  {hit.paper.get('title') or '(no title)'}  [{hit.paper['id']}]")
        print(f"      {hit.match}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    items = _with_service(args, lambda service: service.review())
    if args.format == "json":
        _json({"unresolved": [item.to_json() for item in items]}, sys.stdout)
        return 0
    if not items:
        print("nothing to review: every institution, model and hardware is resolved")
        return 0
    print(f"{len(items)} unresolved (papers, kind, name, id; then report:line of each paper)")
    for item in items:
        print(f"{item.paper_count:>3}  {item.kind:<11}  {item.name}  [{item.id}]")
        print("       " + ", ".join(f"{s['report']}:{s['line']}" for s in item.sources))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format != "json":
        return _export_graph(args)
    doc = _with_service(args, lambda service: service.export())
    if args.out:
        with Path(args.out).open("w", encoding="utf-8") as out:
            _json(doc, out)
        print(f"wrote {len(doc['papers'])} papers from {len(doc['reports'])} reports to {args.out}",
              file=sys.stderr)
    else:
        _json(doc, sys.stdout)
    return 0



def _table(rows: list[list[str]], out: TextIO) -> None:
    """Plain text columns, left-aligned, two spaces apart (the last column unpadded)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    out.writelines("  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip() + "\n"
                   for row in rows)


def cmd_trends(args: argparse.Namespace) -> int:
    from api import analytics
    from graph.trends import report_date

    result = _with_service(args, lambda s: s.trends(args.by, args.top, args.category, args.sort))
    if args.format == "json":
        _json(analytics.trends_json(result), sys.stdout)
    elif args.format == "csv":
        sys.stdout.write(analytics.trends_csv(result))
    else:
        header = [args.by, *(report_date(r) or r.id for r in result.reports), "total", "share +/-", "new"]
        rows = [[s.name, *(str(n) for n in s.counts), str(s.total), f"{s.share_change:+.3f}",
                 "new" if s.new else ""] for s in result.series]
        papers = ["(papers)", *(str(r.papers) for r in result.reports), "", "", ""]
        _table([header, papers, *rows], sys.stdout)
    return 0


def cmd_leaderboard(args: argparse.Namespace) -> int:
    from api import analytics

    board = _with_service(args, lambda s: s.leaderboard(
        args.metric, args.k, category=args.category, technique=args.technique, hardware=args.hardware,
        model=args.model, unit=args.unit, direction=args.direction))
    if args.format == "json":
        _json(analytics.leaderboard_json(board), sys.stdout)
        return 0
    if args.format == "csv":
        sys.stdout.write(analytics.leaderboard_csv(board))
        return 0
    if board.group is None:
        print(f"no {board.metric} claims match", file=sys.stderr)
        return 0
    g = board.group
    print(f"{board.metric}: {g.claims} claims in {g.family} ({g.sense}), "
          f"{'largest' if g.order == 'desc' else 'smallest'} first")
    others = [f"{o.family} ({o.sense}): {o.claims}" for o in board.groups if o != g]
    if others:
        print("other groups, not ranked with these: " + "; ".join(others))
    rows = [["#", "claim", "paper", "on", "quote"]]
    for rank, row in enumerate(board.rows, 1):
        on = ", ".join(x["name"] for x in (row["model"], row["hardware"]) if x)
        rows.append([str(rank), analytics.claim_figure(row), row["paper"]["title"][:60], on,
                     row["quote"][:100]])
    _table(rows, sys.stdout)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from api import analytics

    result = _with_service(args, lambda s: s.compare(args.ids))
    if args.format == "json":
        _json(analytics.comparison_json(result), sys.stdout)
    elif args.format == "csv":
        sys.stdout.write(analytics.comparison_csv(result))
    else:
        sys.stdout.write(analytics.comparison_markdown(result))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The API's schemas as served: GraphQL SDL (docs/schema.graphql is this, checked by a test) or OpenAPI."""
    settings = _settings(args)
    if args.format == "graphql":
        from api.schema import build_schema

        sys.stdout.write(build_schema(settings).as_str() + "\n")
    else:
        from api.app import create_app

        _json(create_app(settings).openapi(), sys.stdout)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from api.app import serve

    settings = _settings(args)
    if not settings.writes_enabled():
        print("PAPERGRAPH_API_KEY is not set: write endpoints are off", file=sys.stderr)
    serve(settings)
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    """Fold the search index's vector log into one snapshot; safe while a server or an import runs."""
    done = _with_service(args, lambda service: service.compact_index())
    if args.format == "json":
        _json(done.to_json(), sys.stdout)
    elif done.compacted:
        print(f"compacted the vector index: {done.files_before} files, {done.bytes_before / 1e6:.1f} MB -> "
              f"{done.files_after} files, {done.bytes_after / 1e6:.1f} MB ({done.records_folded} log records "
              f"folded in {done.seconds:.2f} s)")
    else:
        print(f"the vector index is already compact: {done.files_after} files, {done.bytes_after / 1e6:.1f} MB")
    return 0


def _export_graph(args: argparse.Namespace) -> int:
    from graph.formats import neo4j_admin_command, write_graph

    if args.format == "csv" and not args.out:
        print("error: --format csv writes a folder of files: give --out FOLDER", file=sys.stderr)
        return 2
    graph = _with_service(args, lambda service: service.property_graph())
    written = write_graph(graph, args.format, args.out, sys.stdout)
    if args.out:
        print(f"wrote {len(graph.nodes)} nodes and {len(graph.rels)} relationships as {args.format} to "
              f"{args.out}", file=sys.stderr)
    if args.format == "csv":
        print("load into an empty Neo4j database (stopped) with:\n" + neo4j_admin_command(written),
              file=sys.stderr)
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    from graph.sparql import format_answer

    answer = _with_service(args, lambda service: service.sparql(args.query))
    print(format_answer(answer, args.format), end="" if args.format == "csv" else "\n")
    return 0


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", choices=("memory", "neo4j"), help="graph backend (PAPERGRAPH_STORE)")
    parser.add_argument("--data-dir", type=Path, help="data directory (PAPERGRAPH_DATA_DIR, default ./data)")
    _ontology_option(parser)


def _ontology_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ontology-dir", type=Path,
                        help="folder of your own Turtle additions (PAPERGRAPH_ONTOLOGY_DIR, "
                             "default <data dir>/ontology)")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    for name in ("category", "technique", "institution", "model", "hardware", "metric", "report"):
        parser.add_argument(f"--{name}", action="append", default=[], metavar="ID",
                            help=f"only papers with this {name} id (repeatable: any of)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="papergraph", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("extract", help="extract reports to interchange JSON (no store)")
    p.add_argument("reports", nargs="+", metavar="REPORT")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.add_argument("--data-dir", type=Path, help="data directory, for its ontology folder")
    _ontology_option(p)
    p.set_defaults(run=cmd_extract)

    p = commands.add_parser("import", help="import reports (Markdown or interchange JSON) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or glob patterns")
    _store_options(p)
    p.add_argument("--if-empty", action="store_true", help="import only when the store holds no papers")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=cmd_import)

    p = commands.add_parser("stats", help="node and relationship counts")
    _store_options(p)
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(run=cmd_stats)

    p = commands.add_parser("search", help="search papers in English or Chinese")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=10, help="number of hits (default 10)")
    p.add_argument("--mode", choices=("hybrid", "vector", "lexical"), default="hybrid")
    p.add_argument("--format", choices=("json", "text"), default="text")
    _filter_options(p)
    _store_options(p)
    p.set_defaults(run=cmd_search)

    p = commands.add_parser("review", help="unresolved institutions, models and hardware, most papers first")
    p.add_argument("--format", choices=("json", "text"), default="text")
    _store_options(p)
    p.set_defaults(run=cmd_review)

    p = commands.add_parser("export", help="the whole graph: interchange JSON (re-importable), RDF, GraphML "
                                           "or neo4j-admin CSV")
    p.add_argument("--format", choices=("json", "ttl", "jsonld", "graphml", "csv"), default="json")
    p.add_argument("--out", type=Path, help="file to write (default: stdout); for csv the folder to write")
    _store_options(p)
    p.set_defaults(run=cmd_export)

    p = commands.add_parser("trends", help="papers per dated report for the top entities of a dimension")
    p.add_argument("--by", choices=("category", "technique", "institution", "model", "hardware"), default="category")
    p.add_argument("--top", type=int, default=10, help="number of series (default 10)")
    p.add_argument("--category", metavar="ID", help="only papers (and techniques) under this category")
    p.add_argument("--sort", choices=("papers", "rising", "new"), default="papers")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _store_options(p)
    p.set_defaults(run=cmd_trends)

    p = commands.add_parser("leaderboard", help="the best claims of a metric, among comparable units")
    p.add_argument("--metric", required=True, help="e.g. speedup, latency, memory, throughput")
    for name in ("category", "technique", "hardware", "model"):
        p.add_argument(f"--{name}", metavar="ID", help=f"only claims with this {name} id")
    p.add_argument("--unit", help="rank the group of this unit (e.g. ms ranks every time unit)")
    p.add_argument("--direction", choices=("increase", "decrease", "level"))
    p.add_argument("-k", type=int, default=20, help="number of rows (default 20)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _store_options(p)
    p.set_defaults(run=cmd_leaderboard)

    p = commands.add_parser("compare", help="papers side by side, one column per paper")
    p.add_argument("ids", nargs="+", metavar="PAPER_ID")
    p.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")
    _store_options(p)
    p.set_defaults(run=cmd_compare)

    p = commands.add_parser("schema", help="print the GraphQL SDL or the OpenAPI document the server serves")
    p.add_argument("--format", choices=("graphql", "openapi"), default="graphql")
    p.set_defaults(run=cmd_schema)

    p = commands.add_parser("serve", help="serve GraphQL (/graphql) and REST (/api) with uvicorn")
    p.add_argument("--host", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    _store_options(p)
    p.set_defaults(run=cmd_serve)

    p = commands.add_parser("compact", help="fold the search index's vector log into one snapshot (safe while "
                                            "serving)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--data-dir", type=Path, help="data directory (PAPERGRAPH_DATA_DIR, default ./data)")
    p.set_defaults(run=cmd_compact)

    p = commands.add_parser("sparql", help="a read-only SPARQL query (SELECT or ASK) over the graph's RDF")
    p.add_argument("query")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    _store_options(p)
    p.set_defaults(run=cmd_sparql)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ValidationError as exc:
        print(f"error: invalid setting: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}", file=sys.stderr)
    except (ServiceError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
