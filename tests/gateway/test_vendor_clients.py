"""Requests as the vendor's own client SDKs build them (PHP, Java), byte for byte where it matters:
query encoding, content types, what a body may start with, and the paging parameters they send or leave out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

import httpx
import orjson
import pytest
from gwtools import envelope_of

from support import Caller, TenantHandle
from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move
from wdterp.domain.masterdata.models import Warehouse
from wdterp.protocol.errors import row
from wdterp.protocol.sign import compute_sign

QUERY = "setting.Warehouse.queryWarehouse"


def _send(caller: Caller, params: dict[str, str], body: bytes, *, quote_via: Any = quote_plus,
          headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Sign over the decoded values (as every SDK does), encode the query with `quote_via`, post `body`
    with exactly `headers` (httpx adds no Content-Type of its own for raw content)."""
    signed = {**params, "sign": compute_sign(caller.secret, params, body)}
    query = urlencode(signed, quote_via=quote_via)
    response = httpx.post(f"{caller.url}/openapi?{query}", content=body, headers=headers or {}, timeout=30)
    return envelope_of(response)


def _php_body(args: list[Any]) -> bytes:
    """PHP's json_encode without flags: non-ASCII as \\uXXXX, '/' as '\\/'."""
    return orjson.dumps(args).decode().encode("ascii", "backslashreplace").replace(b"/", b"\\/")


def _warehouses(tenant: TenantHandle, count: int) -> None:
    with tenant.db.transaction() as session:
        for i in range(count):
            session.add(Warehouse(tenant_id=tenant.tenant_id, warehouse_no=f"W{i}", name=f"仓库/{i}", type=1))


# ---------------------------------------------------------------------------- (a) query encoding


def test_php_style_query_with_spaces_and_plus_signs_and_verifies(tenant: TenantHandle) -> None:
    """PHP's http_build_query (RFC 1738) sends a space as '+' and a literal '+' as '%2B'; the server
    decodes the query as a form (parse_qsl: '+' is a space), so the sign over the raw values matches."""
    caller = tenant.new_caller(key="php app+v1 test")
    _warehouses(tenant, 2)
    params = caller.params(QUERY, page=(10, 0))
    sent = urlencode(params, quote_via=quote_plus)
    assert "php+app%2Bv1+test" in sent  # what goes over the wire
    data = _send(caller, params, _php_body([{}]))
    assert data["status"] == 0 and data["data"]["total_count"] == 2, data


def test_rfc3986_encoded_space_verifies_too(tenant: TenantHandle) -> None:
    """Clients that percent-encode a space as %20 (Java's URLEncoder-free builders, JS encodeURIComponent)
    send the same decoded value, so the same sign."""
    caller = tenant.new_caller(key="java app+v1 test")
    params = caller.params(QUERY, page=(10, 0))
    assert "java%20app%2Bv1%20test" in urlencode(params, quote_via=quote)
    assert _send(caller, params, b"[{}]", quote_via=quote)["status"] == 0


def test_unencoded_plus_reads_as_a_space(sqlite_tenant: TenantHandle) -> None:
    """A client that leaves a literal '+' unencoded in a query value (Spring's UriComponentsBuilder.encode)
    sends what form decoding reads as a space, so its sign over '+' does not match (E06). Decoding stays form
    decoding, which the PHP SDK relies on; such a client must encode '+' as %2B (then it verifies)."""
    caller = sqlite_tenant.caller
    params = {**caller.params(QUERY, page=(10, 0)), "note": "a+b c"}
    signed = {**params, "sign": compute_sign(caller.secret, params, b"[{}]")}
    raw_plus = urlencode(signed, quote_via=lambda text, *_: quote(text, safe="+"))
    assert "note=a+b%20c" in raw_plus
    envelope = envelope_of(httpx.post(f"{caller.url}/openapi?{raw_plus}", content=b"[{}]", timeout=30))
    assert envelope == {"status": row("E06").code, "message": row("E06").message}
    assert _send(caller, params, b"[{}]", quote_via=quote)["status"] == 0  # '+' as %2B


# ---------------------------------------------------------------------------- (b) content types


@pytest.mark.parametrize("headers", [
    {"Content-Type": "text/plain"},
    {"Content-Type": "text/plain; charset=UTF-8"},
    {"Content-Type": "application/x-www-form-urlencoded"},
    {"Content-Type": "application/json;charset=utf-8"},
    {},
], ids=["text-plain", "text-plain-charset", "form", "json-charset", "none"])
def test_any_content_type_or_none_carries_a_json_body(sqlite_tenant: TenantHandle, headers: dict[str, str]) -> None:
    """The body is read as bytes whatever the Content-Type says (the vendor's clients differ: curl in the PHP
    SDK sends none of its own, some Java clients send text/plain)."""
    _warehouses(sqlite_tenant, 1)
    caller = sqlite_tenant.caller
    data = _send(caller, caller.params(QUERY, page=(10, 0)), b'[{"warehouse_no": "W0"}]', headers=headers)
    assert data["status"] == 0 and [w["warehouse_no"] for w in data["data"]["details"]] == ["W0"], data


