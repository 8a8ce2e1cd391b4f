"""Every gateway row (E01-E19, E32, E36) and the field rows, through real HTTP, with exact messages.

E12/E13/E17 live in test_database_rows.py, E62/E63 in test_limits.py.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from gwtools import JSON_TYPE, envelope_of, post

from conftest import INTERNAL_METHOD, OUTER_NO_METHOD, STATUS_FILTER_METHOD
from support import Caller, TenantHandle
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.tenancy import service as tenancy
from wdterp.protocol.clock import wire_timestamp
from wdterp.protocol.sign import compute_sign

SHOPS = "setting.Shop.queryShop"
PAGE = (10, 0)


def err(status: int, message: str) -> dict[str, Any]:
    return {"status": status, "message": message}


def signed(caller: Caller, method: str = SHOPS, body: bytes = b"[{}]", page: tuple[int, int] | None = PAGE,
           **overrides: Any) -> tuple[dict[str, str], bytes]:
    params = caller.params(method, page, **overrides)
    return {**params, "sign": compute_sign(caller.secret, params, body)}, body


def send(caller: Caller, method: str = SHOPS, body: bytes = b"[{}]", page: tuple[int, int] | None = PAGE,
         **overrides: Any) -> dict[str, Any]:
    params, body = signed(caller, method, body, page, **overrides)
    return envelope_of(post(caller.url, params, body))


# ---------------------------------------------------------------------------- HTTP framing


def test_success_envelope_headers_and_request_id(tenant: TenantHandle) -> None:
    params, body = signed(tenant.caller)
    response = post(tenant.caller.url, params, body)
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_TYPE
    assert len(response.headers["x-request-id"]) == 32
    assert orjson.loads(response.content) == {"status": 0, "data": {"total_count": 0, "details": []}}


@pytest.mark.parametrize("http_method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_wrong_http_method_is_json_e01(tenant: TenantHandle, http_method: str) -> None:
    params, body = signed(tenant.caller)
    response = post(tenant.caller.url, params, body, http_method=http_method)
    assert envelope_of(response) == err(1, "参数错误")
    assert response.headers["x-request-id"]


@pytest.mark.parametrize("path", ["/", "/openapi/", "/openapi2", "/api/openapi", "/favicon.ico"])
def test_unknown_path_is_json_e01(tenant: TenantHandle, path: str) -> None:
    params, body = signed(tenant.caller)
    for http_method in ("GET", "POST"):
        response = post(tenant.caller.url, params, body, http_method=http_method, path=path)
        assert envelope_of(response) == err(1, "参数错误")


def test_php_style_body_is_signed_over_raw_bytes(tenant: TenantHandle) -> None:
    with tenant.db.transaction() as session:
        session.add(Shop(tenant_id=tenant.tenant_id, shop_no="旺店 /x", shop_name="php"))
    body = b'[{"shop_no":"\\u65fa\\u5e97 \\/x"}]'
    params, body = signed(tenant.caller, body=body)
    response = post(tenant.caller.url, params, body,
                    headers={"Content-Type": "application/json; charset=utf-8", "Connection": "close",
                             "X-Version-SDK": "php-3.0"})
    data = envelope_of(response)["data"]
    assert data["total_count"] == 1
    assert data["details"][0]["shop_no"] == "旺店 /x"


def test_empty_php_array_accepted_for_a_map(tenant: TenantHandle) -> None:
    assert send(tenant.caller, body=b"[[]]") == {"status": 0, "data": {"total_count": 0, "details": []}}


# ---------------------------------------------------------------------------- E04, E08: public params


@pytest.mark.parametrize("missing", ["sid", "key", "salt", "method", "v", "timestamp", "sign"])
def test_e04_missing_public_param(tenant: TenantHandle, missing: str) -> None:
    params, body = signed(tenant.caller)
    params.pop(missing)
    assert envelope_of(post(tenant.caller.url, params, body)) == err(1, "参数个数错误")


@pytest.mark.parametrize(("name", "value"), [
    ("timestamp", None),  # a millisecond timestamp, filled in below
    ("timestamp", "12a"),
    ("page_no", "2147483648"),
    ("page_size", "1.5"),
    ("calc_total", " 1"),
])
def test_e08_public_int_not_32_bit(tenant: TenantHandle, name: str, value: str | None) -> None:
    if value is None:
        value = str(wire_timestamp() * 1000 + 495)
    assert send(tenant.caller, **{name: value}) == err(1, f'For input string: "{value}"')


# ---------------------------------------------------------------------------- E03, E05, E09: who


def test_e03_unknown_sid(tenant: TenantHandle) -> None:
    assert send(tenant.caller, sid="no-such-sid") == err(1, "sid is not exists")


def test_e05_disabled_tenant(tenant: TenantHandle) -> None:
    with tenant.db.transaction() as session:
        tenancy.update_tenant(session, tenant.sid, enabled=False)
    tenant.backend.server.gateway.cache.invalidate()
    assert send(tenant.caller) == err(1, "sid is not found")


def test_e09_wrong_salt_unknown_key_disabled_app(tenant: TenantHandle) -> None:
    assert send(tenant.caller, salt="not-the-salt") == err(1, "app auth fail")
    assert send(tenant.caller, key="no-such-key") == err(1, "app auth fail")
    tenant.update_app(enabled=False)
    assert send(tenant.caller) == err(1, "app auth fail")


def test_e16_version(tenant: TenantHandle) -> None:
    assert send(tenant.caller, v="2.0") == err(8, "版本错误")


# just past the edge, with a margin for the second that may tick between signing and checking
@pytest.mark.parametrize("offset", [-200, 200, 123])
def test_e15_timestamp_out_of_window(tenant: TenantHandle, offset: int) -> None:
    assert send(tenant.caller, timestamp=wire_timestamp() + offset) == err(7, "时间戳错误")


def test_timestamp_inside_window_accepted(tenant: TenantHandle) -> None:
    assert send(tenant.caller, timestamp=wire_timestamp() - 100)["status"] == 0


def test_e06_bad_sign(tenant: TenantHandle) -> None:
    params, body = signed(tenant.caller)
    params["sign"] = "0" * 32
    assert envelope_of(post(tenant.caller.url, params, body)) == err(1, "验证失败")
    # the body is part of what is signed: a changed byte fails too
    params, body = signed(tenant.caller, body=b'[{"shop_no":"a"}]')
    assert envelope_of(post(tenant.caller.url, params, b'[{"shop_no":"b"}]')) == err(1, "验证失败")


def test_uppercase_sign_accepted(tenant: TenantHandle) -> None:
    params, body = signed(tenant.caller)
    params["sign"] = params["sign"].upper()
    assert envelope_of(post(tenant.caller.url, params, body))["status"] == 0


def test_e14_ip_whitelist(tenant: TenantHandle) -> None:
    tenant.update_app(ip_whitelist=["10.0.0.0/8", "192.168.1.7"])
    assert send(tenant.caller) == err(6, "ip限制")
    tenant.update_app(ip_whitelist=["10.0.0.0/8", "127.0.0.0/8"])
    assert send(tenant.caller)["status"] == 0
    tenant.update_app(ip_whitelist=["127.0.0.1"])
    assert send(tenant.caller)["status"] == 0


def test_e11_dynamic_password(tenant: TenantHandle) -> None:
    tenant.update_app(dynamic_password=True)
    assert send(tenant.caller) == err(3, "需要动态口令")


# ---------------------------------------------------------------------------- E36, E32: method


def test_e36_unknown_method(tenant: TenantHandle) -> None:
    assert send(tenant.caller, method="setting.Shop.noSuchMethod") == err(100, "权限不足")


def test_e36_method_not_granted(tenant: TenantHandle) -> None:
    tenant.update_app(methods=["setting.Warehouse.queryWarehouse"])
    assert send(tenant.caller) == err(100, "权限不足")
    assert send(tenant.caller, "setting.Warehouse.queryWarehouse")["status"] == 0


def test_e32_internal_only_method(tenant: TenantHandle, temp_method: Any) -> None:
    def handler(ctx: Any, params: dict[str, Any]) -> dict[str, Any]:
        return ctx.page_of([], 0)

    temp_method(INTERNAL_METHOD, handler, internal=True)
    assert send(tenant.caller, INTERNAL_METHOD) == err(100, f"The API used internal only: {INTERNAL_METHOD}")
    tenant.update_app(internal=True)
    assert send(tenant.caller, INTERNAL_METHOD)["status"] == 0


def test_e32_for_the_documented_internal_method_even_unimplemented(tenant: TenantHandle) -> None:
    # its page: "此接口仅支持奇门自定场景访问"; an ordinary app learns that, not "权限不足"
    assert send(tenant.caller, INTERNAL_METHOD) == err(100, f"The API used internal only: {INTERNAL_METHOD}")


# ---------------------------------------------------------------------------- E01, E02, E07: body


@pytest.mark.parametrize("body", [b"", b"not json", b"[{]", b'{"shop_no": "a"}', b'"[]"', b"null", b"1"])
def test_e01_body_not_a_json_array(tenant: TenantHandle, body: bytes) -> None:
    assert send(tenant.caller, body=body) == err(1, "参数错误")


def test_e01_oversize_body(tenant: TenantHandle, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tenant.backend.server.gateway.config
    monkeypatch.setattr(config, "max_body_bytes", 4096)
    at_limit = b'[{"shop_no":"' + b"a" * (4096 - 16) + b'"}]'
    assert len(at_limit) == 4096
    # read whole, then a field rule
    assert send(tenant.caller, body=at_limit) == err(
        100, "Data truncation: Data too long for column 'shop_no' at row 1")
    assert send(tenant.caller, body=at_limit[:-2] + b' "}]') == err(1, "参数错误")


@pytest.mark.parametrize("body", [b"[]", b"[{}, {}, {}]"])
def test_e02_argument_count(tenant: TenantHandle, body: bytes) -> None:
    assert send(tenant.caller, body=body) == err(1, "invalid argument count")


@pytest.mark.parametrize("body", [b'["abc"]', b"[5]", b'[{"platform_id": "abc"}]',
                                  b'[{"shop_no": {"a": 1}}]', b'[{"platform_id": 1.5}]'])
def test_e07_argument_type_mismatch(tenant: TenantHandle, body: bytes) -> None:
    assert send(tenant.caller, body=body) == err(1, "argument type mismatch")


def test_numbers_read_leniently(tenant: TenantHandle) -> None:
    # `10.0` for an Int and a number for a String are what PHP clients send
    assert send(tenant.caller, body=b'[{"platform_id": 127.0, "shop_no": 12}]')["status"] == 0


# ---------------------------------------------------------------------------- E19, E10: paging, filters


def test_e19_paged_method_without_paging(tenant: TenantHandle) -> None:
    assert send(tenant.caller, page=None) == err(100, f"此方法仅支持分页查询：{SHOPS}")
    assert send(tenant.caller, page=None, page_no="0") == err(100, f"此方法仅支持分页查询：{SHOPS}")


def test_e10_unknown_filter(tenant: TenantHandle) -> None:
    assert send(tenant.caller, body=b'[{"shop_name": "x"}]') == err(2, "shop_name")


def test_push_ignores_unknown_fields(tenant: TenantHandle) -> None:
    body = orjson.dumps([{"provider_no": "P1", "provider_name": "n", "extra_field": 1}])
    assert send(tenant.caller, "setting.PurchaseProvider.push", body, page=None)["status"] == 0


# ---------------------------------------------------------------------------- field rules

PROVIDER = "setting.PurchaseProvider.push"


@pytest.mark.parametrize(("method", "body", "expected"), [
    (PROVIDER, [{"provider_name": "n"}], "provider_no不能为空"),
    (PROVIDER, [{"provider_no": None, "provider_name": "n"}], "provider_nomust not be null"),
    (PROVIDER, [{"provider_no": "", "provider_name": "n"}], "provider_nomust not be null"),
    (PROVIDER, [{"provider_no": "P" * 21, "provider_name": "n"}],
     "Data truncation: Data too long for column 'provider_no' at row 1"),
    (PROVIDER, [{"provider_no": "P1", "provider_name": "n", "mobile": "138****5678"}], "电话号码不能包含*"),
    (PROVIDER, [{"provider_no": "P1", "provider_name": "n", "is_disabled": 2}],
     "is_disabledmust be less than or equal to 1"),
    ("setting.Warehouse.queryWarehouse", [{"type": 127}], "typemust be less than or equal to 126"),
    ("setting.Employee.search", [{"start_time": "2024/01/01", "end_time": "2024-01-02"}],
     "Unparseable date: 2024/01/01"),
    ("setting.Employee.search", [{"start_time": "2024-01-01 25:00:00", "end_time": "2024-01-02"}],
     "Unparseable date: 2024-01-01 25:00:00"),
], ids=["E71", "E70-null", "E70-empty", "E78", "E51", "E69-push", "E69-query", "E66", "E66-hour"])
def test_field_rows(tenant: TenantHandle, method: str, body: list[Any], expected: str) -> None:
    page = None if method == PROVIDER else PAGE
    assert send(tenant.caller, method, orjson.dumps(body), page=page) == err(100, expected)


def test_e46_outer_no_too_long(tenant: TenantHandle, temp_method: Any) -> None:
    temp_method(OUTER_NO_METHOD, lambda ctx, order: {"status": 0})
    body = orjson.dumps([{"outer_no": "O" * 41, "warehouse_no": "W1", "goods_list": []}])
    assert send(tenant.caller, OUTER_NO_METHOD, body, page=None) == err(100, "外部单号超长")


def test_e49_status_filter(tenant: TenantHandle, temp_method: Any) -> None:
    temp_method(STATUS_FILTER_METHOD, lambda ctx, params: ctx.page_of([], 0))
    for good in ("10,20", "10", 10, " 10 , 20 "):
        assert send(tenant.caller, STATUS_FILTER_METHOD, orjson.dumps([{"status": good}]))["status"] == 0
    for bad in ("10,a", "10;20", "[10,20]", "10,"):
        assert send(tenant.caller, STATUS_FILTER_METHOD, orjson.dumps([{"status": bad}])) == err(
            100, "状态应该是由逗号分隔开的整数数组")


# ---------------------------------------------------------------------------- check order


def test_order_bad_sign_before_bad_body(tenant: TenantHandle) -> None:
    params, _ = signed(tenant.caller, body=b"[{}]")
    params["sign"] = "f" * 32
    assert envelope_of(post(tenant.caller.url, params, b"{not json")) == err(1, "验证失败")


def test_order_bad_sign_before_unknown_method(tenant: TenantHandle) -> None:
    params, body = signed(tenant.caller, method="no.such.Method")
    params["sign"] = "f" * 32
    assert envelope_of(post(tenant.caller.url, params, body)) == err(1, "验证失败")


def test_order_public_params(tenant: TenantHandle) -> None:
    c = tenant.caller
    # missing param before a bad int, a bad int before an unknown sid
    params, body = signed(c, timestamp="x", sid="nope")
    del params["sign"]
    assert envelope_of(post(c.url, params, body)) == err(1, "参数个数错误")
    assert send(c, timestamp="x", sid="nope") == err(1, 'For input string: "x"')
    # sid before key, key before version, version before timestamp, timestamp before sign
    assert send(c, sid="nope", salt="bad") == err(1, "sid is not exists")
    assert send(c, salt="bad", v="2.0") == err(1, "app auth fail")
    assert send(c, v="2.0", timestamp=wire_timestamp() + 500) == err(8, "版本错误")
    params, body = signed(c, timestamp=wire_timestamp() + 500)
    params["sign"] = "0" * 32
    assert envelope_of(post(c.url, params, body)) == err(7, "时间戳错误")


def test_order_ip_then_dynamic_password_then_method(tenant: TenantHandle) -> None:
    tenant.update_app(ip_whitelist=["10.0.0.0/8"], dynamic_password=True)
    assert send(tenant.caller, "no.such.Method") == err(6, "ip限制")
    tenant.update_app(ip_whitelist=[])
    assert send(tenant.caller, "no.such.Method") == err(3, "需要动态口令")
    tenant.update_app(dynamic_password=False)
    assert send(tenant.caller, "no.such.Method", body=b"{") == err(100, "权限不足")


def test_order_body_then_paging_then_field_rules(tenant: TenantHandle) -> None:
    c = tenant.caller
    assert send(c, body=b"{", page=None) == err(1, "参数错误")
    assert send(c, body=b"[{}, {}, {}]", page=None) == err(1, "invalid argument count")
    assert send(c, body=b'["x"]', page=None) == err(1, "argument type mismatch")
    assert send(c, body=b'[{"nope": 1}]', page=None) == err(100, f"此方法仅支持分页查询：{SHOPS}")
    assert send(c, body=b'[{"shop_no": "' + b"s" * 21 + b'"}]', page=None) == err(
        100, f"此方法仅支持分页查询：{SHOPS}")
    # a type mismatch is reported before a field rule of an earlier field
    body = orjson.dumps([{"provider_no": "P" * 21, "provider_name": "n", "arrive_cycle_days": "soon"}])
    assert send(c, PROVIDER, body, page=None) == err(1, "argument type mismatch")


def test_headers_on_every_error(tenant: TenantHandle) -> None:
    response = httpx.get(f"{tenant.caller.url}/openapi", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON_TYPE
    assert response.headers["x-request-id"]


