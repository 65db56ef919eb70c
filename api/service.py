"""The one object the CLI, the REST routes and the GraphQL resolvers call.

It owns the store and the search index and keeps them consistent: every import goes
extract (pure) -> store.upsert_all (one transaction per file) -> index.apply, and at start the index is rebuilt from the
store when it does not hold the same papers. Nothing here or above knows which store backend runs.
The store and the index open lazily, so `papergraph stats` never loads the embedding model.
"""

from __future__ import annotations

import glob
import json
import logging
import secrets
import sys
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api import analytics, browse
from api.review import ReviewItem, unresolved_entities
from api.settings import Settings
from graph.model import (
    ImportBatch,
    ImportSummary,
    Paper,
    ParseWarning,
    ReportInfo,
    SourceRef,
)
from graph.projection import PAPER_RELATIONS, assemble_paper
from graph.search import SEARCH_MODES
from graph.store import GraphStore, Node, PaperFilter, StoreError, StoreUnavailable, Subgraph

if TYPE_CHECKING:
    from graph.projection import GraphProjection
    from graph.search import SearchIndex
    from graph.sparql import SparqlAnswer, SparqlRunner
    from graph.vector_files import Compaction

REPORT_SUFFIXES = (".md", ".markdown", ".json")
MAX_NEIGHBOURHOOD_DEPTH = 3


class ServiceError(Exception):
    """A request the service cannot answer; the message is safe to show to the user."""


class NotFound(ServiceError):
    pass


class InvalidRequest(ServiceError):
    pass


class IndexBusy(ServiceError):
    """Another thread or process held the search index's files for longer than we would wait."""


class OntologyError(ServiceError):
    """The user's ontology folder holds a file that cannot be used; the message names it."""


def load_user_ontology(settings: Settings) -> bool:
    """Point the process's ontology at the user's folder of additions (`Settings.user_ontology_dir`);
    True when that changed it. Nothing happens when the folder and its files are as last loaded."""
    from ontology.graph import OntologyFileError, use_user_ontology

    try:
        return use_user_ontology(settings.user_ontology_dir())
    except OntologyFileError as exc:
        raise OntologyError(f"user ontology: {exc}") from exc


