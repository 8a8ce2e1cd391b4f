"""`wdterp load` sections of purchase: the provider catalogue and purchase orders.

    provider_goods:                 # purchase.ProviderGoods.queryDetail names these fields
      - {provider_no: P001, spec_no: TS01-WH-M, price: 22, provider_goods_no: YP-TS-W-M}
    purchase_orders:                # purchase.PurchaseOrder.queryWithDetail
      - purchase_no: CG-DEMO-0001
        provider_no: P001
        warehouse_no: WH-SH          # expected and receive warehouse
        purchaser_name: 王采购
        check: true                  # 已审核: its quantity shows as 采购在途量
        detail_list: [{spec_no: TS01-WH-M, num: 100, price: 22}]
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.masterdata.loader import LoadError, SectionResult, each_row
from wdterp.domain.purchase import common, orders, provider_goods
from wdterp.domain.tenancy.models import Tenant

OPERATOR = "load"
_GOODS_KEYS = ("provider_no", "spec_no", "min_purchase_num", "purchase_unit_name", "discount", "provider_goods_no",
               "price", "lowest_price", "purchase_cycle_day", "tax_rate", "is_master", "remark")
_ORDER_KEYS = ("purchase_no", "provider_no", "warehouse_no", "purchaser_name", "check", "remark", "detail_list")


def _known(raw: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(raw) - set(keys))
    if unknown:
        raise LoadError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; known fields: {', '.join(keys)}")


def load_provider_goods(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    def one(raw: dict[str, Any], where: str) -> bool:
        _known(raw, _GOODS_KEYS, where)
        provider = common.provider(session, tenant_id, raw.get("provider_no"))
        spec_ids = [s.spec_id for s in common.specs_by_no(session, tenant_id, [str(raw.get("spec_no"))]).values()]
        existed = bool(common.provider_goods(session, tenant_id, provider.provider_id, spec_ids))
        errors = provider_goods.upload(session, tenant_id, [raw])
        if errors:
            raise LoadError(f"{where}: {errors[0]}")
        return existed

    return each_row(rows, section, "spec_no", one)


def load_orders(session: Session, tenant_id: int, rows: list[dict[str, Any]], section: str) -> SectionResult:
    tenant = session.get(Tenant, tenant_id)
    settings = dict(tenant.settings or {}) if tenant else {}

    def one(raw: dict[str, Any], where: str) -> bool:
        _known(raw, _ORDER_KEYS, where)
        if orders.find(session, tenant_id, str(raw["purchase_no"])) is not None:
            return True
        values = {"purchase_no": raw["purchase_no"], "provider_no": raw.get("provider_no"),
                  "receive_warehouse_nos": raw.get("warehouse_no"), "expect_warehouse_no": raw.get("warehouse_no"),
                  "remark": raw.get("remark"), "purchase_details": raw.get("detail_list") or []}
        places = orders.order_warehouses(session, tenant_id, values, None)
        purchaser = common.purchaser(session, tenant_id, raw.get("purchaser_name"), "", settings)
        order = orders.create(session, tenant_id, values, places, purchaser, settings, OPERATOR)
        if raw.get("check"):
            orders.check(session, order, OPERATOR, settings)
        return False

    return each_row(rows, section, "purchase_no", one)


#: after the catalog, the providers and the stock (registered by `wdterp.wiring`)
SECTIONS = (("provider_goods", load_provider_goods), ("purchase_orders", load_orders))
