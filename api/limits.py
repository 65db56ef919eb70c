"""Request limits: body sizes, enforced while the body streams in, and the GraphQL wall-clock timeout.

A declared Content-Length over the limit is refused before a byte is read; a body without one (or
lying about it) is counted chunk by chunk and refused the moment it passes the limit, so an upload
never has to be held whole in memory to be rejected. Refusals are JSON 413s like every other error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body too large: the limit is {limit} bytes")


class BodySizeLimit:
    """ASGI middleware: `limit_for(scope)` gives the byte limit of a request, or None for no limit."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[Scope], int | None]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(BodyTooLarge(limit), scope, receive, send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _refuse(exc, scope, receive, send)


async def _refuse(exc: BodyTooLarge, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers={"Connection": "close"})
    await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class GraphQLTimeout:
    """ASGI middleware: a GraphQL request that has not started answering after `seconds` is cancelled
    and answered with a GraphQL error coded TIMEOUT. Work already handed to a worker thread finishes
    there, but its result is dropped and the client is not kept waiting."""

    def __init__(self, app: ASGIApp, seconds: float, path: str = "/graphql") -> None:
        self.app = app
        self.seconds = seconds
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(self.path):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.seconds)
        except TimeoutError:
            if started:
                raise
            body = {"data": None, "errors": [{
                "message": f"the query took longer than {self.seconds:g} s and was stopped",
                "extensions": {"code": "TIMEOUT"}}]}
            await JSONResponse(body, status_code=200)(scope, receive, send)
