"""The check pipeline of one `/openapi` call, in the contract's order.

1 public params (E04, E08) → 2 sid (E03, E05) → 3 key/salt (E09) → 4 v (E16) → 5 timestamp (E15)
→ 6 sign (E06) → 7 IP (E14) → 8 dynamic password (E11) → 9 method (E36, E32) → 10 limits (E62,
E63) → 11 body (E01, E02, E07) → 12 paging (E19) → 13 field rules → 14 the handler's business rules.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.exc import DBAPIError

from wdterp.api.context import CallContext, Page
from wdterp.api.docs import all_docs
from wdterp.api.registry import INTERNAL_ONLY, Method
from wdterp.domain.masterdata.scope import Rights
from wdterp.domain.tenancy.service import AppAccess
from wdterp.gateway.access import AccessCache
from wdterp.gateway.limits import Limits
from wdterp.protocol.clock import timestamp_in_window
from wdterp.protocol.errors import ApiError, suggest
from wdterp.protocol.numbers import is_ascii_digits
from wdterp.protocol.sign import canonical_string, compute_sign
from wdterp.storage.db import Database, call_threads

PUBLIC_PARAMS = ("sid", "key", "salt", "method", "v", "timestamp", "sign")
INT_PARAMS = ("timestamp", "page_no", "page_size", "calc_total")
INT32 = range(-(2**31), 2**31)
API_VERSION = "1.0"
#: rows of check 11 (the body's shape); every other argument failure ranks after paging
BODY_ROWS = frozenset({"E01", "E02", "E07"})
#: how often a call whose transaction hit a lock or serialization conflict is run again
TRANSACTION_ATTEMPTS = 3
#: bodies up to this size are signed on the event loop when the caller's app is cached
INLINE_AUTH_BODY = 64 * 1024
#: reads whose handlers take less than this on average run on the event loop (`InlineReads`)
INLINE_BUDGET = 0.0005
#: weight of the latest call in that moving average
INLINE_WEIGHT = 0.1
#: how much of a canonical string the call log keeps for a sign failure
SIGNED_TEXT_LIMIT = 4096


@dataclass
class Call:
    """One request as it moves through the pipeline; the call log is written from it."""

    request_id: str
    client_ip: str
    params: dict[str, str]
    body: bytes
    started: float = field(default_factory=time.perf_counter)
    access: AppAccess | None = None
    detail: str = ""

    @property
    def method(self) -> str:
        return self.params.get("method", "")


class Pipeline:
    def __init__(self, db: Database, cache: AccessCache, limits: Limits, methods: dict[str, Method]) -> None:
        self.db = db
        self.cache = cache
        self.limits = limits
        self.methods = methods
        # Handlers block (database I/O), so they run off the event loop, on threads of our own:
        # a reused executor costs ~15 us a call where anyio's to_thread cost ~50 us. The threads
        # start on demand; the SQLite pool keeps a connection for each (storage/db.py).
        self.executor = ThreadPoolExecutor(call_threads(), thread_name_prefix="wdterp-call")
        self.inline = InlineReads()

    def close(self) -> None:
        self.executor.shutdown(wait=False)

    async def run(self, call: Call) -> Any:
        ints = self._public_params(call.params)
        loop = asyncio.get_running_loop()
        if len(call.body) <= INLINE_AUTH_BODY and self.cache.is_fresh(call.params["sid"], call.params["key"]):
            access = self._authenticate(call, ints)  # all in memory: no thread hop
        else:
            access = await loop.run_in_executor(self.executor, self._authenticate, call, ints)
        call.access = access
        method = self._method(call.method, access)
        app_id = f"{access.sid}\x00{access.key}"
        token = await self.limits.acquire(app_id, access.rate_limit, access.concurrency_limit)
        try:
            try:
                args = self._arguments(method, call.body)
            except ApiError as err:
                if err.row.row not in BODY_ROWS:  # paging (12) comes before field rules (13)
                    self._page(method, ints)
                raise
            page = self._page(method, ints)
            if method.writes and (access.shops is not None or access.warehouses is not None):
                method.scope.check(method.doc, args, Rights(access.shops, access.warehouses))
            if self.inline.suits(method):
                return self.inline.timed(method, self._execute, method, access, call, args, page)
            return await loop.run_in_executor(self.executor, self.inline.timed, method, self._execute, method,
                                              access, call, args, page)
        finally:
            await self.limits.release(app_id, token)

    # ------------------------------------------------------------------ 1. public params

    @staticmethod
    def _public_params(params: dict[str, str]) -> dict[str, int]:
        missing = [p for p in PUBLIC_PARAMS if p not in params]
        if missing:
            raise ApiError("E04", f"missing public params: {', '.join(missing)}")
        ints: dict[str, int] = {}
        for name in INT_PARAMS:
            if name in params:
                raw = params[name]
                # plain ASCII digits only, as the vendor's Java parser reads them (Python's int()
                # also takes "4_7_1", "+5", full-width and Arabic-Indic digits)
                value = int(raw) if is_ascii_digits(raw.removeprefix("-")) else None
                if value is None or value not in INT32:
                    raise ApiError("E08", f"{name} is not a 32-bit integer", value=raw)
                ints[name] = value
        return ints

    # ------------------------------------------------------------------ 2-8. who is calling

    def _authenticate(self, call: Call, ints: dict[str, int]) -> AppAccess:
        p = call.params
        tenant = self.cache.tenant(p["sid"])
        if not tenant.exists:
            raise ApiError("E03", f"no tenant {p['sid']!r}")
        if not tenant.enabled:
            raise ApiError("E05", f"tenant {p['sid']!r} is disabled")
        access = self.cache.app(p["sid"], p["key"])
        if access is None or not access.enabled or access.salt != p["salt"]:
            why = "unknown key" if access is None else "app disabled" if not access.enabled else "wrong salt"
            raise ApiError("E09", f"{why} for key {p['key']!r}")
        if p["v"] != API_VERSION:
            raise ApiError("E16", f"v={p['v']!r}, expected {API_VERSION}")
        if not timestamp_in_window(ints["timestamp"]):
            raise ApiError("E15", f"timestamp {ints['timestamp']} is more than 120 s from server time")
        expected = compute_sign(access.secret, p, call.body)
        if not hmac.compare_digest(p["sign"].lower().encode(), expected.encode()):  # no timing oracle
            signed = canonical_string(p, call.body).decode("utf-8", "replace")[:SIGNED_TEXT_LIMIT]
            raise ApiError("E06", f"sign mismatch; signed string (secret omitted at both ends): {signed}")
        if access.ip_whitelist and not _ip_allowed(call.client_ip, access.ip_whitelist):
            raise ApiError("E14", f"client address {call.client_ip} is not in the whitelist")
        if access.dynamic_password:
            raise ApiError("E11", "the app has dynamic password turned on")
        return access

    # ------------------------------------------------------------------ 9. method

    def _method(self, name: str, access: AppAccess) -> Method:
        method = self.methods.get(name)
        if name in INTERNAL_ONLY and not access.internal:
            raise ApiError("E32", f"{name} is reserved for the internal channel", method=name)
        if method is None:
            raise ApiError("E36", unknown_method(name, self.methods))
        if access.methods is not None and name not in access.methods:
            raise ApiError("E36", f"not granted: method {name!r} is not granted to app {access.key!r} "
                                  "(`wdterp app update --methods`)")
        if method.internal and not access.internal:
            raise ApiError("E32", f"{name} is reserved for the internal channel", method=name)
        return method

    # ------------------------------------------------------------------ 11-13. body and paging

    @staticmethod
    def _arguments(method: Method, body: bytes) -> list[Any]:
        try:
            parsed = orjson.loads(body) if body.strip() else None
        except orjson.JSONDecodeError as err:
            raise ApiError("E01", f"body is not valid JSON: {err}") from None
        if not isinstance(parsed, list):
            raise ApiError("E01", f"body is a JSON {type(parsed).__name__}, not an array")
        return method.validate(parsed)

    @staticmethod
    def _page(method: Method, ints: dict[str, int]) -> Page | None:
        if not method.paged:
            return None
        if "page_no" not in ints or "page_size" not in ints:
            raise ApiError("E19", "page_no and page_size are required", method=method.name)
        size, no = ints["page_size"], ints["page_no"]
        if size > method.page_size_max:
            raise ApiError("E69", f"page_size {size} > {method.page_size_max}", field="page_size",
                           max=method.page_size_max)
        if size < 1 or no < 0:
            raise ApiError("E01", f"page_size {size} / page_no {no} out of range")
        return Page(size=size, no=no, calc_total=ints.get("calc_total", 1) == 1)

    # ------------------------------------------------------------------ 14. the handler

    def _execute(self, method: Method, access: AppAccess, call: Call, args: list[Any],
                 page: Page | None) -> Any:
        for attempt in range(1, TRANSACTION_ATTEMPTS + 1):
            try:
                with self.db.unit_of_work(readonly=not method.writes) as work:
                    ctx = CallContext(work, access, method.name, call.request_id, page, method.list_name)
                    if method.owner is not None:
                        method.owner.check(method.doc, args, ctx.session, ctx.tenant_id, ctx.rights)
                    return method.handler(ctx, *args)
            except DBAPIError as err:
                # a lock or serialization conflict is run again; what is left is mapped to its row
                # (E12/E13) in one place, `gateway/failures.py`
                if attempt == TRANSACTION_ATTEMPTS or not _retryable(err) or not self.db.reachable():
                    raise
        raise AssertionError("unreachable")


def unknown_method(name: str, methods: dict[str, Method]) -> str:
    """The call log's reason of an E36 for a method we do not serve, with the nearest names."""
    documented = name in all_docs()
    why = (f"not implemented: {name!r} is a documented method this server does not implement yet"
           if documented else f"unknown method: {name!r} is not a method of the vendor's API")
    near = suggest(name, [*methods] if documented else [*all_docs()])
    return why + (f"; did you mean {', '.join(map(repr, near))}?" if near else "")


