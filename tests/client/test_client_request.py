"""Request building: sign known-answer vectors, query encoding, salt handling, body, endpoint."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from clientfake import KEY, NOW, SALT, SECRET, SID, FakeServer, query, sign_ok
from hypothesis import given
from hypothesis import strategies as st

from wdterp.client import Client, Pager
from wdterp.client.core import ClientCore
from wdterp.client.wire import Credentials, build_request, encode_body, endpoint_url

APP_SECRET = f"{SECRET}:{SALT}"


def core(app_secret: str = APP_SECRET, url: str = "http://wdt.test") -> ClientCore:
    return ClientCore(url, SID, KEY, app_secret, clock=lambda: NOW)


def test_known_answer_paged_query_php_body() -> None:
    body = b'[{"shop_no":"\\u65fa\\u5e97 \\/x"}]'
    request = core().request("setting.Shop.queryShop", body, Pager(10, 0, True))
    params = query(request)
    assert params["timestamp"] == "470000000"
    assert params["sign"] == "e0c1a17ac7f545cc6f95cd34e743fe82"
    assert request.content == body


def test_known_answer_through_call(server: FakeServer) -> None:
    server.replies.append({"data": {"stock_transfer_no": "TF1"}})
    with Client("http://wdt.test", SID, KEY, APP_SECRET, transport=server.transport, clock=lambda: NOW) as c:
        data = c.call(
            "wms.stocktransfer.Edit.createOrder",
            {"outer_no": "T1", "from_warehouse_no": "lz", "to_warehouse_no": "jziyy", "mode": 0},
            [{"spec_no": "lz11", "num": 1}],
            True,
        )
    assert data == {"stock_transfer_no": "TF1"}
    (request,) = server.requests
    assert request.content == (
        b'[{"outer_no":"T1","from_warehouse_no":"lz","to_warehouse_no":"jziyy","mode":0},'
        b'[{"spec_no":"lz11","num":1}],true]'
    )
    assert query(request)["sign"] == "59feb9e19142e1e5593118b2db899eba"
    assert request.method == "POST"
    assert request.url.path == "/openapi"
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"


def test_public_params() -> None:
    params = query(core().request("m.x", b"[]", Pager(20, 3, False)))
    assert params == {
        "sid": SID, "key": KEY, "salt": SALT, "method": "m.x", "v": "1.0", "timestamp": "470000000",
        "page_size": "20", "page_no": "3", "calc_total": "0", "sign": params["sign"],
    }


def test_query_encoding_plus_space_and_reserved() -> None:
    request = ClientCore("http://h", "a+b c/d:e&f=g", KEY, APP_SECRET, clock=lambda: NOW).request("m", b"[]")
    raw = request.url.query.decode("ascii")
    assert "sid=a%2Bb+c%2Fd%3Ae%26f%3Dg" in raw
    assert query(request)["sid"] == "a+b c/d:e&f=g"
    assert sign_ok(request)


def test_secret_without_colon_sends_no_salt_but_signs_it_empty() -> None:
    request = core(app_secret=SECRET).request("m.x", b"[]")
    params = query(request)
    assert "salt" not in params
    fields = {k: v for k, v in params.items() if k != "sign"} | {"salt": "", "body": "[]"}
    canonical = "".join(k + fields[k] for k in sorted(fields))
    assert params["sign"] == hashlib.md5(f"{SECRET}{canonical}{SECRET}".encode()).hexdigest()


def test_secret_split_on_first_colon() -> None:
    creds = Credentials.parse(SID, KEY, "sec:salt:with:colons")
    assert (creds.secret, creds.salt, creds.send_salt) == ("sec", "salt:with:colons", True)
    request = core(app_secret="sec:salt:with:colons").request("m", b"[]")
    assert query(request)["salt"] == "salt:with:colons"
    assert "sec" not in request.url.query.decode().replace("salt", "")
    assert sign_ok(request, secret="sec")


def test_empty_salt_after_colon_is_sent() -> None:
    assert query(core(app_secret=f"{SECRET}:").request("m", b"[]"))["salt"] == ""


@pytest.mark.parametrize(
    "url",
    ["http://h:8000", "http://h:8000/", "http://h:8000/openapi", "http://h:8000/openapi/"],
)
def test_endpoint_not_doubled(url: str) -> None:
    assert endpoint_url(url) == "http://h:8000/openapi"


def test_body_encoding() -> None:
    assert encode_body([]) == b"[]"
    assert encode_body([{"name": "旺店 /x", "n": 1.5}]) == '[{"name":"旺店 /x","n":1.5}]'.encode()
    assert encode_body([datetime(2026, 1, 2, 3, 4, 5), date(2026, 1, 2)]) == (
        b'["2026-01-02 03:04:05","2026-01-02"]'
    )


@given(
    sid=st.text(min_size=1),
    method=st.text(min_size=1),
    args=st.lists(st.one_of(st.integers(-(2**53), 2**53), st.text(), st.booleans(), st.none())),
)
def test_any_request_verifies_server_side(sid: str, method: str, args: list[object]) -> None:
    sid, method = sid.replace("\x00", ""), method.replace("\x00", "")
    if not sid or not method:
        return
    creds = Credentials.parse(sid, KEY, APP_SECRET)
    request = build_request("http://h/openapi", creds, method, encode_body(args), 470000000)
    params = query(request)
    assert (params["sid"], params["method"]) == (sid, method)
    assert sign_ok(request)
