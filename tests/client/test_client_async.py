"""AsyncClient drives the same plan as Client: call, retry, clock offset, paging, errors."""

from __future__ import annotations

from email.utils import formatdate

import httpx
import pytest
from clientfake import KEY, NOW, SALT, SECRET, SID, FakeServer, envelope, query

from wdterp.client import AsyncClient, Pager, WdtError
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.errors import RATE_LIMIT_MESSAGE, row


def aclient(server: FakeServer, sleeps: list[float]) -> AsyncClient:
    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    return AsyncClient(
        "http://wdt.test/openapi", SID, KEY, f"{SECRET}:{SALT}",
        transport=server.transport, sleep=sleep, clock=lambda: NOW,
    )


async def test_call_known_answer(server: FakeServer, sleeps: list[float]) -> None:
    server.replies.append({"data": {"ok": True}})
    async with aclient(server, sleeps) as c:
        data = await c.call(
            "wms.stocktransfer.Edit.createOrder",
            {"outer_no": "T1", "from_warehouse_no": "lz", "to_warehouse_no": "jziyy", "mode": 0},
            [{"spec_no": "lz11", "num": 1}],
            True,
        )
    assert data == {"ok": True}
    assert str(server.requests[0].url).startswith("http://wdt.test/openapi?")
    assert query(server.requests[0])["sign"] == "59feb9e19142e1e5593118b2db899eba"


async def test_retry_and_clock(server: FakeServer, sleeps: list[float]) -> None:
    server.replies += [
        {"status": 100, "message": RATE_LIMIT_MESSAGE},
        envelope(7, message="时间戳错误", Date=formatdate(NOW - 200, usegmt=True)),
        {"data": 1},
    ]
    async with aclient(server, sleeps) as c:
        assert await c.call("m.x") == 1
        assert c.clock_offset == pytest.approx(-200)
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5
    assert int(server.queries()[2]["timestamp"]) == wire_timestamp(NOW - 200)


async def test_error(server: FakeServer, sleeps: list[float]) -> None:
    server.replies.append(envelope(100, message="单据不存在", **{"X-Request-Id": "a-1"}))
    async with aclient(server, sleeps) as c:
        with pytest.raises(WdtError) as info:
            await c.call("m.cancel", "X1")
    assert info.value.row == row("E26") and info.value.request_id == "a-1"
    assert info.value.fix == f"{row('E26').fix_zh}\n{row('E26').fix_en}"


async def test_non_json_not_retried(server: FakeServer, sleeps: list[float]) -> None:
    server.replies.append(envelope(0, data=None))
    server.replies.insert(0, httpx.Response(404, text="<h1>Not Found</h1>"))
    async with aclient(server, sleeps) as c:
        with pytest.raises(WdtError) as info:
            await c.call("m.push", {})
    assert info.value.status == 99 and len(server.requests) == 1


async def test_paging(server: FakeServer, sleeps: list[float]) -> None:
    server.replies += [
        {"data": {"total_count": 5, "details": [1, 2]}},
        {"data": {"details": [3, 4]}},
        {"data": {"details": [5]}},
        {"data": {"total_count": 1, "details": ["p"]}},
        {"data": {"total_count": 3, "details": [1, 2]}},
        {"data": {"details": [3]}},
    ]
    async with aclient(server, sleeps) as c:
        assert [r async for r in c.iter_rows("m.search", {"q": 1}, page_size=2)] == [1, 2, 3, 4, 5]
        assert await c.page_call("m.search", Pager(1), {}) == {"total_count": 1, "details": ["p"]}
        pages = [p async for p in c.iter_pages("m.search", page_size=2)]
    assert [len(p["details"]) for p in pages] == [2, 1]
    assert [q["page_no"] for q in server.queries()] == ["0", "1", "2", "0", "0", "1"]
    assert c._http.is_closed
