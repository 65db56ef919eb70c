"""Read-only SPARQL over the graph's RDF (`graph/rdf.py`), with a hard time limit.

Why a forked child process: rdflib evaluates a query in pure Python and offers no way to stop it.
A worker thread that checks a deadline between result rows cannot stop an ORDER BY, an aggregate or
a join that computes for minutes before yielding its first row, and the abandoned thread would go on
burning one of the machine's cores. So each query runs in a child forked from the process holding
the cached graph (fork shares the graph's memory copy-on-write, nothing is pickled or rebuilt); the
parent waits on a pipe until the deadline and kills the child if it has not answered. Parsing runs in
the child too, so a pathological query text is bounded by the same deadline. The cost is one fork per
query (milliseconds) and POSIX only. The child also refuses to open network connections (an audit hook), on top
of the checks that reject SERVICE and FROM clauses before evaluation.

What is refused, each as a `SparqlError` whose message can be shown as it is: updates (INSERT,
DELETE, LOAD, CLEAR, ... are not queries), CONSTRUCT and DESCRIBE (only SELECT and ASK are answered),
SERVICE and FROM/FROM NAMED (they would fetch other graphs), a query longer than the limit, a query
past its time limit and an answer of more rows than the limit.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

RESULT_FORMATS = ("json", "csv", "table")
JSON_MEDIA_TYPE = "application/sparql-results+json"
_BLOCKED_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "urllib.Request", "socket.bind"})


class SparqlError(Exception):
    """A query that is not answered; the message says why and is safe to show."""


class SparqlTimeout(SparqlError):
    pass


class SparqlBusy(SparqlError):
    """Every query slot is taken; try again."""


@dataclass(frozen=True)
class SparqlAnswer:
    """The answer of a SELECT (`variables`, `rows`) or an ASK (`boolean`)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None


