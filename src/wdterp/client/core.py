"""The call logic shared by Client and AsyncClient, written once as a sans-I/O generator.

`ClientCore.plan()` yields an `httpx.Request` to send (and receives its `httpx.Response`) or a
`Sleep` to wait; its return value is the call's `data`. The sync and async clients only drive it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from wdterp.protocol.clock import wire_timestamp

from .errors import CLOCK_STATUS, WdtError
from .wire import (
    Credentials,
    Pager,
    build_request,
    encode_body,
    endpoint_url,
    parse_response,
    server_clock_offset,
)

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0


@dataclass(frozen=True)
class Sleep:
    """A step of a call plan: wait this long before the next attempt."""

    seconds: float


Step = httpx.Request | Sleep
Plan = Generator[Step, httpx.Response | None, Any]


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2**attempt))."""
    return rand() * min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)


class ClientCore:
    """Signing, retries and clock correction of one client, without any I/O (see module doc)."""

    def __init__(
        self,
        url: str,
        sid: str,
        key: str,
        secret: str,
        *,
        max_retries: int = 3,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.endpoint = endpoint_url(url)
        self.credentials = Credentials.parse(sid, key, secret)
        self.max_retries = max_retries
        self.clock_offset = 0.0
        self._clock = clock
        self._rand = rand

    def timestamp(self) -> int:
        """The request timestamp: local time corrected by the learnt offset."""
        return wire_timestamp(self._clock() + self.clock_offset)

    def request(self, method: str, body: bytes, pager: Pager | None = None) -> httpx.Request:
        """One signed request of the call."""
        return build_request(self.endpoint, self.credentials, method, body, self.timestamp(), pager)

    def plan(self, method: str, args: Sequence[Any], pager: Pager | None = None) -> Plan:
        """The call as a generator of steps (requests to send, sleeps); returns the `data`."""
        body = encode_body(args)
        limit_retries = 0
        clock_retried = False
        while True:
            response = yield self.request(method, body, pager)
            assert response is not None
            try:
                return parse_response(response)
            except WdtError as err:
                if err.is_limit and limit_retries < self.max_retries:
                    yield Sleep(backoff_delay(limit_retries, self._rand))
                    limit_retries += 1
                    continue
                if err.status == CLOCK_STATUS and not clock_retried:
                    offset = server_clock_offset(response, self._clock())
                    if offset is not None:
                        self.clock_offset = offset
                        clock_retried = True
                        continue
                raise
