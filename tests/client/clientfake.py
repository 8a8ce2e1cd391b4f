"""Helpers for the client tests: a scripted fake server behind httpx.MockTransport."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import orjson

from wdterp.protocol.clock import EPOCH_OFFSET
from wdterp.protocol.sign import compute_sign

SID, KEY, SECRET, SALT = "wdtapi3", "testkey", "testsecret", "testsalt"
#: a local time whose wire timestamp is 470000000 (the protocol's known-answer vectors).
NOW = 470000000 + EPOCH_OFFSET

Reply = httpx.Response | dict[str, Any] | Callable[[httpx.Request], httpx.Response]


def envelope(status: int = 0, data: Any = None, message: str | None = None, **headers: str) -> httpx.Response:
    body: dict[str, Any] = {"status": status}
    if status == 0:
        body["data"] = data
    else:
        body["message"] = message
    return httpx.Response(
        200,
        content=orjson.dumps(body),
        headers={"Content-Type": "application/json; charset=utf-8", **headers},
    )


def query(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True))


def sign_ok(request: httpx.Request, secret: str = SECRET) -> bool:
    params = query(request)
    return compute_sign(secret, params, request.content) == params["sign"]


@dataclass
class FakeServer:
    replies: list[Reply] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0)
        if isinstance(reply, dict):
            return envelope(**reply)
        return reply if isinstance(reply, httpx.Response) else reply(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def queries(self) -> list[dict[str, str]]:
        return [query(r) for r in self.requests]
