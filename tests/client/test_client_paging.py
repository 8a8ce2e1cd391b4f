"""page_call, iter_pages and iter_rows (sync)."""

from __future__ import annotations

from typing import Any

import pytest
from clientfake import KEY, NOW, SALT, SECRET, SID, FakeServer, sign_ok

from wdterp.client import Client, Pager
from wdterp.client.paging import page_rows


def client(server: FakeServer) -> Client:
    return Client(
        "http://wdt.test", SID, KEY, f"{SECRET}:{SALT}", transport=server.transport, clock=lambda: NOW
    )


def page(rows: list[Any], total: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"details": rows}
    if total is not None:
        data["total_count"] = total
    return {"data": data}


def test_page_call_params_and_data(server: FakeServer) -> None:
    server.replies.append(page([{"shop_no": "s1"}], total=1))
    data = client(server).page_call("setting.Shop.queryShop", Pager(50, 2, calc_total=False), {"x": 1})
    assert data == {"details": [{"shop_no": "s1"}], "total_count": 1}
    (q,) = server.queries()
    assert (q["page_size"], q["page_no"], q["calc_total"]) == ("50", "2", "0")
    assert server.requests[0].content == b'[{"x":1}]'
    assert sign_ok(server.requests[0])


def test_iter_rows_three_pages(server: FakeServer) -> None:
    server.replies += [page([1, 2], total=5), page([3, 4]), page([5])]
    rows = list(client(server).iter_rows("m.search", {"k": "v"}, page_size=2))
    assert rows == [1, 2, 3, 4, 5]
    queries = server.queries()
    assert [q["page_no"] for q in queries] == ["0", "1", "2"]
    assert [q["calc_total"] for q in queries] == ["1", "0", "0"]
    assert {q["page_size"] for q in queries} == {"2"}
    assert all(r.content == b'[{"k":"v"}]' for r in server.requests)


def test_iter_rows_stops_at_total_on_exact_multiple(server: FakeServer) -> None:
    server.replies += [page([1, 2], total=4), page([3, 4])]
    assert list(client(server).iter_rows("m.search", page_size=2)) == [1, 2, 3, 4]
    assert len(server.requests) == 2


def test_iter_rows_without_total_stops_on_short_page(server: FakeServer) -> None:
    server.replies += [page([1, 2]), page([3, 4]), page([])]
    assert list(client(server).iter_rows("m.search", page_size=2)) == [1, 2, 3, 4]
    assert len(server.requests) == 3


def test_iter_pages_yields_data(server: FakeServer) -> None:
    server.replies += [page([1, 2], total=3), page([3])]
    pages = list(client(server).iter_pages("m.search", page_size=2))
    assert pages == [{"details": [1, 2], "total_count": 3}, {"details": [3]}]


def test_explicit_list_key(server: FakeServer) -> None:
    server.replies += [{"data": {"total_count": 1, "order": [{"a": 1}], "goods": [9]}}]
    assert list(client(server).iter_rows("m.search", page_size=5, list_key="order")) == [{"a": 1}]


def test_page_rows_detection() -> None:
    assert page_rows({"total_count": 2, "stockin_list": [1, 2]}, None) == [1, 2]
    assert page_rows({"total_count": 0}, None) == []
    assert page_rows([7, 8], None) == [7, 8]
    assert page_rows(None, None) == []
    with pytest.raises(ValueError, match="list_key"):
        page_rows({"a": [], "b": []}, None)


def test_context_manager_closes(server: FakeServer) -> None:
    with client(server) as c:
        pass
    assert c._http.is_closed
