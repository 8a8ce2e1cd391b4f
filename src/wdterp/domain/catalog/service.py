"""Goods archive operations: push (upsert goods by goods_no, specs by spec_no), batch push, deletion.

Rules of a push, in the order they are checked for each pushed spec_no that already exists:
E30 its goods is deleted, E29 the spec itself is deleted, E74 it belongs to another goods_no.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog import barcodes, listings
from wdterp.domain.catalog.brands import ensure_units, file_under
from wdterp.domain.catalog.lookup import suite_by_no
from wdterp.domain.catalog.models import NONE_NAME, Goods, Spec
from wdterp.domain.catalog.rows import assign
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import each_in_savepoint

#: batchPush limits (the page: ≤ 50 goods a call, ≤ 500 specs a goods)
BATCH_GOODS_MAX = 50
BATCH_SPECS_MAX = 500
SPECS_COUNT_ERROR = "单品条数不得超过500条或为空"

GOODS_FIELDS = ("goods_name", "short_name", "alias", "pinyin", "goods_type", "unit_name", "aux_unit_name",
                "flag_name", "origin", "remark", "prop1", "prop2", "prop3", "prop4", "prop5", "prop6")
#: names that default to '无' on a new goods
_NONE_DEFAULTS = ("unit_name", "aux_unit_name", "flag_name")
_SPEC_KEYS = frozenset({"spec_id", "goods_id", "tenant_id", "spec_no", "barcode", "deleted", "created",
                        "modified"})
SPEC_FIELDS = tuple(c.name for c in Spec.__table__.columns if c.name not in _SPEC_KEYS)


@dataclass
class PushResult:
    goods: Goods
    specs: list[Spec] = field(default_factory=list)


def find_goods(session: Session, tenant_id: int, goods_no: str) -> Goods | None:
    return session.scalar(select(Goods).where(Goods.tenant_id == tenant_id, Goods.goods_no == goods_no))


def push_goods(session: Session, tenant_id: int, goods_values: dict[str, Any],
               spec_rows: list[dict[str, Any]]) -> PushResult:
    """Create or update a goods and its specs (goods.Goods.push / push2 / batchPush, `wdterp load`)."""
    if not spec_rows:
        raise ApiError("E54", f"goods {goods_values.get('goods_no')!r} pushed without specs")
    goods_no = str(goods_values["goods_no"])
    existing = _check_specs(session, tenant_id, goods_no, spec_rows)
    goods = find_goods(session, tenant_id, goods_no)
    if goods is not None and goods.deleted:
        raise business_error(f"货品编号{goods_no}已删除", f"goods {goods_no!r} is deleted")
    goods = _save_goods(session, tenant_id, goods, goods_values)
    result = PushResult(goods)
    for raw in spec_rows:
        result.specs.append(_save_spec(session, tenant_id, goods, existing.get(raw["spec_no"]), raw))
    ensure_units(session, tenant_id, [goods.unit_name, goods.aux_unit_name,
                                      *(u for s in result.specs for u in (s.unit_name, s.aux_unit_name))])
    goods.modified = now_china()
    session.flush()
    listings.auto_match(session, tenant_id, [s.spec_no for s in result.specs])
    return result


def _check_specs(session: Session, tenant_id: int, goods_no: str,
                 spec_rows: list[dict[str, Any]]) -> dict[str, Spec]:
    nos = [str(r["spec_no"]) for r in spec_rows]
    repeated = next((n for i, n in enumerate(nos) if n in nos[:i]), None)
    if repeated is not None:
        raise business_error(f"商家编码{repeated}重复", f"spec_no {repeated!r} twice in one push")
    found = {s.spec_no: s for s in session.scalars(
        select(Spec).where(Spec.tenant_id == tenant_id, Spec.spec_no.in_(sorted(set(nos)))))}
    for no in nos:
        spec = found.get(no)
        if spec is None:
            if suite_by_no(session, tenant_id, no) is not None:
                raise business_error(f"商家编码{no}已存在", f"spec_no {no!r} is a suite's suite_no")
            continue
        owner = session.get(Goods, spec.goods_id)
        if owner is None or owner.deleted:
            raise ApiError("E30", f"spec {no!r} of deleted goods", spec_no=no,
                           goods_no=owner.goods_no if owner else "")
        if spec.deleted:
            raise ApiError("E29", f"spec {no!r} is deleted", spec_no=no)
        if owner.goods_no != goods_no:
            raise ApiError("E74", f"spec {no!r} belongs to goods {owner.goods_no!r}, pushed under {goods_no!r}")
    return found


def _save_goods(session: Session, tenant_id: int, goods: Goods | None, values: dict[str, Any]) -> Goods:
    create_bc = bool(values.get("auto_create_bc"))
    is_new = goods is None
    if goods is None:
        goods = Goods(tenant_id=tenant_id, goods_no=str(values["goods_no"]))
        for name in _NONE_DEFAULTS:
            setattr(goods, name, NONE_NAME)
    file_under(session, tenant_id, goods, values, create_bc, is_new)  # before the add: it may query
    session.add(goods)
    assign(goods, {k: v for k, v in values.items() if v != "" or k not in _NONE_DEFAULTS}, GOODS_FIELDS)
    session.flush()
    return goods


def _save_spec(session: Session, tenant_id: int, goods: Goods, spec: Spec | None, raw: dict[str, Any]) -> Spec:
    if spec is None:
        spec = Spec(tenant_id=tenant_id, goods_id=goods.goods_id, spec_no=str(raw["spec_no"]))
        session.add(spec)
    assign(spec, raw, SPEC_FIELDS)
    spec.modified = now_china()
    session.flush()
    barcode = raw.get("barcode")
    if barcode:
        barcodes.set_master(session, tenant_id, barcodes.SPEC, spec.spec_id, str(barcode), spec.barcode)
        spec.barcode = str(barcode)
    return spec


@dataclass(frozen=True)
class BatchError:
    no: str
    error: str


def batch_push(session: Session, tenant_id: int, goods_list: list[dict[str, Any]]) -> list[BatchError]:
    """goods.Goods.batchPush: each goods in its own savepoint; failures are listed, the rest is kept."""
    if len(goods_list) > BATCH_GOODS_MAX:
        raise business_error(f"货品条数不得超过{BATCH_GOODS_MAX}条", f"{len(goods_list)} goods in one batch")

    def push_one(item: dict[str, Any]) -> None:
        specs = list(item.get("spec_list") or [])
        if not specs or len(specs) > BATCH_SPECS_MAX:
            raise business_error(SPECS_COUNT_ERROR)
        push_goods(session, tenant_id, item, specs)

    return [BatchError(str(item["goods_no"]), err.message)
            for item, _, err in each_in_savepoint(session, goods_list, push_one, ApiError) if err is not None]


# ---------------------------------------------------------------------------- deletion


#: a check before specs are deleted, raising to refuse (inventory's: stock on hand); `wdterp.wiring` fills it
DeletionGuard = Callable[[Session, Sequence[int], str], None]
_DELETION_GUARDS: list[DeletionGuard] = []


def register_deletion_guard(guard: DeletionGuard) -> None:
    """Run `guard(session, spec_ids, what)` before specs (of a spec or of goods) are deleted."""
    if guard not in _DELETION_GUARDS:
        _DELETION_GUARDS.append(guard)


def _refuse_if_stocked(session: Session, spec_ids: Iterable[int], what: str) -> None:
    ids = sorted(set(spec_ids))
    for guard in _DELETION_GUARDS if ids else ():
        guard(session, ids, what)


def delete_spec(session: Session, tenant_id: int, spec_no: str) -> Spec:
    """Delete one spec: its spec_no stays taken (a push reusing it answers E29), its barcodes are freed."""
    spec = session.scalar(select(Spec).where(Spec.tenant_id == tenant_id, Spec.spec_no == spec_no))
    if spec is None or spec.deleted:
        raise business_error(f"商家编码{spec_no}不存在", f"no live spec {spec_no!r}")
    _refuse_if_stocked(session, [spec.spec_id], f"商家编码{spec_no}")
    spec.deleted = spec.spec_id
    spec.modified = now_china()
    barcodes.release(session, tenant_id, barcodes.SPEC, [spec.spec_id])
    listings.unmatch(session, tenant_id, barcodes.SPEC, [spec.spec_id])
    session.flush()
    return spec


def delete_goods(session: Session, tenant_id: int, goods_no: str) -> Goods:
    """Delete a goods: its specs go with it (a push naming one of them answers E30)."""
    goods = find_goods(session, tenant_id, goods_no)
    if goods is None or goods.deleted:
        raise business_error(f"货品编号{goods_no}不存在", f"no live goods {goods_no!r}")
    spec_ids = list(session.scalars(select(Spec.spec_id).where(Spec.goods_id == goods.goods_id)))
    _refuse_if_stocked(session, spec_ids, f"货品{goods_no}")
    goods.deleted = goods.goods_id
    goods.modified = now_china()
    barcodes.release(session, tenant_id, barcodes.SPEC, spec_ids)
    listings.unmatch(session, tenant_id, barcodes.SPEC, spec_ids)
    session.flush()
    return goods
