"""The call log: one row per call under the request id the caller saw, with the reason; no secret, no sign."""

from __future__ import annotations

from gwtools import call_log_rows, envelope_of, post

from support import TenantHandle
from wdterp.domain.calllog.models import CallLog
from wdterp.protocol.sign import canonical_string, compute_sign

WAREHOUSES = "setting.Warehouse.queryWarehouse"


def test_rows_carry_request_id_and_outcome(tenant: TenantHandle) -> None:
    c = tenant.caller
    ok = c.send(c.params(WAREHOUSES, (10, 0)), b"[{}]")
    bad = c.send(c.params(WAREHOUSES, (10, 0)), b'[{"type": 500}]')
    ids = [ok.headers["x-request-id"], bad.headers["x-request-id"]]
    rows = {r.request_id: r for r in call_log_rows(tenant.db, request_ids=ids, expect=2)}
    assert set(rows) == set(ids)
    for row in rows.values():
        assert (row.sid, row.key, row.method, row.client_ip) == (tenant.sid, c.key, WAREHOUSES, "127.0.0.1")
        assert 0 < row.latency_ms < 10_000
        assert row.time is not None
    good, failed = rows[ids[0]], rows[ids[1]]
    assert (good.status, good.message) == (0, "")
    assert (failed.status, failed.message) == (100, "typemust be less than or equal to 126")
    assert "type" in failed.detail and "500" in failed.detail  # the full reason, off the wire
    assert envelope_of(bad) == {"status": 100, "message": "typemust be less than or equal to 126"}


def test_sign_failure_logs_canonical_string_without_secret(tenant: TenantHandle) -> None:
    c = tenant.caller
    signs: list[str] = []
    ids: list[str] = []
    for body in (b"[{}]", b'[{"warehouse_no":"W1"}]'):
        params = c.params(WAREHOUSES, (10, 0))
        params["sign"] = compute_sign(c.secret, params, body)
        signs.append(params["sign"])
        ids.append(c.send(params, body).headers["x-request-id"])
    params = c.params(WAREHOUSES, (10, 0))
    bad_sign = compute_sign("not-the-secret", params, b"[{}]")
    signs.append(bad_sign)
    response = post(c.url, {**params, "sign": bad_sign}, b"[{}]")
    assert envelope_of(response) == {"status": 1, "message": "验证失败"}
    ids.append(response.headers["x-request-id"])

    rows = {r.request_id: r for r in call_log_rows(tenant.db, request_ids=ids, expect=3)}
    failed = rows[response.headers["x-request-id"]]
    assert (failed.status, failed.message, failed.method) == (1, "验证失败", WAREHOUSES)
    assert canonical_string(params, b"[{}]").decode() in failed.detail

    # nothing anywhere in the call log holds the secret or a sign
    all_rows = call_log_rows(tenant.db, expect=0)
    columns = [col.key for col in CallLog.__table__.columns]
    for row in all_rows:
        for column in columns:
            text = str(getattr(row, column))
            assert c.secret not in text, (column, row.request_id)
            for sign in signs:
                assert sign not in text, (column, row.request_id)


def test_every_failure_has_a_row(tenant: TenantHandle) -> None:
    c = tenant.caller
    answers = [
        c.send(c.params(WAREHOUSES, (10, 0), sid="nope"), b"[{}]"),
        c.send(c.params(WAREHOUSES, (10, 0), v="3"), b"[{}]"),
        c.send(c.params("no.such.Method"), b"[{}]"),
        post(c.url, c.params(WAREHOUSES), b"", http_method="GET"),
    ]
    ids = [a.headers["x-request-id"] for a in answers]
    rows = {r.request_id: r for r in call_log_rows(tenant.db, request_ids=ids, expect=4)}
    assert [(rows[i].status, rows[i].message) for i in ids] == [
        (1, "sid is not exists"), (8, "版本错误"), (100, "权限不足"), (1, "参数错误")]
    assert rows[ids[0]].sid == "nope"