def prepare_query(text: str, namespaces: dict[str, str] | None = None) -> Query:
    """Parse and check a query; raise SparqlError for anything but a self-contained SELECT or ASK.
    `namespaces` are prefixes the query may use without declaring them."""
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # noqa: BLE001 - pyparsing and rdflib raise several kinds on bad text
        if _is_update(text):
            raise SparqlError("updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...) are not allowed: "
                              "this SPARQL endpoint is read-only") from None
        raise SparqlError(f"not a SPARQL query: {_first_line(exc)}") from None
    try:
        query = translateQuery(parsed, initNs=namespaces or {})
    except Exception as exc:  # noqa: BLE001 - e.g. an undeclared prefix
        raise SparqlError(f"bad SPARQL query: {_first_line(exc)}") from None
    if query.algebra.name not in ("SelectQuery", "AskQuery"):
        raise SparqlError("only SELECT and ASK queries are answered, not CONSTRUCT or DESCRIBE")
    if query.algebra.get("datasetClause"):
        raise SparqlError("FROM and FROM NAMED are not allowed: queries run over this graph only")
    if "ServiceGraphPattern" in _algebra_names(query.algebra):
        raise SparqlError("SERVICE is not allowed: queries run over this graph only")
    return query


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - not an update either
        return False
    return True


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def _algebra_names(node: Any, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if isinstance(node, CompValue):
        seen.add(node.name)
        for value in node.values():
            _algebra_names(value, seen)
    elif isinstance(node, list | tuple):
        for value in node:
            _algebra_names(value, seen)
    return seen


def evaluate(graph: Graph, text: str, max_rows: int | None,
             namespaces: dict[str, str] | None = None) -> SparqlAnswer:
    """Answer a query in this process, with no time limit (`SparqlRunner` adds one). An answer of
    more than `max_rows` rows is refused rather than cut, so no one mistakes a part for the whole."""
    query = prepare_query(text, namespaces)
    try:
        result = graph.query(query)
        if result.type == "ASK":
            return SparqlAnswer(boolean=bool(result.askAnswer))
        variables = tuple(str(v) for v in result.vars or ())
        rows = []
        for row in result:
            if max_rows is not None and len(rows) >= max_rows:
                raise SparqlError(f"the answer has more than {max_rows} rows; add a LIMIT")
            rows.append(tuple(row))
    except SparqlError:
        raise
    except Exception as exc:  # noqa: BLE001 - an evaluation error of the user's query, not ours
        raise SparqlError(f"query failed: {_first_line(exc)}") from None
    return SparqlAnswer(variables, tuple(rows))


def _block_network(event: str, args: tuple[Any, ...]) -> None:
    if event in _BLOCKED_EVENTS:
        raise PermissionError(f"no network access from a SPARQL query ({event})")


def _answer_in_child(graph: Graph, text: str, max_rows: int | None, namespaces: dict[str, str],
                     conn: Connection) -> None:
    sys.addaudithook(_block_network)
    try:
        outcome: tuple[str, Any] = ("ok", evaluate(graph, text, max_rows, namespaces))
    except SparqlError as exc:
        outcome = ("error", str(exc))
    except Exception as exc:  # noqa: BLE001 - the parent must always get an answer it can show
        outcome = ("error", f"query failed: {_first_line(exc)}")
    conn.send(outcome)
    conn.close()


class SparqlRunner:
    """Runs queries over one graph, each in a forked child with a deadline; at most `slots` at once
    (a query that finds no free slot within its time limit is refused with SparqlBusy)."""

    def __init__(self, graph: Graph, *, timeout_s: float, max_rows: int | None, slots: int = 2,
                 namespaces: dict[str, str] | None = None) -> None:
        self.graph = graph
        self.timeout_s = timeout_s
        self.max_rows = max_rows
        self.namespaces = namespaces or {}
        self._slots = threading.BoundedSemaphore(slots)

    def run(self, text: str) -> SparqlAnswer:
        if not self._slots.acquire(timeout=self.timeout_s):
            raise SparqlBusy("too many SPARQL queries are running; try again shortly")
        try:
            return self._run_in_child(text)
        finally:
            self._slots.release()

    def _run_in_child(self, text: str) -> SparqlAnswer:
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_answer_in_child, daemon=True,
                                args=(self.graph, text, self.max_rows, self.namespaces, sender))
        child.start()
        sender.close()
        try:
            if not receiver.poll(self.timeout_s):
                raise SparqlTimeout(f"the query ran past its time limit of {self.timeout_s:g} s")
            try:
                status, payload = receiver.recv()
            except EOFError:
                raise SparqlError("the query failed (its worker ended without an answer)") from None
        finally:
            receiver.close()
            if child.is_alive():
                child.kill()
            child.join()
        if status != "ok":
            raise SparqlError(payload)
        return payload


# ---- answers in the SPARQL result formats -------------------------------------------------------

def _term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def answer_json(answer: SparqlAnswer) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON."""
    if answer.boolean is not None:
        return {"head": {}, "boolean": answer.boolean}
    bindings = [{var: _term_json(term) for var, term in zip(answer.variables, row, strict=True)
                 if term is not None} for row in answer.rows]
    return {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}


def answer_csv(answer: SparqlAnswer) -> str:
    """SPARQL 1.1 Query Results CSV (values only; an ASK answers one `boolean` column)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if answer.boolean is not None:
        writer.writerows([["boolean"], ["true" if answer.boolean else "false"]])
        return out.getvalue()
    writer.writerow(answer.variables)
    writer.writerows(["" if term is None else str(term) for term in row] for row in answer.rows)
    return out.getvalue()


def answer_table(answer: SparqlAnswer, width: int = 60) -> str:
    """A plain text table for the terminal; cells longer than `width` are cut with "…"."""
    if answer.boolean is not None:
        return "true" if answer.boolean else "false"

    def cell(term: Node | None) -> str:
        text = "" if term is None else " ".join(str(term).split())
        return text if len(text) <= width else text[:width - 1] + "…"

    rows = [[cell(term) for term in row] for row in answer.rows]
    widths = [max([len(v), *(len(r[i]) for r in rows)]) for i, v in enumerate(answer.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(answer.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def format_answer(answer: SparqlAnswer, result_format: str) -> str:
    if result_format == "json":
        return json.dumps(answer_json(answer), ensure_ascii=False, indent=2)
    if result_format == "csv":
        return answer_csv(answer)
    if result_format == "table":
        return answer_table(answer)
    raise ValueError(f"result format must be one of {', '.join(RESULT_FORMATS)}")

