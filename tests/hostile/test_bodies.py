"""Issue 7 items 3 and 4: well-formed hostile input gets its documented row, never status 99, and
every HTTP method on every path outside /admin/ and /console/ gets an envelope."""

from __future__ import annotations

import logging
import socket

import pytest

from helpers import expect
from support import TenantHandle

QUERY_WITH_WINDOW = "wms.stockin.Base.search"


@pytest.mark.parametrize("bad_time", [["2026-01-01 00:00:00"], {"a": []}, [], {}, [None]])
def test_a_time_filter_as_a_list_or_object_is_unparseable(tenant: TenantHandle, bad_time: object) -> None:
    envelope = tenant.caller.call(QUERY_WITH_WINDOW, {"start_time": bad_time, "end_time": "2026-12-05 02:03:16"},
                                  page=(10, 0))
    assert envelope["status"] == 100 and envelope["message"].startswith("Unparseable date"), envelope


def test_a_1000_level_nesting_is_not_a_readable_body(tenant: TenantHandle) -> None:
    deep = b"[" * 1000 + b"1" + b"]" * 1000
    expect(tenant.caller.raw("setting.Shop.queryShop", deep, page=(10, 0)), "E07")  # a list for the map
    deeper = b"[" * 3000 + b"1" + b"]" * 3000
    expect(tenant.caller.raw("setting.Shop.queryShop", deeper, page=(10, 0)), "E01")
    nested_arg = b'[{"shop_no":' + b"[" * 1000 + b"1" + b"]" * 1000 + b"}]"
    assert tenant.caller.raw("setting.Shop.queryShop", nested_arg, page=(10, 0))["status"] in (1, 100)


@pytest.mark.parametrize(("method", "args", "field"), [
    ("sales.StockSync.getSelfWaitSyncIdListOpen", [None, 0], "count"),
    ("sales.StockSync.getSelfWaitSyncIdListOpen", [500, None], "position"),
    ("wms.stockout.Sales.weighingExt", ["ZS1", "", None, 0, False], "weight"),
    ("wms.stockout.Sales.onceWeighing", ["ZS1", "", None, 0, None, False], "weight"),
])
def test_a_required_positional_argument_sent_as_null(tenant: TenantHandle, method: str, args: list[object],
                                                     field: str) -> None:
    expect(tenant.caller.call(method, *args), "E70", field=field)


def test_the_weighing_example_with_a_null_table_name_is_read(tenant: TenantHandle) -> None:
    # the page's own example sends operateTableName null: not an E70
    envelope = tenant.caller.call("wms.stockout.Sales.onceWeighing", "ZS201912060028", "", 1, 0, None, False)
    assert envelope["status"] == 100 and "不存在" in envelope["message"] or envelope["status"] == 100, envelope


def test_update_shop_without_arguments_names_the_missing_shop_no(tenant: TenantHandle) -> None:
    expect(tenant.caller.call("setting.Shop.updateShop"), "E71", field="shop_no")


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1])
def test_ids_past_64_bits_are_refused(tenant: TenantHandle, value: int) -> None:
    body = f'[[{{"api_goods_id": {value}, "force_sync": true}}]]'.encode()
    envelope = tenant.caller.raw("sales.StockSync.batchCalcStock", body)
    assert envelope["status"] in (1, 100), envelope


def test_the_largest_long_id_is_an_unknown_listing(tenant: TenantHandle) -> None:
    envelope = tenant.caller.call("sales.StockSync.batchCalcStock", [{"api_goods_id": 2**63 - 1, "force_sync": True}])
    assert envelope == {"status": 0, "data": {"success_date": [], "error_date": [
        {"rec_id": 2**63 - 1, "err_msg": "平台货品不存在"}]}}, envelope


@pytest.mark.parametrize("verb", ["TRACE", "PROPFIND", "CONNECT", "MKCOL", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", ["/openapi", "/", "/no/such/path", "/openapi/"])
def test_any_http_method_on_any_path_gets_an_envelope(tenant: TenantHandle, verb: str, path: str) -> None:
    host, port = tenant.backend.server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(f"{verb} {path}?sid=x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n[]".encode())
        head, _, body = conn.recv(65536).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 "), head
    assert b"content-type: application/json; charset=utf-8" in head.lower(), head
    assert body.startswith(b'{"status":'), body


def test_a_client_that_disconnects_mid_body_is_logged_as_such(tenant: TenantHandle,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    from urllib.parse import urlencode

    from gwtools import call_log_rows

    params = tenant.caller.params("setting.Shop.queryShop", (10, 0), sign="x")
    host, port = tenant.backend.server.url.removeprefix("http://").split(":")
    with caplog.at_level("INFO", "wdterp.gateway"):
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(f"POST /openapi?{urlencode(params)} HTTP/1.1\r\nHost: a\r\n"
                         f"Content-Length: 1000\r\n\r\n[{{".encode())
        rows = call_log_rows(tenant.db, sid=tenant.sid)
    assert rows and "disconnected" in rows[-1].detail, [r.detail for r in rows]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_nul_character_is_refused_alike_on_every_backend(tenant: TenantHandle) -> None:
    expect(tenant.caller.call("setting.Shop.queryShop", {"shop_no": "a\u0000b"}, page=(10, 0)), "E07")
