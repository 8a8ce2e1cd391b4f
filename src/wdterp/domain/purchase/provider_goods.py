"""供应商货品 (purchase.ProviderGoods.upload): create or update by provider_no + spec_no, each line on
its own (a bad line is reported in error_list and skipped, the others are kept)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.purchase import common
from wdterp.domain.purchase.models import ProviderGoods
from wdterp.protocol.errors import ApiError, row

#: fields of a line stored as given (the others default as the page says)
_DECIMALS = ("min_purchase_num", "price", "lowest_price", "tax_rate")


def upload(session: Session, tenant_id: int, items: list[dict[str, Any]]) -> list[str]:
    specs = specs_by_no(session, tenant_id, [str(i.get("spec_no", "")) for i in items])
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for item in items:
        provider_no, spec_no = str(item.get("provider_no") or ""), str(item.get("spec_no") or "")
        try:
            provider = common.provider(session, tenant_id, provider_no)
        except ApiError:
            errors.append(f"{provider_no} 供应商不存在,商家编码：{spec_no}")
            continue
        spec = specs.get(spec_no)
        if spec is None:
            errors.append(f"{provider.provider_name} 商家编码不存在：{spec_no}")
            continue
        if (provider_no, spec_no) in seen:
            errors.append(f"{provider.provider_name} 供应商货品重复,商家编码：{spec_no}")
            continue
        seen.add((provider_no, spec_no))
        if item.get("discount") is not None and Decimal(str(item["discount"])) <= 0:
            errors.append(f"{provider.provider_name} {row('E41').format()},商家编码：{spec_no}")
            continue
        _save(session, tenant_id, provider.provider_id, spec.spec_id, item)
    session.flush()
    return errors


def _save(session: Session, tenant_id: int, provider_id: int, spec_id: int, item: dict[str, Any]) -> None:
    found = common.provider_goods(session, tenant_id, provider_id, [spec_id]).get(spec_id)
    if found is None:
        found = ProviderGoods(tenant_id=tenant_id, provider_id=provider_id, spec_id=spec_id)
        session.add(found)
    for name in _DECIMALS:
        if item.get(name) is not None:
            setattr(found, name, Decimal(str(item[name])))
    if item.get("discount") is not None:
        found.discount = Decimal(str(item["discount"]))
    for name in ("purchase_unit_name", "provider_goods_no", "remark"):
        if item.get(name) is not None:
            setattr(found, name, str(item[name]))
    if item.get("purchase_cycle_day") is not None:
        found.purchase_cycle_day = int(item["purchase_cycle_day"])
    if item.get("is_master") is not None:
        found.is_master = bool(item["is_master"])


def purchased(session: Session, tenant_id: int, provider_id: int, prices: list[tuple[int, Decimal]],
              when: datetime) -> None:
    """A checked receipt bought specs from the provider at these prices: last prices and time move on."""
    listed = common.provider_goods(session, tenant_id, provider_id, [spec_id for spec_id, _ in prices])
    for spec_id, price in prices:
        found = listed.get(spec_id)
        if found is None:
            continue
        found.last_second_price = found.last_price
        found.last_price = price
        found.last_purchase_time = when
