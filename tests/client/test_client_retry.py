"""Retry on the two limit messages, clock-offset learning on status 7, no retry on a non-JSON body."""

from __future__ import annotations

from email.utils import formatdate

import httpx
import pytest
from clientfake import KEY, NOW, SALT, SECRET, SID, FakeServer, envelope, query

from wdterp.client import Client, WdtError
from wdterp.client.core import BACKOFF_CAP, backoff_delay
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.errors import CONCURRENCY_LIMIT_MESSAGE, RATE_LIMIT_MESSAGE


def client(server: FakeServer, sleeps: list[float], max_retries: int = 3) -> Client:
    return Client(
        "http://wdt.test", SID, KEY, f"{SECRET}:{SALT}",
        transport=server.transport, max_retries=max_retries, sleep=sleeps.append, clock=lambda: NOW,
    )


@pytest.mark.parametrize("message", [RATE_LIMIT_MESSAGE, CONCURRENCY_LIMIT_MESSAGE])
def test_limit_retried_with_jittered_backoff(server: FakeServer, sleeps: list[float], message: str) -> None:
    server.replies += [{"status": 100, "message": message}] * 3 + [{"data": [1]}]
    assert client(server, sleeps).call("m.x", {"a": 1}) == [1]
    assert len(server.requests) == 4
    assert len({r.content for r in server.requests}) == 1
    assert len(sleeps) == 3
    for attempt, delay in enumerate(sleeps):
        assert 0 <= delay <= min(BACKOFF_CAP, 0.5 * 2**attempt)


def test_limit_gives_up_after_max_retries(server: FakeServer, sleeps: list[float]) -> None:
    server.replies += [{"status": 100, "message": RATE_LIMIT_MESSAGE}] * 3
    with pytest.raises(WdtError) as info:
        client(server, sleeps, max_retries=2).call("m.x")
    assert len(server.requests) == 3 and len(sleeps) == 2
    assert info.value.is_limit and info.value.retryable
    assert info.value.row is not None and info.value.row.row == "E62"


@pytest.mark.parametrize(
    "status,message",
    [
        (100, RATE_LIMIT_MESSAGE + " "),
        (100, "超过每分钟最大调用频率限制"),
        (100, "单据不存在"),
        (4, "数据库错误"),
        (99, "其他错误"),
    ],
)
def test_other_errors_not_retried(server: FakeServer, sleeps: list[float], status: int, message: str) -> None:
    server.replies.append({"status": status, "message": message})
    with pytest.raises(WdtError) as info:
        client(server, sleeps).call("m.x")
    assert (info.value.status, info.value.message) == (status, message)
    assert len(server.requests) == 1 and sleeps == []


def test_backoff_bounds() -> None:
    assert backoff_delay(0, lambda: 0.0) == 0.0
    assert backoff_delay(0, lambda: 0.5) == 0.25
    assert backoff_delay(3, lambda: 0.5) == 2.0
    assert backoff_delay(30, lambda: 0.999) < BACKOFF_CAP
    assert backoff_delay(30, lambda: 1.0) == BACKOFF_CAP


def test_clock_offset_learned_from_date_header(server: FakeServer, sleeps: list[float]) -> None:
    server_now = NOW + 300
    server.replies += [
        envelope(7, message="时间戳错误", Date=formatdate(server_now, usegmt=True)),
        {"data": "ok"},
        {"data": "again"},
    ]
    c = client(server, sleeps)
    assert c.call("m.x") == "ok"
    assert c.clock_offset == pytest.approx(300)
    stamps = [int(q["timestamp"]) for q in server.queries()]
    assert stamps[0] == wire_timestamp(NOW)
    assert stamps[1] == wire_timestamp(server_now)
    assert c.call("m.y") == "again"
    assert int(server.queries()[2]["timestamp"]) == wire_timestamp(server_now)
    assert sleeps == []


def test_clock_retry_only_once(server: FakeServer, sleeps: list[float]) -> None:
    date = formatdate(NOW - 500, usegmt=True)
    server.replies += [envelope(7, message="时间戳错误", Date=date)] * 2
    with pytest.raises(WdtError) as info:
        client(server, sleeps).call("m.x")
    assert info.value.status == 7 and info.value.row is not None and info.value.row.row == "E15"
    assert len(server.requests) == 2


def test_clock_error_without_date_header_not_retried(server: FakeServer, sleeps: list[float]) -> None:
    server.replies.append({"status": 7, "message": "时间戳错误"})
    with pytest.raises(WdtError):
        client(server, sleeps).call("m.x")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(502, text="<html><body>Bad Gateway</body></html>", headers={"X-Request-Id": "r-9"}),
        httpx.Response(200, text="not json at all", headers={"X-Request-Id": "r-9"}),
        httpx.Response(200, json={"no": "status"}, headers={"X-Request-Id": "r-9"}),
        httpx.Response(200, json=[1, 2], headers={"X-Request-Id": "r-9"}),
    ],
)
def test_non_json_response_never_retried(
    server: FakeServer, sleeps: list[float], response: httpx.Response
) -> None:
    server.replies += [response, {"data": "duplicate!"}]
    with pytest.raises(WdtError) as info:
        client(server, sleeps).call("m.push", {"tid": "T1"})
    err = info.value
    assert err.status == 99 and err.row is None and not err.retryable and err.fix == ""
    assert err.request_id == "r-9"
    assert f"HTTP {response.status_code}" in err.message
    assert len(server.requests) == 1 and sleeps == []


def test_non_2xx_with_envelope_reads_the_envelope(server: FakeServer, sleeps: list[float]) -> None:
    server.replies.append(httpx.Response(500, json={"status": 99, "message": "其他错误"}))
    with pytest.raises(WdtError) as info:
        client(server, sleeps).call("m.x")
    assert info.value.status == 99 and info.value.row is not None and info.value.row.row == "E17"
    assert query(server.requests[0])["method"] == "m.x"
