"""What an error looks like, declared once: the `{"error": ...}` body of every REST error with the
statuses each route can answer (so `/openapi.json` tells clients the truth), and the GraphQL error
codes (`extensions.code`) with the one classifier every GraphQL error passes through.
"""

from __future__ import annotations

import logging
import re
import secrets
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from pydantic import BaseModel, Field

log = logging.getLogger("papergraph.api")


class ErrorBody(BaseModel):
    """Every REST error: one human-readable sentence, never a stack trace or an internal host."""

    error: str = Field(examples=["no paper with id 'paper:0000000000000000'"])


_STATUS_TEXT: dict[int, tuple[str, str]] = {
    400: ("The request is well-formed but cannot be answered as asked", "k must be between 1 and 100, not 0"),
    401: ("Missing or wrong X-API-Key", "unauthorized: send a valid X-API-Key header"),
    403: ("Writes are off: the server has no PAPERGRAPH_API_KEY",
          "writes are disabled: the server has no PAPERGRAPH_API_KEY"),
    404: ("Nothing has this id", "no paper with id 'paper:0000000000000000'"),
    409: ("Another process held what this write needs for too long; try again",
          "data/search is being written by pid 4711 (papergraph compact) since 14:02:11; waited 30 s. ..."),
    413: ("The body is over the size limit", "report too large: the limit is 5242880 bytes"),
    422: ("A parameter or the body does not have the declared shape", "q: String should have at least 1 character"),
    500: ("An unexpected fault; it is logged, the answer says nothing more", "internal error"),
    503: ("The graph store cannot be reached", "the graph store is unavailable"),
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """FastAPI `responses=` for these statuses plus 500, each with the ErrorBody schema and an example."""
    return {status: {"model": ErrorBody, "description": _STATUS_TEXT[status][0],
                     "content": {"application/json": {"example": {"error": _STATUS_TEXT[status][1]}}}}
            for status in sorted({*statuses, 500})}


# -- GraphQL ----------------------------------------------------------------------------------------

BAD_USER_INPUT = "BAD_USER_INPUT"
NOT_FOUND = "NOT_FOUND"
UNAUTHENTICATED = "UNAUTHENTICATED"
FORBIDDEN = "FORBIDDEN"
COST_LIMIT = "COST_LIMIT"
TIMEOUT = "TIMEOUT"  # set by api/limits.py GraphQLTimeout
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
INTERNAL = "INTERNAL"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"

# What the limits say when they refuse a query: strawberry's depth and alias limiters, and graphql-core's
# token limit (raised as a syntax error, so it is looked for first).
_LIMIT_MESSAGE = re.compile(r"exceeds maximum operation depth|aliases found\. Allowed|contains more than \d+ tokens")


def bad_input(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": BAD_USER_INPUT})


def classify(error: GraphQLError) -> GraphQLError:
    """The same error with `extensions.code` set (kept when already set); an unexpected exception
    becomes "internal error (reference R)", logged with R and its traceback."""
    if (error.extensions or {}).get("code"):
        return error
    from api.service import InvalidRequest, NotFound, ServiceError
    from graph.store import StoreUnavailable

    original = error.original_error
    if original is None or isinstance(original, GraphQLError) or error.path is None:
        code = _request_code(error)  # about the request itself (a scalar's parse error included)
    elif isinstance(original, NotFound):
        code = NOT_FOUND
    elif isinstance(original, (InvalidRequest, ServiceError)):
        code = BAD_USER_INPUT
    elif isinstance(original, StoreUnavailable):
        log.error("store unavailable: %s", original)
        return _with(error, "the graph store is unavailable", SERVICE_UNAVAILABLE)
    else:
        reference = secrets.token_hex(4)
        log.error("internal error %s at %s", reference, error.path, exc_info=original)
        return _with(error, f"internal error (reference {reference})", INTERNAL)
    return _with(error, error.message, code)


def _request_code(error: GraphQLError) -> str:
    """Errors GraphQL itself raises about the request: parse, validation, limits, variables."""
    if _LIMIT_MESSAGE.search(error.message):
        return COST_LIMIT
    if isinstance(error, GraphQLSyntaxError) or error.message.startswith("Syntax Error"):
        return PARSE_FAILED
    if error.path is not None or error.message.lower().startswith("variable '$"):
        return BAD_USER_INPUT  # raised by a resolver or while coercing a variable
    return VALIDATION_FAILED


def _with(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, extensions={**(error.extensions or {}), "code": code})
