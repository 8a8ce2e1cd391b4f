"""Helpers for the gateway tests: raw posts, the call log, minute boundaries, a TCP proxy."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson
from sqlalchemy import select

from wdterp.domain.calllog.models import CallLog
from wdterp.storage.db import Database

JSON_TYPE = "application/json; charset=utf-8"


def post(url: str, params: dict[str, str], body: bytes, *, http_method: str = "POST",
         path: str = "/openapi", headers: dict[str, str] | None = None) -> httpx.Response:
    """Send exactly these params (no sign added) and body."""
    return httpx.request(http_method, f"{url}{path}?{urlencode(params)}", content=body,
                         headers={"Content-Type": "application/json", **(headers or {})}, timeout=30)


def envelope_of(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == JSON_TYPE
    return dict(orjson.loads(response.content))


def wait_fresh_minute(needed: float) -> None:
    """Sleep into the next minute when fewer than `needed` seconds are left in this one."""
    left = 60 - time.time() % 60
    if left < needed:
        time.sleep(left + 0.05)


def call_log_rows(db: Database, *, request_ids: list[str] | None = None, sid: str | None = None,
                  expect: int = 1, timeout: float = 10.0) -> list[CallLog]:
    """Poll the call log (it is written in batches) until `expect` rows match."""
    stmt = select(CallLog).order_by(CallLog.id)
    if request_ids is not None:
        stmt = stmt.where(CallLog.request_id.in_(request_ids))
    if sid is not None:
        stmt = stmt.where(CallLog.sid == sid)
    deadline = time.monotonic() + timeout
    while True:
        with db.sessions() as session:
            rows = list(session.scalars(stmt))
        if len(rows) >= expect or time.monotonic() > deadline:
            return rows
        time.sleep(0.05)


class TcpProxy:
    """A small TCP forwarder on 127.0.0.1 that can be cut (all connections dropped) and restored."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, server]
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Stop listening and drop every open connection: the database looks gone."""
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
