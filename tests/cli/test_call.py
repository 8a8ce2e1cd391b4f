"""`wdterp call` against a real server (the shared SQLite backend)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from support import TenantHandle
from wdterp.cli.main import app
from wdterp.domain.masterdata.loader import load_document
from wdterp.protocol.errors import row


def _env(tenant: TenantHandle) -> dict[str, str]:
    caller = tenant.caller
    return {"WDTERP_URL": caller.url, "WDTERP_SID": caller.sid, "WDTERP_KEY": caller.key,
            "WDTERP_SECRET": f"{caller.secret}:{caller.salt}", "COLUMNS": "200"}


def test_call_prints_the_data(sqlite_tenant: TenantHandle) -> None:
    with sqlite_tenant.db.transaction() as session:
        load_document(session, {"sid": sqlite_tenant.sid,
                                "warehouses": [{"warehouse_no": "WH1", "name": "Main"}]})
    result = CliRunner().invoke(app, ["call", "setting.Warehouse.queryWarehouse", "{}", "--page-size", "10"],
                                env=_env(sqlite_tenant))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_count"] == 1 and data["details"][0]["warehouse_no"] == "WH1"
    assert data["details"][0]["name"] == "Main"

    second_page = CliRunner().invoke(app, ["call", "setting.Warehouse.queryWarehouse", "{}", "--page-size",
                                           "10", "--page-no", "1", "--no-calc-total"], env=_env(sqlite_tenant))
    assert second_page.exit_code == 0, second_page.output
    assert json.loads(second_page.stdout)["details"] == []


def test_call_error_shows_status_message_and_fix(sqlite_tenant: TenantHandle) -> None:
    result = CliRunner().invoke(app, ["call", "setting.Shop.queryShop", "{}"], env=_env(sqlite_tenant))
    assert result.exit_code == 1
    assert "status 100" in result.stderr and "setting.Shop.queryShop" in result.stderr
    assert row("E19").fix_en in result.stderr.replace("\n", " ")
    assert "logs --explain" in result.stderr


def test_call_needs_credentials_and_json_args(sqlite_tenant: TenantHandle) -> None:
    env = {**_env(sqlite_tenant), "WDTERP_SECRET": ""}
    missing = CliRunner().invoke(app, ["call", "setting.Shop.queryShop"], env=env)
    assert missing.exit_code == 2 and "WDTERP_SECRET" in missing.output
    bad = CliRunner().invoke(app, ["call", "setting.Shop.queryShop", "{nope"], env=_env(sqlite_tenant))
    assert bad.exit_code == 2 and "not JSON" in bad.output
