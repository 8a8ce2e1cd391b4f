"""The admin HTTP API under /admin/, through a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from clitools import complete_schema

from support import Caller, ServerHandle, run_server
from wdterp.domain.masterdata.loader import load_document
from wdterp.gateway.config import GatewayConfig
from wdterp.storage.db import Database

TOKEN = "admin-s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WAREHOUSES = "setting.Warehouse.queryWarehouse"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('admin') / 'admin.db'}")
    complete_schema(db.url)
    # a long cache TTL: only the admin API's invalidation makes changes visible at once
    config = GatewayConfig(admin_token=TOKEN, access_cache_ttl=600, call_log_flush_seconds=0.05)
    with run_server(db, config) as server:
        yield server
    db.dispose()


def admin(server: ServerHandle, method: str, path: str, body: Any = None,
          headers: dict[str, str] | None = None) -> httpx.Response:
    response = httpx.request(method, f"{server.url}/admin{path}", json=body,
                             headers=AUTH if headers is None else headers, timeout=30)
    assert response.headers["content-type"].startswith("application/json")
    return response


def test_token_missing_or_wrong(admin_server: ServerHandle) -> None:
    missing = admin(admin_server, "GET", "/ops", headers={})
    assert missing.status_code == 401 and "error" in missing.json()
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = admin(admin_server, "GET", "/ops", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong admin token"
    assert admin(admin_server, "POST", "/tenants", {"sid": "x"}, headers={}).status_code == 401


def test_no_configured_token_answers_403(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'off.db'}")
    complete_schema(db.url)
    with run_server(db, GatewayConfig(admin_token=None, access_cache_ttl=0.0)) as server:
        for headers in ({}, AUTH):
            response = admin(server, "GET", "/ops", headers=headers)
            assert response.status_code == 403 and "no admin token" in response.json()["error"]
    db.dispose()


def test_create_tenant_and_app_then_call_at_once(admin_server: ServerHandle) -> None:
    created = admin(admin_server, "POST", "/tenants", {"sid": "adm1", "name": "Admin One"})
    assert created.status_code == 201
    assert created.json() == {"sid": "adm1", "name": "Admin One", "enabled": True, "settings": {}}
    assert admin(admin_server, "POST", "/tenants", {"sid": "adm1"}).status_code == 409

    # the key is looked up (and its absence cached) before the app exists
    early = Caller(admin_server.url, "adm1", "adm1-api", "x" * 32, "y" * 16).call(WAREHOUSES, {}, page=(10, 0))
    assert early["status"] != 0

    issued = admin(admin_server, "POST", "/apps", {"sid": "adm1", "key": "adm1-api", "rate_limit": 100})
    assert issued.status_code == 201
    body = issued.json()
    assert set(body) == {"sid", "key", "secret"} and body["key"] == "adm1-api"
    secret, salt = body["secret"].split(":", 1)
    caller = Caller(admin_server.url, "adm1", "adm1-api", secret, salt)
    assert caller.ok(WAREHOUSES, {}, page=(10, 0)) == {"total_count": 0, "details": []}

    assert admin(admin_server, "POST", "/apps", {"sid": "adm1", "key": "adm1-api"}).status_code == 409
    generated = admin(admin_server, "POST", "/apps", {"sid": "adm1"}).json()
    assert generated["key"].startswith("adm1-api")
    assert admin(admin_server, "POST", "/apps", {"sid": "nobody"}).status_code == 404


def test_patch_app_takes_effect_at_once(admin_server: ServerHandle) -> None:
    admin(admin_server, "POST", "/tenants", {"sid": "adm2"})
    secret, salt = admin(admin_server, "POST", "/apps", {"sid": "adm2", "key": "k"}).json()["secret"].split(":")
    caller = Caller(admin_server.url, "adm2", "k", secret, salt)
    caller.ok(WAREHOUSES, {}, page=(10, 0))

    changed = admin(admin_server, "PATCH", "/apps/adm2/k", {"enabled": False, "methods": ["setting.Shop.queryShop"]})
    assert changed.status_code == 200
    assert changed.json()["enabled"] is False and changed.json()["methods"] == ["setting.Shop.queryShop"]
    assert caller.call(WAREHOUSES, {}, page=(10, 0))["status"] != 0

    restored = admin(admin_server, "PATCH", "/apps/adm2/k", {"enabled": True, "methods": None}).json()
    assert restored["methods"] is None and restored["enabled"] is True
    caller.ok(WAREHOUSES, {}, page=(10, 0))

    disabled = admin(admin_server, "PATCH", "/tenants/adm2", {"enabled": False})
    assert disabled.status_code == 200 and disabled.json()["enabled"] is False
    assert caller.call(WAREHOUSES, {}, page=(10, 0))["status"] != 0
    admin(admin_server, "PATCH", "/tenants/adm2", {"enabled": True})
    caller.ok(WAREHOUSES, {}, page=(10, 0))

    assert admin(admin_server, "PATCH", "/apps/adm2/none", {"enabled": True}).status_code == 404
    assert admin(admin_server, "PATCH", "/tenants/none", {"enabled": True}).status_code == 404


def test_bad_requests_are_json(admin_server: ServerHandle) -> None:
    unknown_option = admin(admin_server, "POST", "/apps", {"sid": "adm1", "colour": "red"})
    assert unknown_option.status_code == 400 and unknown_option.json()["details"][0]["loc"] == ["colour"]
    wrong_type = admin(admin_server, "PATCH", "/apps/adm1/adm1-api", {"rate_limit": "lots"})
    assert wrong_type.status_code == 400
    not_json = httpx.post(f"{admin_server.url}/admin/tenants", content=b"{", headers=AUTH)
    assert not_json.status_code == 400 and "not JSON" in not_json.json()["error"]
    assert admin(admin_server, "GET", "/nothing/here").status_code == 404
    assert admin(admin_server, "DELETE", "/tenants").status_code == 405


def test_operations(admin_server: ServerHandle) -> None:
    admin(admin_server, "POST", "/tenants", {"sid": "adm3"})
    with admin_server.db.transaction() as session:
        load_document(session, {"sid": "adm3", "shops": [{"shop_no": "mall", "shop_name": "Mall"}]})
    secret, salt = admin(admin_server, "POST", "/apps", {"sid": "adm3", "key": "k"}).json()["secret"].split(":")
    caller = Caller(admin_server.url, "adm3", "k", secret, salt)

    listed = admin(admin_server, "GET", "/ops").json()["operations"]
    assert {"tenant.settings", "shop.disable", "shop.enable"} <= {op["name"] for op in listed}

    ran = admin(admin_server, "POST", "/ops/shop.disable", {"sid": "adm3", "shop_no": "mall"})
    assert ran.status_code == 200
    assert ran.json() == {"operation": "shop.disable", "sid": "adm3",
                          "result": {"shop_no": "mall", "shop_name": "Mall", "is_disabled": True}}
    shops = caller.ok("setting.Shop.queryShop", {"shop_no": "mall"}, page=(10, 0))
    assert shops["details"][0]["is_disabled"] is True

    settings = admin(admin_server, "POST", "/ops/tenant.settings", {"sid": "adm3", "decimal_quantity": 1})
    assert settings.json()["result"]["settings"] == {"decimal_quantity": 1}

    assert admin(admin_server, "POST", "/ops/nope", {"sid": "adm3"}).status_code == 404
    assert admin(admin_server, "POST", "/ops/shop.enable", {"shop_no": "mall"}).status_code == 400
    assert admin(admin_server, "POST", "/ops/shop.enable", {"sid": "adm3"}).status_code == 400