def test_php_json_encode_escapes_are_the_same_arguments(sqlite_tenant: TenantHandle) -> None:
    """json_encode's \\uXXXX and '\\/' escapes: the sign is over those bytes, the arguments are the same."""
    _warehouses(sqlite_tenant, 2)
    caller = sqlite_tenant.caller
    body = _php_body([{"warehouse_name": "仓库/1"}])
    assert b"\\u4ed3\\u5e93\\/1" in body
    data = _send(caller, caller.params(QUERY, page=(10, 0)), body)
    assert data["status"] == 0 and [w["warehouse_no"] for w in data["data"]["details"]] == ["W1"], data


# ---------------------------------------------------------------------------- (c) byte order mark


def test_body_with_utf8_bom_is_refused_as_not_json(sqlite_tenant: TenantHandle) -> None:
    """Decision: a body starting with a UTF-8 BOM answers E01 (参数错误), signed correctly or not.

    The vendor's SDKs never send one (PHP json_encode, Java JSON.toJSONString write none), RFC 8259 §8.1
    forbids adding it on the network, and the sign is computed over the raw bytes, so a server that
    silently dropped it would verify a body other than the one it parses. A client editing a file with a
    BOM sees the failure at once instead of a sandbox accepting what production may not.
    """
    caller = sqlite_tenant.caller
    envelope = _send(caller, caller.params(QUERY, page=(10, 0)), b"\xef\xbb\xbf[{}]",
                     headers={"Content-Type": "application/json"})
    expected = row("E01")
    assert envelope == {"status": expected.code, "message": expected.message}
    # the same body without the BOM is fine
    assert _send(caller, caller.params(QUERY, page=(10, 0)), b"[{}]")["status"] == 0


# ---------------------------------------------------------------------------- (d, e) paging


def _stock_seed(tenant: TenantHandle, count: int) -> list[str]:
    with tenant.db.transaction() as session:
        warehouse = Warehouse(tenant_id=tenant.tenant_id, warehouse_no="SW", name="stock", type=1)
        goods = Goods(tenant_id=tenant.tenant_id, goods_no="PG", goods_name="paged")
        session.add_all([warehouse, goods])
        session.flush()
        moves, nos = [], []
        for i in range(count):
            spec = Spec(tenant_id=tenant.tenant_id, goods_id=goods.goods_id, spec_no=f"PS{i}", spec_name=f"s{i}")
            session.add(spec)
            session.flush()
            moves.append(Move(warehouse.warehouse_id, spec.spec_id, Decimal(i + 1), spec_no=spec.spec_no))
            nos.append(spec.spec_no)
        inventory.apply_moves(session, tenant.tenant_id, moves, DocumentRef(33, "PAGED"))
    return nos


def test_calc_total_left_out_counts_as_asked(tenant: TenantHandle) -> None:
    """The PHP SDK's page calls send calc_total only when the caller sets it: left out, totals are counted."""
    _warehouses(tenant, 5)
    caller = tenant.caller
    for page_no, rows in ((0, 2), (1, 2), (2, 1)):
        params = caller.params(QUERY, page=(2, page_no))
        del params["calc_total"]
        data = _send(caller, params, b"[{}]")
        assert data["status"] == 0, data
        assert (data["data"]["total_count"], len(data["data"]["details"])) == (5, rows)
    with_zero = _send(caller, caller.params(QUERY, page=(2, 0), calc_total=0), b"[{}]")
    assert len(with_zero["data"]["details"]) == 2  # calc_total=0: rows only (the total is not counted)


def test_calc_total_left_out_on_envelope_style_pages(tenant: TenantHandle) -> None:
    nos = _stock_seed(tenant, 3)
    caller = tenant.caller
    params = caller.params("wms.StockSpec.search", page=(2, 1))
    del params["calc_total"]
    envelope = _send(caller, params, orjson.dumps([{"spec_nos": nos}]))
    assert envelope["status"] == 0 and envelope["total"] == 3 and len(envelope["data"]) == 1, envelope


@pytest.mark.parametrize("page_no", [3, 4, 50])
def test_page_beyond_the_last_is_empty_with_the_total(tenant: TenantHandle, page_no: int) -> None:
    _warehouses(tenant, 6)  # pages of 2: 0, 1, 2
    data = tenant.caller.ok(QUERY, {}, page=(2, page_no))
    assert data == {"total_count": 6, "details": []}


def test_page_beyond_the_last_on_envelope_style_pages(tenant: TenantHandle) -> None:
    nos = _stock_seed(tenant, 3)
    envelope = tenant.caller.call("wms.StockSpec.search", {"spec_nos": nos}, page=(2, 5))
    assert envelope == {"status": 0, "total": 3, "data": []}
    data = tenant.caller.ok("wms.StockSpec.search2", {"spec_nos": nos}, page=(3, 1))
    assert data == {"total_count": 3, "detail_list": []}
