"""The console over plain HTTP: sign-in, cookie flags, CSRF, the pages answer; /health; paths
outside the envelope; one Date header; E36 told apart in the call log."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from consoletools import TOKEN, ConsoleServer

from support import run_server
from wdterp.domain.calllog import service as calllog
from wdterp.gateway.app import create_app
from wdterp.gateway.config import GatewayConfig
from wdterp.storage.db import Database

PAGES = ["/console/", "/console/apps", "/console/calls", "/console/sign", "/console/explorer",
         "/console/documents", "/console/documents/trades", "/console/documents/stockouts",
         "/console/documents/stockins", "/console/documents/stock", "/console/documents/purchase_applies",
         "/console/documents/purchase_orders", "/console/documents/purchase_returns", "/console/documents/raw_refunds",
         "/console/documents/refunds", "/console/documents/transfers", "/console/documents/production",
         "/console/documents/virtual_orders", "/console/ops", "/console/sandbox"]


def signed_in(console: ConsoleServer) -> httpx.Client:
    client = httpx.Client(base_url=console.url, follow_redirects=False, timeout=30)
    response = client.get(f"/console/login?token={TOKEN}&next=/console/calls")
    assert response.status_code == 303 and response.headers["location"] == "/console/calls"
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def wait_for_log(console: ConsoleServer, request_id: str) -> None:
    for _ in range(200):
        with console.server.db.sessions() as session:
            if calllog.find(session, request_id) is not None:
                return
        time.sleep(0.02)
    raise AssertionError(f"call {request_id} not logged")


def test_sign_in_sets_a_strict_http_only_cookie(console_server: ConsoleServer) -> None:
    client = httpx.Client(base_url=console_server.url, timeout=30)
    response = client.get(f"/console/login?token={TOKEN}&next=/console/apps", follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    assert response.headers["location"] == "/console/apps"
    # no open redirect
    outside = client.get(f"/console/login?token={TOKEN}&next=https://evil.example/", follow_redirects=False)
    assert outside.headers["location"] == "/console/"


def test_nothing_is_shown_without_signing_in(console_server: ConsoleServer) -> None:
    client = httpx.Client(base_url=console_server.url, timeout=30, follow_redirects=False)
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 303 and response.headers["location"].startswith("/console/login?next=")
        assert console_server.sid not in response.text
    wrong = client.get("/console/login?token=nope")
    assert wrong.status_code == 401 and "wrong admin token" in wrong.text
    assert client.get("/console/login").status_code == 200
    client.cookies.set("wdterp_console", "abc.def")
    forged = client.post("/console/apps/create", data={"sid": console_server.sid})
    assert forged.status_code == 401


def test_every_page_answers_once_signed_in(console_server: ConsoleServer) -> None:
    client = signed_in(console_server)
    for page in PAGES:
        response = client.get(page, params={"sid": console_server.sid})
        assert response.status_code == 200, (page, response.text[:500])
        assert "text/html" in response.headers["content-type"]
    assert client.get("/console/no-such-page").status_code == 404
    assert client.get("/console/static/console.css").status_code == 200


def test_actions_need_the_csrf_token(console_server: ConsoleServer) -> None:
    client = signed_in(console_server)
    refused = client.post("/console/apps/create", data={"sid": console_server.sid, "key": "no-csrf"})
    assert refused.status_code == 403 and "CSRF" in refused.text
    token = csrf_of(client.get("/console/apps").text)
    created = client.post("/console/apps/create", data={"sid": console_server.sid, "key": "with-csrf",
                                                        "csrf": token})
    assert created.status_code == 200 and "with-csrf" in created.text
    # the issued secret works at once
    secret = re.search(r"WDTERP_SECRET=([0-9a-f]+):([0-9a-f]+)", created.text)
    assert secret
    caller = console_server.caller.__class__(console_server.url, console_server.sid, "with-csrf", secret.group(1),
                                             secret.group(2))
    assert caller.call("setting.Warehouse.queryWarehouse", {}, page=(10, 0))["status"] == 0
    # disable it from the console: the next call is refused
    saved = client.post(f"/console/apps/{console_server.sid}/with-csrf/update",
                        data={"csrf": token, "methods": "all", "shops": "all", "warehouses": "all"})
    assert saved.status_code == 200
    assert caller.call("setting.Warehouse.queryWarehouse", {}, page=(10, 0)) == {"status": 1,
                                                                                "message": "app auth fail"}


def test_console_is_disabled_without_an_admin_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        from wdterp.storage import migrate

        migrate.upgrade(db)
        with run_server(db, GatewayConfig(admin_token=None)) as server:
            response = httpx.get(f"{server.url}/console/login?token=anything", timeout=30)
            assert response.status_code == 403 and "WDTERP_ADMIN_TOKEN" in response.text
    finally:
        db.dispose()


def test_health(console_server: ConsoleServer) -> None:
    from wdterp import __version__

    response = httpx.get(f"{console_server.url}/health", timeout=30)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": __version__}
    # other methods on /health keep the vendor's envelope
    posted = httpx.post(f"{console_server.url}/health", timeout=30)
    assert posted.status_code == 200 and posted.json() == {"status": 1, "message": "参数错误"}


async def test_health_is_503_when_the_database_is_unreachable() -> None:
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    app = create_app(GatewayConfig(), db)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["database"] == "unreachable" and "reason" in body
    db.dispose()


@pytest.mark.parametrize("path", ["/", "/openapi2", "/consoles", "/healthz", "/admin-x"])
def test_other_paths_keep_the_envelope(console_server: ConsoleServer, path: str) -> None:
    for method in ("GET", "POST", "DELETE"):
        response = httpx.request(method, console_server.url + path, timeout=30)
        assert response.status_code == 200 and response.json() == {"status": 1, "message": "参数错误"}


def test_one_date_header(console_server: ConsoleServer) -> None:
    response = console_server.caller.send(console_server.caller.params("setting.Warehouse.queryWarehouse",
                                                                        page=(10, 0)), b"[{}]")
    assert len(response.headers.get_list("date")) == 1
    assert len(httpx.get(f"{console_server.url}/health", timeout=30).headers.get_list("date")) == 1


def test_e36_unknown_and_ungranted_are_told_apart(console_server: ConsoleServer) -> None:
    caller = console_server.caller
    typo = caller.send(caller.params("setting.Warehouse.queryWarehous", page=(10, 0)), b"[{}]")
    assert typo.json() == {"status": 100, "message": "权限不足"}
    unknown = caller.send(caller.params("no.Such.method"), b"[]")
    wait_for_log(console_server, typo.headers["x-request-id"])
    wait_for_log(console_server, unknown.headers["x-request-id"])
    with console_server.server.db.sessions() as session:
        typo_row = calllog.find(session, typo.headers["x-request-id"])
        unknown_row = calllog.find(session, unknown.headers["x-request-id"])
    assert typo_row and typo_row.detail.startswith("unknown method: ")
    assert "did you mean 'setting.Warehouse.queryWarehouse'" in typo_row.detail
    assert unknown_row and unknown_row.detail.startswith("unknown method: ")
    # a documented method this server does not implement yet, and one the app is not granted
    with console_server.server.db.transaction() as session:
        from wdterp.domain.tenancy import service as tenancy

        app = tenancy.create_app(session, caller.sid, methods=["setting.Shop.queryShop"])
        limited = caller.__class__(caller.url, caller.sid, app.key, app.secret, app.salt)
    denied = limited.send(limited.params("setting.Warehouse.queryWarehouse", page=(10, 0)), b"[{}]")
    wait_for_log(console_server, denied.headers["x-request-id"])
    with console_server.server.db.sessions() as session:
        denied_row = calllog.find(session, denied.headers["x-request-id"])
    assert denied_row and denied_row.detail.startswith("not granted: ")


def test_bodies_are_captured_without_secrets(console_server: ConsoleServer) -> None:
    caller = console_server.caller
    response = caller.send(caller.params("setting.Warehouse.queryWarehouse", page=(10, 0)), b"[{}]")
    request_id = response.headers["x-request-id"]
    wait_for_log(console_server, request_id)
    with console_server.server.db.sessions() as session:
        row = calllog.find(session, request_id)
    assert row and row.request_body == "[{}]" and row.response_body == response.text
    assert caller.secret not in (row.request_body + row.response_body + row.detail)


def test_a_mistyped_method_filter_suggests_names(console_server: ConsoleServer) -> None:
    client = signed_in(console_server)
    page = client.get("/console/calls", params={"method": "setting.Shop.queryShp"})
    assert page.status_code == 200 and 'id="did-you-mean"' in page.text and "setting.Shop.queryShop" in page.text
    assert 'id="did-you-mean"' not in client.get("/console/calls", params={"method": "setting.Shop.queryShop"}).text


def test_documents_filter_page_and_detail(console_server: ConsoleServer) -> None:
    client = signed_in(console_server)
    sid = console_server.sid
    every = client.get("/console/documents/stock", params={"sid": sid})
    assert every.status_code == 200 and "13 条 rows" in every.text
    with console_server.server.db.sessions() as session:
        from wdterp.domain.masterdata.service import find_warehouse
        from wdterp.domain.tenancy import service as tenancy

        tenant_id = tenancy.get_tenant(session, sid).id
        warehouse = find_warehouse(session, tenant_id, "WH-BJ")
        assert warehouse is not None
        warehouse_id = warehouse.warehouse_id
    beijing = client.get("/console/documents/stock", params={"sid": sid, "warehouse_id": warehouse_id})
    assert "3 条 rows" in beijing.text and "WH-SH" not in beijing.text.split('id="doc-rows"')[1]
    assert "1 条 rows" in client.get("/console/documents/stock", params={"sid": sid, "defect": "1"}).text  # 残次品
    assert "12 条 rows" in client.get("/console/documents/stock", params={"sid": sid, "defect": "0"}).text
    bad = client.get("/console/documents/stock", params={"sid": sid, "warehouse_id": "abc"})
    assert bad.status_code == 400
    stockins = client.get("/console/documents/stockins", params={"sid": sid})
    found = re.search(r'href="(/console/documents/stockins/\d+)\?sid=', stockins.text)
    assert found
    detail = client.get(found.group(1), params={"sid": sid})
    assert detail.status_code == 200 and "stock_document_line" in detail.text
    # another tenant's document is not shown under this one
    assert client.get(found.group(1), params={"sid": "nobody"}).status_code == 404


def test_purchase_orders_listed_with_their_lines(console_server: ConsoleServer) -> None:
    from consoletools import demo_tenant

    caller = demo_tenant(console_server.server.db, console_server.url)
    client = signed_in(console_server)
    orders = client.get("/console/documents/purchase_orders", params={"sid": caller.sid, "purchase_no": "CG-DEMO-0001"})
    assert orders.status_code == 200 and "1 条 rows" in orders.text and "CG-DEMO-0001" in orders.text
    found = re.search(r'href="(/console/documents/purchase_orders/\d+)\?sid=', orders.text)
    assert found
    detail = client.get(found.group(1), params={"sid": caller.sid})
    assert detail.status_code == 200 and "purchase_order_line" in detail.text


def test_sandbox_snapshot_restore_reset(console_server: ConsoleServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from consoletools import demo_tenant

    from wdterp.domain.tenancy import service as tenancy

    caller = demo_tenant(console_server.server.db, console_server.url)
    client = signed_in(console_server)
    token = csrf_of(client.get("/console/sandbox", params={"sid": caller.sid}).text)
    snapshot = client.post("/console/sandbox/snapshot", data={"csrf": token, "sid": caller.sid})
    assert snapshot.status_code == 200 and "attachment" in snapshot.headers["content-disposition"]
    with console_server.server.db.transaction() as session:
        tenancy.update_tenant(session, caller.sid, name="changed")
    restored = client.post("/console/sandbox/restore", data={"csrf": token},
                           files={"file": ("s.json", snapshot.content, "application/json")})
    assert restored.status_code == 200 and f"tenant {caller.sid} restored" in restored.text
    with console_server.server.db.sessions() as session:
        assert tenancy.get_tenant(session, caller.sid).name != "changed"
    refused = client.post("/console/sandbox/reset", data={"csrf": token, "sid": caller.sid, "confirm": "x"})
    assert refused.status_code == 400
    reset = client.post("/console/sandbox/reset", data={"csrf": token, "sid": caller.sid, "confirm": caller.sid})
    assert reset.status_code == 200 and f"tenant {caller.sid} reset" in reset.text
    assert caller.call("setting.Warehouse.queryWarehouse", {}, page=(10, 0))["data"]["total_count"] == 0
    garbage = client.post("/console/sandbox/restore", data={"csrf": token},
                          files={"file": ("s.json", b"not json", "application/json")})
    assert garbage.status_code == 400


def test_every_page_on_each_backend(backend) -> None:  # type: ignore[no-untyped-def]
    """The console's own queries (call-log figures, generic document reads) on SQLite and PostgreSQL."""
    from consoletools import demo_tenant

    config = GatewayConfig(admin_token=TOKEN, capture_bodies=True, access_cache_ttl=0.0,
                           call_log_flush_seconds=0.05)
    with run_server(backend.db, config) as server:
        caller = demo_tenant(backend.db, server.url)
        failed = caller.send(caller.params("setting.Warehouse.queryWarehous", page=(10, 0)), b"[{}]")
        client = httpx.Client(base_url=server.url, timeout=30)
        client.get(f"/console/login?token={TOKEN}&next=/console/")
        request_id = failed.headers["x-request-id"]
        for _ in range(200):
            if client.get(f"/console/calls/{request_id}").status_code == 200:
                break
            time.sleep(0.02)
        assert "did you mean" in client.get(f"/console/calls/{request_id}").text
        for page in [*PAGES, "/console/documents/raw_trade", "/console/calls/feed?after=0&row=E36"]:
            response = client.get(page, params={"sid": caller.sid, "trade_no": "T", "warehouse_id": "1"})
            assert response.status_code == 200, (page, response.text[:300])
        assert "E36" in client.get("/console/").text