@dataclass(frozen=True)
class FileResult:
    """The outcome of importing one file: summaries of what changed, or the error that stopped it."""

    path: str
    reports: tuple[str, ...] = ()
    papers: int = 0
    summaries: tuple[ImportSummary, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    # "file:line: reason". A file that fails, to parse or to be stored, changes nothing: all the reports of
    # one file (an interchange file may hold several) are written in one store transaction.
    error: str | None = None
    internal: bool = False  # the failure is a fault of papergraph (logged with `error`'s reference)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class SearchResult:
    paper: Node
    score: float
    match: str
    vector_rank: int | None = None
    lexical_rank: int | None = None


@dataclass
class ImportTotals:
    """Created / merged / unchanged / removed node counts summed over many files, per label."""

    created: dict[str, int] = field(default_factory=dict)
    merged: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> ImportTotals:
        totals = cls()
        for result in results:
            for summary in result.summaries:
                for name in ("created", "merged", "unchanged", "removed"):
                    target = getattr(totals, name)
                    for label, n in getattr(summary, name).items():
                        target[label] = target.get(label, 0) + n
        return totals


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files as given, directories as their report files (sorted), globs expanded.

    A path that matches nothing is yielded as the original string so the caller can report it.
    """
    for raw in paths:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in REPORT_SUFFIXES)
        elif path.is_file():
            yield path
        elif glob.has_magic(text):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())
            yield from matches if matches else [text]
        else:
            yield text


def batches_from_file(path: Path) -> list[ImportBatch]:
    """Read one Markdown report or one interchange JSON file; raise ReportFormatError on bad input."""
    if path.suffix == ".json":
        return batches_from_json(path.read_bytes(), str(path))
    from ingest.pipeline import extract_report

    return [extract_report(path)]


def batches_from_json(data: bytes, source: str) -> list[ImportBatch]:
    from ingest.interchange import load_batches
    from ingest.report import ReportFormatError

    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise ReportFormatError(source, line, f"not interchange JSON: {exc}") from exc
    try:
        return load_batches(doc)
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportFormatError(source, 1, f"not interchange JSON: {exc}") from exc


def _failed(path: str, exc: Exception) -> FileResult:
    """A file that could not be read: a ReportFormatError (or JSON/decoding error) says where and why;
    anything else is a fault of ours, logged with its traceback under a reference the answer carries
    instead of the exception's text."""
    from ingest.report import ReportFormatError

    if isinstance(exc, (ReportFormatError, UnicodeDecodeError, ValueError)):
        return FileResult(path=path, error=format_error(exc, path))
    reference = secrets.token_hex(4)
    logging.getLogger(__name__).error("import of %s failed: internal error %s", path, reference, exc_info=exc)
    return FileResult(path=path, error=f"{path}: internal error (reference {reference})", internal=True)


def _read_file(item: Path | str) -> list[ImportBatch] | FileResult:
    """A file's batches, or the FileResult that reports why it cannot be imported."""
    if isinstance(item, str):
        return FileResult(path=item, error=f"{item}: no such file or directory")
    try:
        return batches_from_file(item)
    except OSError as exc:
        return FileResult(path=str(item), error=f"{item}: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - ReportFormatError and any extractor bug alike
        return _failed(str(item), exc)


_EMBED_AHEAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-ahead")


def format_error(exc: Exception, path: str) -> str:
    """`file:line: reason` for format errors, `file: reason` for anything else."""
    line = getattr(exc, "line", None)
    reason = getattr(exc, "reason", None) or str(exc)
    return f"{path}:{line}: {reason}" if line is not None else f"{path}: {reason}"


class PapergraphService:
    def __init__(self, settings: Settings | None = None, store: GraphStore | None = None,
                 index: SearchIndex | None = None) -> None:
        self.settings = settings or Settings()
        load_user_ontology(self.settings)
        self._store = store
        self._index = index
        self._index_checked = False
        # Requests run in worker threads. One import at a time (store then index, in order), and the
        # index is never searched while an import or a rebuild is changing it.
        self._open_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._index_lock = threading.RLock()
        # Imports this service has applied: the SPARQL graph, built from the store, is rebuilt after one.
        self.store_writes = 0
        self._sparql: tuple[int, SparqlRunner] | None = None
        self._sparql_lock = threading.Lock()

    # --- the two resources, opened on first use -------------------------------------------------
    @property
    def store(self) -> GraphStore:
        with self._open_lock:
            if self._store is None:
                from graph.open_store import open_store

                kwargs = self.settings.neo4j_settings() if self.settings.store == "neo4j" else {}
                self._store = open_store(self.settings.store, Path(self.settings.data_dir),
                                         writer_wait_s=self.settings.writer_wait_s, **kwargs)
            return self._store

    @property
    def index(self) -> SearchIndex:
        with self._index_lock:
            if self._index is None:
                from graph.embedding import open_embedder
                from graph.search import SearchIndex

                embedder = open_embedder(self.settings.embedding_backend, self.settings.model_cache_dir)
                self._index = SearchIndex(Path(self.settings.data_dir) / "search", embedder=embedder,
                                          query_cache_size=self.settings.query_cache_size)
            if not self._index_checked:
                self._index_checked = True
                self.sync_index()
            return self._index

    def sync_index(self) -> bool:
        """Rebuild the index from the store when they hold different paper ids; True if it rebuilt.

        Ids, not counts: a process killed between the store's commit and the index's could leave a
        corrected report with as many papers as before in the store and the old ones in the index."""
        in_store = self.store.paper_ids(PaperFilter())  # read before the lock searches also take
        with self._index_lock:
            index = self._index if self._index is not None else self.index
            if index.paper_ids() == in_store:
                return False
            index.rebuild(self.store.export())
            return True

    def refresh(self) -> bool:
        """Catch up with commits other processes made: `papergraph import` while this one serves (the
        embedded store reloads its graph), or another server on the same Neo4j (which no store can
        announce cheaply, so the index compares its paper ids with the graph's every round). The index
        then follows the graph. True when anything changed."""
        if self._store is None:
            return False
        changed = self._store.refresh()
        if self._index is None or not (changed or self._store.data_version() is None):
            return changed
        return self.sync_index() or changed

    def warm_up(self) -> None:
        """Open the index and run its embedding model once (the server calls this in the background)."""
        self.index.warm_up()

    def close(self) -> None:
        """Close the index (saving its lexical overlay) and the store; either reopens on next use."""
        with self._index_lock:
            if self._index is not None:
                self._index.close()
                self._index = None
                self._index_checked = False
        with self._open_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # --- writes ---------------------------------------------------------------------------------
    def import_paths(self, paths: Iterable[str | Path], progress: bool = True) -> list[FileResult]:
        """Import every report file found; a failing file is reported and the others still imported.

        A pipeline: the next file is read and extracted on a worker thread while this one is stored
        and indexed (and its texts embedded while the store writes, see `_apply_locked`). The progress
        bar counts papers; its total is estimated from the files read so far."""
        from tqdm import tqdm

        files = list(expand_paths(paths))
        results = []
        bar = tqdm(total=0, desc="importing", unit="paper", file=sys.stderr,
                   disable=not progress or len(files) < 2)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="extraction") as extraction:
            ahead = [extraction.submit(_read_file, item) for item in files[:1]]
            for number, item in enumerate(files, start=1):
                read = ahead.pop(0).result()
                if number < len(files):
                    ahead.append(extraction.submit(_read_file, files[number]))
                results.append(read if isinstance(read, FileResult) else self._apply(str(item), read))
                bar.update(results[-1].papers)
                bar.total = round(bar.n * len(files) / number)
                bar.refresh()
        bar.close()
        return results

    def import_upload(self, filename: str, data: bytes) -> FileResult:
        """Import an uploaded report; the file name (not its directory) and its 生成时间 date fix the report id."""
        name = Path(filename.replace("\\", "/")).name
        if not name or Path(name).suffix not in REPORT_SUFFIXES:
            raise InvalidRequest(f"file name must end in one of {', '.join(REPORT_SUFFIXES)}: {filename!r}")
        try:
            if name.endswith(".json"):
                batches = batches_from_json(data, name)
            else:
                from ingest.pipeline import extract_text
                from ingest.report import decode_report

                batches = [extract_text(decode_report(data, name), name)]
        except Exception as exc:  # noqa: BLE001 - any extraction failure leaves the store unchanged
            return _failed(name, exc)
        return self._apply(name, batches)

    def _apply(self, path: str, batches: list[ImportBatch]) -> FileResult:
        with self._write_lock:
            return self._apply_locked(path, batches)

    def _apply_locked(self, path: str, batches: list[ImportBatch]) -> FileResult:
        # Open (and sync) the index before the store changes: opened after, it would count the new
        # papers as missing from the index and rebuild it from a full store export on every import.
        index = self.index
        # The model embeds the new texts (into the index's cache, GIL released) while the store writes.
        embedding = _EMBED_AHEAD.submit(index.embed_ahead, [p for b in batches for p in b.papers])
        try:
            summaries = self.store.upsert_all(batches)
        except StoreUnavailable:
            raise  # the caller says "store unavailable" its own way (REST 503), never the host or driver
        except StoreError as exc:
            return FileResult(path=path, error=f"{path}: {exc}")
        finally:
            wait([embedding])  # a failure there is met again, and handled, by the index's own apply
        self.store_writes += 1
        warnings: list[ParseWarning] = []
        for batch in batches:
            self._index_batch(batch)
            warnings.extend(batch.warnings)
            warnings.extend(w for paper in batch.papers for w in paper.warnings)
        return FileResult(
            path=path,
            reports=tuple(b.report.id for b in batches),
            papers=sum(len(b.papers) for b in batches),
            summaries=tuple(summaries),
            warnings=tuple(warnings),
        )

    def _index_batch(self, batch: ImportBatch) -> None:
        """The store is the truth: if indexing fails after the store committed, rebuild from the store."""
        with self._index_lock:
            try:
                self.index.apply(batch)
            except Exception:
                logging.getLogger(__name__).exception("indexing %s failed; rebuilding from the store",
                                                      batch.report.id)
                self.index.rebuild(self.store.export())

    def compact_index(self) -> Compaction:
        """Fold the search index's vector log into one snapshot (`papergraph compact`, POST
        /api/admin/compact). A serving process saves its index first and keeps answering searches and
        imports meanwhile; a process that has not opened the index compacts its files without loading
        the model or the store. Raises ServiceError when another compaction holds the files too long."""
        from graph.vector_files import VectorFiles
        from graph.write_lock import WriterBusy

        with self._index_lock:
            index = self._index
        try:
            if index is not None:
                return index.compact()
            return VectorFiles(Path(self.settings.data_dir) / "search", self.settings.writer_wait_s).compact()
        except WriterBusy as exc:
            raise IndexBusy(str(exc)) from exc

    # --- reads ----------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        nodes = self.store.counts()["nodes"]
        return not nodes.get("Paper", 0) and not nodes.get("Report", 0)

    def health(self) -> dict[str, Any]:
        """What /healthz says: the store answers (one count of Paper nodes, from Neo4j's count store) and
        how many papers the search index holds (None before it is opened), and whether they agree."""
        papers = self.store.count_nodes("Paper")
        indexed = self._index.paper_count() if self._index is not None else None
        return {"status": "ok", "papers": papers,
                "index": {"papers": indexed, "in_step": indexed is None or indexed == papers}}

    def stats(self) -> dict[str, dict[str, int]]:
        return self.store.counts()

    def review(self) -> list[ReviewItem]:
        """The unresolved institutions, models and hardware that papers name, most papers first (then
        by name): what a curator may add to the user ontology (see README, "A registry that grows")."""
        return unresolved_entities(self.store)

    # --- across reports (api/analytics.py) -----------------------------------------------------------
    def trends(self, by: str, top: int = 10, category: str | None = None, sort: str = "papers") -> analytics.Trends:
        """Papers per dated report for the top entities of a dimension (see graph/trends.py)."""
        self._check_range("top", top, self.settings.analytics_max_rows)
        return self._analytics(analytics.trends, self.store, by, top, category, sort)

    def first_seen(self, by: str) -> dict[str, str | None]:
        """Entity id -> date of the first report that named it, for one trend dimension."""
        return self._analytics(analytics.first_seen_dates, self.store, by)

    def leaderboard(self, metric: str, k: int = 20, **filters: str | None) -> analytics.Leaderboard:
        """The best claims of a metric among comparable units (see graph/leaderboard.py)."""
        self._check_range("k", k, self.settings.analytics_max_rows)
        return self._analytics(analytics.leaderboard, self.store, metric, k=k, **filters)

    def compare(self, ids: list[str], *, all_found: bool = True) -> analytics.Comparison:
        """Papers side by side; with `all_found`, NotFound names the ids that are not papers (else they
        are listed in the result's `missing`)."""
        result = self._analytics(analytics.compare, self.store, ids)
        if all_found and result.missing:
            raise NotFound(f"no paper with id {', '.join(repr(i) for i in result.missing)}")
        return result

    # --- nodes and neighbourhoods, for the web explorer (api/browse.py) ------------------------------
    def entity(self, node_id: str, limit: int = 50, offset: int = 0) -> browse.Entity:
        """An institution, technique, model, hardware, metric, evidence or report with its related nodes
        and a page of its papers."""
        self._check_range("limit", limit, self.settings.page_max)
        if offset < 0:
            raise InvalidRequest(f"offset must not be negative, not {offset}")
        found = browse.entity(self.store, node_id, limit, offset)
        if found is None:
            raise NotFound(f"no institution, technique, model, hardware, metric, evidence or report with id "
                           f"{node_id!r}")
        return found

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 50) -> Subgraph:
        """The nodes within `depth` hops of a node (at most `limit`, the node first) and their
        relationships."""
        self._check_range("depth", depth, MAX_NEIGHBOURHOOD_DEPTH)
        self._check_range("limit", limit, self.settings.page_max)
        graph = browse.neighbourhood(self.store, node_id, depth, limit)
        if graph is None:
            raise NotFound(f"no node with id {node_id!r}")
        return graph

    def overview(self) -> browse.Overview:
        """Node counts and the technique categories with their numbers of papers."""
        return browse.overview(self.store)

    @staticmethod
    def _check_range(name: str, value: int, cap: int) -> None:
        if not 1 <= value <= cap:
            raise InvalidRequest(f"{name} must be between 1 and {cap}, not {value}")

    @staticmethod
    def _analytics(call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except analytics.AnalyticsError as exc:
            raise InvalidRequest(str(exc)) from exc

    def export(self) -> dict[str, Any]:
        """The whole graph in the interchange format (re-importable with `import_paths`)."""
        from ingest.interchange import dump_batches

        return dump_batches(self.store.export())

    def paper(self, paper_id: str) -> Node:
        node = self.store.get("Paper", [paper_id])[0]
        if node is None:
            raise NotFound(f"no paper with id {paper_id!r}")
        return node

    def paper_document(self, paper_id: str) -> dict[str, Any]:
        """One paper in the interchange shape, with its entities and evidence (GET /api/papers/{id})."""
        from ingest.interchange import dump_batches

        node = self.paper(paper_id)
        related = {
            (rel, direction): self.store.related([paper_id], rel, direction).get(paper_id, [])
            for rel, direction in (("AUTHORED", "in"), ("USES", "out"), ("EVALUATES", "out"),
                                   ("RUNS_ON", "out"), ("REPORTS", "out"), ("FROM_REPORT", "out"))
        }
        paper = paper_from_nodes(node, related)
        report = related[("FROM_REPORT", "out")]
        info = ReportInfo(id=report[0]["id"] if report else "", title="", source="")
        return dump_batches([ImportBatch(report=info, papers=(paper,))])["papers"][0]

    def query_expansions(self, query: str) -> list[str]:
        """The labels search adds to a query (推测解码 adds "speculative decoding"), for marking hits."""
        with self._index_lock:
            return self.index.expansions(query.strip())

    def search(self, query: str, k: int = 10, paper_filter: PaperFilter | None = None,
               mode: str = "hybrid") -> list[SearchResult]:
        """Ranked papers for a query; the filter is applied before the ranking is cut to k."""
        query = query.strip()
        if not query:
            raise InvalidRequest("the query is empty")
        self._check_k(k)
        if mode not in SEARCH_MODES:
            raise InvalidRequest(f"mode must be one of {', '.join(SEARCH_MODES)}, not {mode!r}")
        allowed = None
        if paper_filter is not None and not paper_filter.is_empty():
            allowed = self.store.paper_ids(paper_filter)
            if not allowed:
                return []
        with self._index_lock:
            hits = self.index.search(query, k, allowed, mode)
        return self._resolve(hits)

    def similar(self, paper_id: str, k: int = 10) -> list[SearchResult]:
        self._check_k(k)
        self.paper(paper_id)
        with self._index_lock:
            try:
                hits = self.index.similar(paper_id, k, None)
            except KeyError as exc:  # in the store but not (yet) in the index
                raise NotFound(f"paper {paper_id!r} is not in the search index yet") from exc
        return self._resolve(hits)

    def _check_k(self, k: int) -> None:
        if not 1 <= k <= self.settings.search_max_k:
            raise InvalidRequest(f"k must be between 1 and {self.settings.search_max_k}, not {k}")

    def _resolve(self, hits: list[Any]) -> list[SearchResult]:
        papers = self.store.get("Paper", [hit.paper_id for hit in hits])
        return [
            SearchResult(paper, float(hit.score), hit.match or "", hit.vector_rank, hit.lexical_rank)
            for hit, paper in zip(hits, papers, strict=True)
            if paper is not None
        ]

    # --- standard formats and SPARQL --------------------------------------------------------------
    def property_graph(self) -> GraphProjection:
        """The store's nodes and relationships merged over its reports: what GraphML, the neo4j-admin
        CSV files and RDF are written from (`graph/formats.py`, `graph/rdf.py`)."""
        from graph.formats import cyclic_gc_paused, property_graph

        with cyclic_gc_paused():
            return property_graph(self.store.export())

    def sparql(self, query: str) -> SparqlAnswer:
        """Answer a read-only SPARQL SELECT or ASK over the graph's RDF plus the ontology's triples.
        Raises InvalidRequest for a refused query (too long, an update, past its time limit...) and
        `graph.sparql.SparqlBusy` when every query slot is taken."""
        from graph.sparql import SparqlBusy, SparqlError

        if len(query.encode("utf-8")) > self.settings.sparql_max_query_bytes:
            raise InvalidRequest(f"the query is longer than {self.settings.sparql_max_query_bytes} bytes")
        try:
            return self._sparql_runner().run(query)
        except SparqlBusy:
            raise
        except SparqlError as exc:
            raise InvalidRequest(str(exc)) from exc

    def _sparql_runner(self) -> SparqlRunner:
        """The runner over the cached RDF graph, rebuilt from the store when an import has changed it
        since (`store_writes`, and the store's `data_version` where it has one). Writes made by other processes (another `papergraph import` on the same
        Neo4j database) are not seen until this service imports or restarts."""
        from graph.formats import cyclic_gc_paused
        from graph.rdf import EXPORT_PREFIXES, rdf_triples, sparql_graph
        from graph.sparql import SparqlRunner

        with self._sparql_lock:
            writes = (self.store_writes, self.store.data_version())
            if self._sparql is None or self._sparql[0] != writes:
                with cyclic_gc_paused():
                    graph = sparql_graph(rdf_triples(self.property_graph()))
                runner = SparqlRunner(graph, timeout_s=self.settings.sparql_timeout_s,
                                      max_rows=self.settings.sparql_max_rows,
                                      namespaces=dict(EXPORT_PREFIXES))
                self._sparql = (writes, runner)
            return self._sparql[1]


def paper_from_nodes(node: Node, related: dict[tuple[str, str], list[Node]]) -> Paper:
    """Rebuild the domain Paper from its node and its neighbours (keyed by (relationship, direction))."""
    sources = tuple(SourceRef(s["report"], int(s["index"]), int(s["line"])) for s in node.get("sources", ()))
    neighbours = {rel_type: [(n["id"], n) for n in related.get((rel_type, direction), [])]
                  for rel_type, direction in PAPER_RELATIONS.items()}
    return assemble_paper(node["id"], node, sources, neighbours)
