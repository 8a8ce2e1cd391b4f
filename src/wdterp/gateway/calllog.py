"""The call-log writer: the request path only appends to a queue; a task writes batches."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from anyio import to_thread
from sqlalchemy.exc import DataError

from wdterp.domain.calllog.service import write_batch
from wdterp.storage.db import Database

log = logging.getLogger("wdterp.calllog")
MAX_QUEUE = 100_000


class CallLogWriter:
    def __init__(self, db: Database, flush_seconds: float, batch: int) -> None:
        self.db = db
        self.flush_seconds = flush_seconds
        self.batch = batch
        self._rows: list[dict[str, Any]] = []
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    def append(self, row: dict[str, Any]) -> None:
        if len(self._rows) < MAX_QUEUE:
            self._rows.append(row)
        if len(self._rows) >= self.batch:
            self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.flush_seconds)
            self._wake.clear()
            await self.flush()

    async def flush(self) -> None:
        rows, self._rows = self._rows, []
        if not rows:
            return
        try:
            await to_thread.run_sync(self._write, rows)
        except DataError:  # rows the database refuses would be refused again: not kept for ever
            log.warning("call log write refused %d rows (a value the database cannot store); dropped",
                        len(rows), exc_info=True)
        except Exception:  # the log must never take the server down; keep the rows for later
            log.warning("call log write failed; %d rows kept for retry", len(rows), exc_info=True)
            self._rows[:0] = rows[: MAX_QUEUE - len(self._rows)]

    def _write(self, rows: list[dict[str, Any]]) -> None:
        with self.db.transaction() as session:
            write_batch(session, rows)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
