"""`wdterp load` section `virtual_warehouses` (no vendor method creates one).

    virtual_warehouses:
      - {virtual_warehouse_no: VW1, name: 天猫虚拟仓, warehouse_list: [{warehouse_no: WH-SH}],
         shop_list: [{shop_no: demo-mall}]}

Field names as query / warehouseSearch answer them; both pages' spellings are accepted:
`name` or `virtual_warehouse_name`, `warehouse_list` or `sys_warehouse_list`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.masterdata.loader import LoadError, SectionHandler, SectionResult, each_row
from wdterp.domain.virtual_warehouse import service
from wdterp.domain.virtual_warehouse.models import VirtualWarehouse

FIELDS = frozenset({"virtual_warehouse_no", "name", "virtual_warehouse_name", "warehouse_list", "sys_warehouse_list",
                    "shop_list", "remark", "warehouse_type", "is_disabled"})


def _numbers(rows: Any, key: str, where: str) -> list[str]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) and r.get(key) for r in rows):
        raise LoadError(f"{where}: expected a list of {{{key}: ...}}")
    return [str(r[key]) for r in rows]


def load_virtual_warehouses(session: Session, tenant_id: int, rows: list[dict[str, Any]],
                            section: str) -> SectionResult:
    def load_one(raw: dict[str, Any], where: str) -> bool:
        unknown = sorted(set(raw) - FIELDS)
        if unknown:
            raise LoadError(f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; known: {sorted(FIELDS)}")
        number = str(raw["virtual_warehouse_no"])
        existed = session.scalar(select(VirtualWarehouse.virtual_warehouse_id).where(
            VirtualWarehouse.tenant_id == tenant_id, VirtualWarehouse.virtual_warehouse_no == number)) is not None
        members = raw.get("warehouse_list", raw.get("sys_warehouse_list", []))
        service.save(session, tenant_id, number, str(raw.get("name") or raw.get("virtual_warehouse_name") or ""),
                     _numbers(members, "warehouse_no", where), _numbers(raw.get("shop_list", []), "shop_no", where),
                     str(raw.get("remark") or ""), int(raw.get("warehouse_type") or 0), bool(raw.get("is_disabled")))
        return existed

    return each_row(rows, section, "virtual_warehouse_no", load_one)


#: registered by `wdterp.wiring`, after shops and warehouses
SECTIONS: tuple[tuple[str, SectionHandler], ...] = (("virtual_warehouses", load_virtual_warehouses),)
