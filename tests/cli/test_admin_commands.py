from __future__ import annotations

from pathlib import Path
from typing import Any

from clitools import Run, stdout_json

from wdterp.domain.masterdata.models import OperationReason, TradeLabel
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database


def _app(db_url: str, sid: str, key: str) -> dict[str, Any]:
    db = Database(db_url)
    try:
        with db.sessions() as session:
            tenant = tenancy.get_tenant(session, sid)
            app = tenancy.find_app(session, tenant.id, key)
            assert app is not None
            return {c.name: getattr(app, c.name) for c in app.__table__.columns}
    finally:
        db.dispose()


def test_tenant_create_seeds_defaults(run: Run, db_url: str) -> None:
    assert stdout_json(run("tenant", "create", "shop1", "--name", "Shop One", "--json")) == {
        "sid": "shop1", "name": "Shop One", "enabled": True, "settings": {}}
    db = Database(db_url)
    with db.sessions() as session:
        tenant = tenancy.get_tenant(session, "shop1")
        assert session.query(TradeLabel).filter_by(tenant_id=tenant.id).count() > 0
        assert session.query(OperationReason).filter_by(tenant_id=tenant.id).count() > 0
    db.dispose()
    failed = run("tenant", "create", "shop1", code=1)
    assert "exists" in failed.output


def test_tenant_enable_disable(run: Run) -> None:
    run("tenant", "create", "shop1")
    assert stdout_json(run("tenant", "update", "shop1", "--disable", "--json"))["enabled"] is False
    assert "disabled" in run("tenant", "update", "shop1").output
    assert stdout_json(run("tenant", "update", "shop1", "--enable", "--json"))["enabled"] is True
    assert "no tenant" in run("tenant", "update", "nobody", "--disable", code=1).output


def test_app_create_json_shape(run: Run, db_url: str) -> None:
    run("tenant", "create", "shop1")
    issued = stdout_json(run("app", "create", "--sid", "shop1", "--key", "k1", "--ip", "10.0.0.0/8,1.2.3.4",
                             "--rate", "30", "--concurrency", "3", "--json"))
    assert set(issued) == {"sid", "key", "secret"}
    assert issued["sid"] == "shop1" and issued["key"] == "k1"
    stored = _app(db_url, "shop1", "k1")
    assert issued["secret"] == f"{stored['secret']}:{stored['salt']}"
    assert stored["ip_whitelist"] == ["10.0.0.0/8", "1.2.3.4"]
    assert (stored["rate_limit"], stored["concurrency_limit"]) == (30, 3)

    generated = stdout_json(run("app", "create", "--sid", "shop1", "--json"))
    assert generated["key"].startswith("shop1-api") and generated["secret"].count(":") == 1

    panel = run("app", "create", "--sid", "shop1", "--key", "k2").output
    assert "k2" in panel and "shop1" in panel and _app(db_url, "shop1", "k2")["salt"] in panel
    assert "exists" in run("app", "create", "--sid", "shop1", "--key", "k1", code=1).output
    assert "no tenant" in run("app", "create", "--sid", "nobody", code=1).output


def test_app_update_options_persisted(run: Run, db_url: str) -> None:
    run("tenant", "create", "shop1")
    run("app", "create", "--sid", "shop1", "--key", "k1")
    run("app", "update", "--sid", "shop1", "--key", "k1", "--disable", "--ip", "127.0.0.1",
        "--dynamic-password", "--rate", "10", "--concurrency", "2", "--methods",
        "setting.Shop.queryShop,setting.Warehouse.queryWarehouse", "--internal", "--shops", "s1,s2",
        "--warehouses", "w1")
    stored = _app(db_url, "shop1", "k1")
    assert stored["enabled"] is False and stored["dynamic_password"] is True and stored["internal"] is True
    assert stored["ip_whitelist"] == ["127.0.0.1"]
    assert (stored["rate_limit"], stored["concurrency_limit"]) == (10, 2)
    assert stored["methods"] == ["setting.Shop.queryShop", "setting.Warehouse.queryWarehouse"]
    assert stored["shops"] == ["s1", "s2"] and stored["warehouses"] == ["w1"]

    described = stdout_json(run("app", "update", "--sid", "shop1", "--key", "k1", "--enable", "--ip", "",
                                "--no-dynamic-password", "--no-internal", "--methods", "all",
                                "--shops", "all", "--warehouses", "ALL", "--json"))
    stored = _app(db_url, "shop1", "k1")
    assert stored["enabled"] is True and stored["dynamic_password"] is False and stored["internal"] is False
    assert stored["ip_whitelist"] == []
    assert stored["methods"] is None and stored["shops"] is None and stored["warehouses"] is None
    assert stored["rate_limit"] == 10  # options left out stay
    assert described["methods"] is None and described["rate_limit"] == 10
    assert "no app" in run("app", "update", "--sid", "shop1", "--key", "nope", "--disable", code=1).output


def test_commands_refuse_an_uninitialised_database(tmp_path: Path, run: Run) -> None:
    result = run("tenant", "create", "x", "--db", f"sqlite:///{tmp_path}/empty.db", db=False, code=2)
    assert "wdterp init" in result.output
