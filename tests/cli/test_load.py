from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from clitools import Run, complete_schema, stdout_json
from sqlalchemy import func, select

from wdterp.api.docs import doc
from wdterp.cli.demo import DEMO_APP_KEY, prepare
from wdterp.domain.masterdata import loader, loading
from wdterp.domain.masterdata.models import (
    Employee,
    Logistics,
    OperationReason,
    Provider,
    Shop,
    TradeLabel,
    Warehouse,
)
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage.db import Database

MODELS = (Shop, Warehouse, Logistics, Employee, Provider, OperationReason, TradeLabel)

DOCUMENT: dict[str, Any] = {
    "sid": "acme",
    "name": "ACME",
    "settings": {"decimal_quantity": 1},
    "shops": [{"shop_no": "mall", "shop_name": "Mall", "platform_id": 127, "is_disabled": 0,
               "auth_time": "2024-01-02 03:04:05"},
              {"shop_no": "store", "shop_name": "Store", "platform_id": 0}],
    "warehouses": [{"warehouse_no": "WH1", "name": "Main", "type": 1, "province": "上海"}],
    "logistics": [{"logistics_no": "SF", "logistics_name": "顺丰速运", "logistics_type": 8,
                   "is_support_cod": True, "max_weight": "30.5"}],
    "employees": [{"employee_no": "E1", "name": "Buyer", "shortname": "buyer", "roles_mask": 1024}],
    "providers": [{"provider_no": "P1", "provider_name": "Supplier", "province": "北京", "city": "北京市",
                   "district": "朝阳区"}],
    "reasons": [{"title": "尺码不合适", "priority": 9}],
    "labels": [{"attr_name": "VIP"}, {"attr_name": "加急", "is_disabled": True}],
}


def counts(db_url: str, sid: str) -> dict[str, int]:
    db = Database(db_url)
    try:
        with db.sessions() as session:
            tenant_id = tenancy.get_tenant(session, sid).id
            return {m.__tablename__: session.scalar(
                select(func.count()).select_from(m).where(m.tenant_id == tenant_id)) or 0 for m in MODELS}
    finally:
        db.dispose()


def fetch(db_url: str, model: Any, **where: Any) -> Any:
    db = Database(db_url)
    try:
        with db.sessions() as session:
            return session.scalars(select(model).filter_by(**where)).one()
    finally:
        db.dispose()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_load_is_idempotent(run: Run, db_url: str, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"tenant{suffix}"
    dump = json.dumps if suffix == ".json" else yaml.safe_dump
    path.write_text(dump(DOCUMENT), "utf-8")

    first = stdout_json(run("load", str(path), "--json"))
    assert first["tenant_created"] is True
    assert first["sections"]["shops"] == {"created": 2, "existing": 0}
    after_first = counts(db_url, "acme")
    assert after_first["shop"] == 2 and after_first["provider"] == 1

    second = stdout_json(run("load", str(path), "--json"))
    assert second["tenant_created"] is False
    assert second["sections"]["shops"] == {"created": 0, "existing": 2}
    assert counts(db_url, "acme") == after_first

    changed = {**DOCUMENT, "shops": [{"shop_no": "mall", "shop_name": "Mall 2"}]}
    path.write_text(dump(changed), "utf-8")
    run("load", str(path))
    assert counts(db_url, "acme") == after_first
    shop = fetch(db_url, Shop, shop_no="mall")
    assert shop.shop_name == "Mall 2" and shop.platform_id == 127


def test_loaded_values_are_typed(run: Run, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(DOCUMENT), "utf-8")
    run("load", str(path))
    provider = fetch(db_url, Provider, provider_no="P1")
    assert (provider.province_id, provider.city_id, provider.district_id) == (110000, 110100, 110105)
    assert str(fetch(db_url, Logistics, logistics_no="SF").max_weight) == "30.5000"
    assert fetch(db_url, Shop, shop_no="mall").auth_time.hour == 3
    labels = {lb.attr_name: lb for lb in [fetch(db_url, TradeLabel, attr_name="VIP"),
                                          fetch(db_url, TradeLabel, attr_name="加急")]}
    assert labels["加急"].is_disabled is True and labels["加急"].is_builtin is True
    assert labels["VIP"].attr_key > labels["加急"].attr_key
    assert fetch(db_url, OperationReason, title="尺码不合适").priority == 9
    db = Database(db_url)
    with db.sessions() as session:
        assert tenancy.get_tenant(session, "acme").settings == {"decimal_quantity": 1}
    db.dispose()


@pytest.mark.parametrize(("document", "message"), [
    ({"sid": "x", "gizmos": []}, "unknown top-level key(s) 'gizmos'"),
    ({"name": "no sid"}, "'sid' must be given"),
    ({"sid": "x", "shops": [{"shop_no": "s", "colour": "red"}]}, "shops[0]: unknown field(s) 'colour'"),
    ({"sid": "x", "shops": [{"shop_name": "no key"}]}, "'shop_no' is required"),
    ({"sid": "x", "warehouses": [{"warehouse_no": "w", "warehouse_name": "n"}]}, "'warehouse_name'"),
    ({"sid": "x", "shops": [{"shop_no": "s", "platform_id": "abc"}]}, "shops[0].platform_id"),
    ({"sid": "x", "shops": [{"shop_no": "s" * 21}]}, "longer than 20"),
    ({"sid": "x", "providers": [{"provider_no": "p", "province": "Atlantis"}]}, "unknown province"),
    ({"sid": "x", "shops": {"shop_no": "s"}}, "'shops' must be a list"),
])
def test_load_rejects_bad_files(run: Run, db_url: str, tmp_path: Path, document: dict[str, Any],
                                message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), "utf-8")
    result = run("load", str(path), code=2)
    assert message in result.output
    db = Database(db_url)
    with db.sessions() as session:
        assert tenancy.find_tenant(session, "x") is None  # nothing written
    db.dispose()


