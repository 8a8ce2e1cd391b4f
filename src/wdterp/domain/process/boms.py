"""Bills of materials (物料清单, GP…): process.Bom.upload and what production orders take from them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.documents.engine import quantity
from wdterp.domain.numbering.service import next_no
from wdterp.domain.process.models import Bom, BomLine
from wdterp.protocol.errors import ApiError, business_error

BOM_PREFIX = "GP"


def resolve(session: Session, tenant_id: int, raw_lines: Sequence[dict[str, Any]],
            settings: dict[str, Any]) -> list[tuple[Any, Decimal, dict[str, Any]]]:
    """(spec, num, raw line) of each line: unknown or repeated specs E45, bad quantities E56; a BOM and
    a production order need at least one finished spec and one raw material."""
    if not raw_lines:
        raise ApiError("E45", "no detail lines")
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in raw_lines])
    out, seen = [], set()
    for raw in raw_lines:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        key = (spec.spec_id, bool(raw.get("is_product")))
        if key in seen:
            raise ApiError("E45", f"spec_no {spec.spec_no} repeated")
        seen.add(key)
        out.append((spec, quantity(raw.get("num"), settings), raw))
    kinds = {bool(raw.get("is_product")) for _, _, raw in out}
    if kinds != {True, False}:
        raise business_error("货品列表必须同时包含成品和原料", "a BOM needs finished specs and raw materials")
    return out


def upload(session: Session, tenant_id: int, values: dict[str, Any], details: Sequence[dict[str, Any]],
           settings: dict[str, Any], operator: str) -> Bom:
    name = str(values.get("bom_name") or "").strip()
    if not name:
        raise business_error("物料清单名称不能为空", "bom_name is empty")
    if find(session, tenant_id, name) is not None:
        raise business_error("已经存在同名物料单！", f"a BOM named {name!r} exists")
    lines = resolve(session, tenant_id, details, settings)
    bom = Bom(tenant_id=tenant_id, bom_no=next_no(session, tenant_id, BOM_PREFIX), bom_name=name,
              fee=Decimal(str(values.get("fee") or 0)), remark=str(values.get("remark") or ""),
              operator_name=operator)
    bom.lines = [BomLine(spec_id=spec.spec_id, num=num, is_product=bool(raw.get("is_product")),
                         remark=str(raw.get("remark") or "")) for spec, num, raw in lines]
    session.add(bom)
    session.flush()
    return bom


def find(session: Session, tenant_id: int, name: str) -> Bom | None:
    return session.scalar(select(Bom).where(Bom.tenant_id == tenant_id, Bom.bom_name == name))


def active(session: Session, tenant_id: int, name: str) -> Bom:
    bom = find(session, tenant_id, name)
    if bom is None or bom.is_disabled:
        raise business_error(f"物料清单{name}不存在或已停用", f"BOM {name!r} unknown or disabled")
    return bom
