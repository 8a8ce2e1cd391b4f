"""Issue 13: one pager order, WdtError's text carries the fix, no raw httpx error escapes."""

from __future__ import annotations

import inspect

import httpx
import pytest
from clientfake import KEY, SALT, SECRET, SID, FakeServer

import wdterp.client as client_package
from wdterp.client import AsyncClient, Client, Pager, WdtError, WdtTransportError


def client(server: FakeServer) -> Client:
    return Client("http://wdt.test", SID, KEY, f"{SECRET}:{SALT}", transport=server.transport)


def test_page_call_takes_paging_as_keywords_after_the_arguments(server: FakeServer) -> None:
    server.replies += [{"data": {"details": [], "total_count": 0}}] * 3
    wdt = client(server)
    wdt.page_call("m.search", {"x": 1}, page_size=50, page_no=2, calc_total=False)
    wdt.page_call("m.search", {"x": 1}, pager=Pager(50, 2, calc_total=False))
    wdt.page_call("m.search", Pager(50, 2, calc_total=False), {"x": 1})  # the earlier order still works
    for request, q in zip(server.requests, server.queries(), strict=True):
        assert (q["page_size"], q["page_no"], q["calc_total"]) == ("50", "2", "0")
        assert request.content == b'[{"x":1}]'
    with pytest.raises(ValueError, match="page_size"):
        wdt.page_call("m.search", {"x": 1})


def test_error_text_has_the_fix(server: FakeServer) -> None:
    server.replies.append({"status": 1, "message": "验证失败"})
    with pytest.raises(WdtError) as info:
        client(server).call("m.x")
    text = str(info.value)
    assert text.startswith("[1] 验证失败") and "row E06" in text and info.value.row is not None
    assert info.value.row.fix_en in text and info.value.row.fix_zh in text


def test_transport_failures_are_wdt_errors() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def time_out(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    for handler, retryable in ((refuse, True), (time_out, False)):
        wdt = Client("http://wdt.test", SID, KEY, f"{SECRET}:{SALT}", transport=httpx.MockTransport(handler))
        with pytest.raises(WdtTransportError) as info:
            wdt.call("m.x")
        assert isinstance(info.value, WdtError) and info.value.retryable is retryable
        assert str(info.value).startswith("no answer: ")


async def test_async_transport_failures_are_wdt_errors() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with AsyncClient("http://wdt.test", SID, KEY, f"{SECRET}:{SALT}",
                           transport=httpx.MockTransport(refuse)) as wdt:
        with pytest.raises(WdtTransportError):
            await wdt.page_call("m.x", {}, page_size=10)


def test_every_public_class_and_method_has_a_docstring() -> None:
    for name in client_package.__all__:
        item = getattr(client_package, name)
        assert inspect.getdoc(item), name
        for member, value in vars(item).items():
            if not member.startswith("_") and callable(value):
                assert inspect.getdoc(value), f"{name}.{member}"
