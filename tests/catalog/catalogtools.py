"""Helpers of the catalog tests: pushes, operations, windows, error assertions."""

from __future__ import annotations

from typing import Any

from support import TenantHandle
from wdterp.domain.masterdata.models import Shop

PUSH = "goods.Goods.push"
QUERY = "goods.Goods.queryWithSpec"


def goods(goods_no: str = "G1", **extra: Any) -> dict[str, Any]:
    return {"goods_no": goods_no, "goods_name": f"货品{goods_no}", **extra}


def spec(spec_no: str, **extra: Any) -> dict[str, Any]:
    return {"spec_no": spec_no, "spec_name": f"规格{spec_no}", **extra}


def push(tenant: TenantHandle, goods_no: str = "G1", *spec_nos: str, **extra: Any) -> int:
    specs = [spec(n) for n in (spec_nos or (f"{goods_no}-1",))]
    return int(tenant.caller.ok(PUSH, goods(goods_no, **extra), specs))


def query(tenant: TenantHandle, method: str = QUERY, page: tuple[int, int] = (100, 0),
          **params: Any) -> dict[str, Any]:
    return dict(tenant.caller.ok(method, params, page=page))


def add_shop(tenant: TenantHandle, shop_no: str = "mall", platform_id: int = 127) -> None:
    with tenant.db.transaction() as session:
        session.add(Shop(tenant_id=tenant.tenant_id, shop_no=shop_no, shop_name=f"店{shop_no}",
                         platform_id=platform_id))


