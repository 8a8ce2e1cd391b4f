"""The server's background autopilot round (auto-consign and auto-receive after N seconds, merge-log purge).

Each worker runs it; a round is one transaction and every trade is claimed by a conditional update
in the domain, so several workers never ship a trade twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.concurrency import run_in_threadpool

from wdterp.domain.purchase import autopilot as purchase_autopilot
from wdterp.domain.sales.autopilot import run_autopilot
from wdterp.protocol.clock import now_china
from wdterp.settings import settings
from wdterp.storage.db import Database

log = logging.getLogger("wdterp.autopilot")


class AutopilotTask:
    def __init__(self, db: Database, interval: float | None = None) -> None:
        #: seconds between rounds (WDTERP_AUTOPILOT_SECONDS); 0 turns the task off
        self.db = db
        self.interval = settings().autopilot_seconds if interval is None else interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.interval > 0 and self._task is None:
            self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def run_once(self) -> int:
        """One round: the sales loop (auto-consign) and the purchase loop (auto-receive)."""
        with self.db.transaction() as session:
            now = now_china()
            return run_autopilot(session, now) + purchase_autopilot.run(session, now)

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await run_in_threadpool(self.run_once)
            except Exception:  # a failed round is logged; the next one runs anyway
                log.exception("autopilot round failed")
