"""Loads the Turtle files of this folder, then the user's own, into one rdflib graph, once per process.

The compiled lookup tables (techniques, metrics, hardware, models, institutions) are built from this
graph by `ontology/load.py` and its siblings; everything that extracts or resolves reads those tables,
never the files. Each table is cached with `ontology_cache`, so that `use_user_ontology` can point the
ontology at a curator's folder of additions (`Settings.ontology_dir`) and have every table rebuilt.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

ONTOLOGY_DIR = Path(__file__).resolve().parent

PG = Namespace("https://papergraph.dev/ontology#")  # schema: classes and properties
TECH = Namespace("https://papergraph.dev/technique/")  # SKOS technique concepts
METRIC = Namespace("https://papergraph.dev/metric/")
HW = Namespace("https://papergraph.dev/hardware/")
ORG = Namespace("https://papergraph.dev/institution/")
MODEL = Namespace("https://papergraph.dev/model/")
PLACE = Namespace("https://papergraph.dev/place/")

PREFIXES: tuple[tuple[str, Namespace], ...] = (
    ("pg", PG), ("tech", TECH), ("metric", METRIC), ("hw", HW), ("org", ORG), ("model", MODEL), ("place", PLACE),
    ("skos", Namespace(str(SKOS))), ("rdf", Namespace(str(RDF))), ("rdfs", Namespace(str(RDFS))),
    ("owl", Namespace(str(OWL))), ("xsd", Namespace(str(XSD))),
)
# Declared in front of a user file's first line (on that line, so line numbers hold): a curator may use
# the ontology's prefixes without declaring them, and may still declare them.
_USER_PRELUDE = "".join(f"@prefix {prefix}: <{ns}> . " for prefix, ns in PREFIXES)
# Modules whose tables are built from the graph; imported before a new user folder is checked.
_TABLE_MODULES = ("ontology.load", "ontology.institutions", "ontology.metrics")

F = TypeVar("F", bound=Callable[[], object])
T = TypeVar("T", bound=Callable[[str], object])
_text_caches: list[Callable[[str], object]] = []
_caches: list[Callable[[], object]] = []
_user_files: tuple[Path, ...] = ()
_user_state: tuple[tuple[str, int, int], ...] = ()  # (path, mtime, size) of each user file loaded


class OntologyFileError(ValueError):
    """A user ontology file cannot be used: `path`, `line` (None when not known) and why."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def text_cache(maxsize: int) -> Callable[[T], T]:
    """Cache a function of one text whose answer depends on the ontology (a few recent texts: the
    extractors of one paper read the same clauses several times), dropped when the user folder changes."""
    def wrap(read: T) -> T:
        cached = lru_cache(maxsize=maxsize)(read)
        _text_caches.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def ontology_cache(build: F) -> F:
    """Cache a zero-argument table built from `ontology_graph()` until the user folder changes."""
    cached = lru_cache(maxsize=1)(build)
    _caches.append(cached)
    return cached  # type: ignore[return-value]


def _parse_user_file(graph: Graph, path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OntologyFileError(path, None, f"cannot read: {exc}") from exc
    try:
        graph.parse(data=_USER_PRELUDE + text, format="turtle")
    except BadSyntax as exc:
        raise OntologyFileError(path, exc.lines + 1, f"bad Turtle: {exc._why}") from exc
    except ValueError as exc:  # rdflib's other parse failures (a malformed IRI or literal)
        raise OntologyFileError(path, None, f"bad Turtle: {exc}") from exc


@ontology_cache
def ontology_graph() -> Graph:
    """All `*.ttl` files of the ontology folder, then the user's (cached; treat as read-only)."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    for path in _user_files:
        _parse_user_file(graph, path)
    for prefix, ns in PREFIXES[:7]:
        graph.bind(prefix, ns)
    return graph


def user_ontology_files() -> tuple[Path, ...]:
    """The user files the ontology is loaded with now (empty: the shipped files only)."""
    return _user_files


def _state(files: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    stats = [(path, path.stat()) for path in files]
    return tuple((str(path), st.st_mtime_ns, st.st_size) for path, st in stats)


def _switch(files: tuple[Path, ...], state: tuple[tuple[str, int, int], ...]) -> None:
    global _user_files, _user_state
    _user_files, _user_state = files, state
    for cached in (*_caches, *_text_caches):
        cached.cache_clear()  # type: ignore[attr-defined]


def use_user_ontology(folder: Path | None) -> bool:
    """Load `folder/*.ttl` (sorted) after the shipped files from now on; None or a missing folder:
    the shipped files only. Returns whether the ontology changed.

    Call it once at start-up (the service does). Calling it again with the same folder and unchanged
    files does nothing; otherwise every table built with `ontology_cache` is dropped and the new ones
    are built at once, so a bad addition fails here, with OntologyFileError naming the file (and the
    line, for a syntax error), rather than half-way through an import. On that error the ontology
    stays as it was."""
    files = tuple(sorted(p for p in folder.glob("*.ttl") if p.is_file())) if folder and folder.is_dir() else ()
    state = _state(files)
    if state == _user_state:
        return False
    for path in files:  # syntax first, one file at a time, so the error names its file
        _parse_user_file(Graph(), path)
    previous = (_user_files, _user_state)
    _switch(files, state)
    if files:
        for module in _TABLE_MODULES:
            importlib.import_module(module)  # registers its tables, so they are checked below
        try:
            for cached in _caches:
                cached()
        except ValueError as exc:  # a table refused the additions (a label claimed twice, ...)
            _switch(*previous)
            where = files[0] if len(files) == 1 else folder
            raise OntologyFileError(where, None, str(exc)) from exc
    return True