def test_load_rejects_unreadable_files(run: Run, tmp_path: Path) -> None:
    assert "cannot read" in run("load", str(tmp_path / "missing.yaml"), code=2).output
    broken = tmp_path / "broken.yaml"
    broken.write_text("sid: [unclosed", "utf-8")
    assert "cannot parse" in run("load", str(broken), code=2).output


@pytest.mark.parametrize(("section", "method", "table"), [
    ("shops", "setting.Shop.queryShop", "details"),
    ("warehouses", "setting.Warehouse.queryWarehouse", "details"),
    ("logistics", "setting.Logistics.queryLogistics", "details"),
    ("employees", "setting.Employee.search", "order_list"),
    ("providers", "setting.PurchaseProvider.queryDetail", "details"),
    ("reasons", "setting.OperationReason.search", "detail_list"),
    ("labels", "setting.CustomAttr.getTradeLabel", "detail_list"),
])
def test_sections_take_the_documented_field_names(section: str, method: str, table: str) -> None:
    spec = {"shops": loading.SHOPS, "warehouses": loading.WAREHOUSES, "logistics": loading.LOGISTICS,
            "employees": loading.EMPLOYEES, "providers": loading.PROVIDERS, "reasons": loading.REASONS,
            "labels": loading.LABELS}[section]
    generated = {"created", "modified", spec.model.__table__.primary_key.columns.keys()[0]}
    documented = {f.name for f in doc(method).response_tables[table]} - generated
    assert documented <= set(spec.fields)


def test_sections_can_be_registered(db_url: str) -> None:
    seen: list[tuple[int, list[dict[str, Any]]]] = []

    def handler(session: Any, tenant_id: int, rows: list[dict[str, Any]], name: str) -> loader.SectionResult:
        seen.append((tenant_id, rows))
        return loader.SectionResult(created=len(rows))

    loader.register_section("gadgets", handler)
    try:
        db = Database(db_url)
        with db.transaction() as session:
            report = loader.load_document(session, {"sid": "plug", "gadgets": [{"a": 1}]})
        db.dispose()
        assert report.sections["gadgets"].created == 1 and seen[0][1] == [{"a": 1}]
    finally:
        loader._SECTIONS.pop("gadgets")


def test_demo_prepare_loads_the_sandbox_and_reuses_its_app(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    complete_schema(url)
    first = prepare(url, "http://127.0.0.1:8080")
    assert (first.sid, first.key, first.url) == ("demo", DEMO_APP_KEY, "http://127.0.0.1:8080")
    assert first.report.tenant_created is True
    assert "export WDTERP_URL=http://127.0.0.1:8080 WDTERP_SID=demo WDTERP_KEY=demo-api " \
           f"WDTERP_SECRET={first.secret}" == first.exports()
    demo_counts = counts(url, "demo")
    assert demo_counts["shop"] == 2 and demo_counts["warehouse"] == 3 and demo_counts["logistics"] == 3
    assert demo_counts["employee"] >= 3 and demo_counts["provider"] >= 1
    assert fetch(url, Shop, shop_no="demo-mall").platform_id == 127
    db = Database(url)
    with db.sessions() as session:
        tenant_id = tenancy.get_tenant(session, "demo").id
        shops = session.scalars(select(Shop).where(Shop.tenant_id == tenant_id)).all()
        assert sorted(s.platform_id for s in shops) == [0, 127]
        # a purchaser: 512 is 采购员 (setting.Employee.search; 1024 is 质检员)
        assert session.scalars(select(Employee).where(Employee.tenant_id == tenant_id,
                                                      Employee.roles_mask.op("&")(512) != 0)).first()
    db.dispose()

    again = prepare(url, "http://127.0.0.1:8080")
    assert (again.key, again.secret) == (first.key, first.secret)
    assert again.report.tenant_created is False
    assert counts(url, "demo") == demo_counts
