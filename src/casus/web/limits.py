"""Guards every request passes through: a body-size limit and a time limit.

Both answer in the API's one error shape, ``{"error", "message"}``: 413 for a body over the
limit (checked on ``Content-Length``; a chunked body is read here up to the limit, then replayed),
503 when the work takes longer than the time limit. They are plain ASGI, so they add no
per-request cost beyond a header look-up.
"""

from __future__ import annotations

import asyncio
import json

MAX_BODY = 2 * 1024 * 1024  # 2 MiB: a long news article in HTML is well under 1 MiB
TIMEOUT = 20.0  # seconds


class Limits:
    """ASGI middleware: refuse bodies over ``max_body`` bytes; stop waiting after ``timeout``."""

    def __init__(self, app, max_body: int = MAX_BODY, timeout: float = TIMEOUT) -> None:
        self.app = app
        self.max_body = max_body
        self.timeout = timeout

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and not length.strip().isdigit():
            await self._error(send, 400, "InputError",
                              f"bad Content-Length header {length[:40]!r}: expected a number")
            return
        if length is not None and int(length) > self.max_body:
            await self._error(send, 413, "PayloadTooLarge", self._too_large())
            return
        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # a streamed (chunked) body: read it here, up to the limit, then replay it
            chunks, seen, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunks.append(message.get("body", b""))
                seen += len(chunks[-1])
                more = message.get("more_body", False)
                if seen > self.max_body:
                    await self._error(send, 413, "PayloadTooLarge", self._too_large())
                    return
            pending = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
            original = receive

            async def replay():
                return pending.pop() if pending else await original()

            receive = replay
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.timeout)
        except TimeoutError:
            if not started:
                await self._error(send, 503, "Timeout",
                                  f"the answer took longer than {self.timeout:g} s; try a "
                                  "shorter article or a simpler scenario")

    def _too_large(self) -> str:
        return (f"the request body is larger than {self.max_body // (1024 * 1024)} MiB; "
                "send a single article (its HTML or text), not a whole site")

    @staticmethod
    async def _error(send, status: int, kind: str, message: str) -> None:
        body = json.dumps({"error": kind, "message": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