class InlineReads:
    """Which reads run on the event loop instead of a call thread.

    Under load a hop to a thread and back costs ~300 us (futures, the loop's wake-up, the GIL handed
    over twice): more than a small read costs in all. A read whose handler took less than
    `INLINE_BUDGET` on average over its recent calls runs inline; one that grows slower (larger
    pages, a busy database) goes back to the threads, where it does not hold up the loop. Writes
    always run on threads (they may wait for SQLite's write lock).
    """

    def __init__(self) -> None:
        self.average: dict[str, float] = {}

    def suits(self, method: Method) -> bool:
        return not method.writes and self.average.get(method.name, INLINE_BUDGET) < INLINE_BUDGET

    def timed(self, method: Method, run: Any, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return run(*args)
        finally:
            took = time.perf_counter() - started
            before = self.average.get(method.name)
            self.average[method.name] = took if before is None else before + (took - before) * INLINE_WEIGHT


def _retryable(err: DBAPIError) -> bool:
    code = getattr(err.orig, "sqlstate", None) or getattr(err.orig, "pgcode", None)
    text = str(err.orig).lower()
    return code in {"40001", "40P01", "55P03"} or "locked" in text or "deadlock" in text


def _ip_allowed(client_ip: str, whitelist: tuple[str, ...]) -> bool:
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return False
    for entry in whitelist:
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False
