"""Barcodes of specs and suites: one tenant-wide owner per barcode (E73), one master per target."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no, suite_by_no
from wdterp.domain.catalog.models import Barcode, Spec, Suite
from wdterp.domain.catalog.rows import check_lengths
from wdterp.domain.queries import Reader, scalars_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.storage.units import each_in_savepoint

SPEC = 1
SUITE = 2
#: goods.Barcode.upload operation types
ADD, UPDATE = 1, 2


def _owned(session: Session, tenant_id: int, barcode: str) -> Barcode | None:
    return session.scalar(select(Barcode).where(Barcode.tenant_id == tenant_id, Barcode.barcode == barcode))


def claim(session: Session, tenant_id: int, barcode: str, target_type: int, target_id: int,
          master: bool = False, num: int = 1) -> Barcode:
    """Give `barcode` to a spec or suite; E73 when another spec or suite holds it."""
    check_lengths(Barcode, {"barcode": barcode})
    found = _owned(session, tenant_id, barcode)
    if found is not None and (found.target_type, found.target_id) != (target_type, target_id):
        raise ApiError("E73", f"barcode {barcode!r} belongs to {found.target_type}:{found.target_id}")
    if found is None:
        found = Barcode(tenant_id=tenant_id, barcode=barcode, target_type=target_type, target_id=target_id,
                        type=target_type, is_master=False, num=num)
        session.add(found)
    found.num = num
    found.modified = now_china()
    if master:
        _make_master(session, found)
    session.flush()
    return found


def _make_master(session: Session, code: Barcode) -> None:
    for other in session.scalars(select(Barcode).where(
            Barcode.tenant_id == code.tenant_id, Barcode.target_type == code.target_type,
            Barcode.target_id == code.target_id, Barcode.is_master.is_(True), Barcode.barcode != code.barcode)):
        other.is_master = False
        other.modified = now_china()
    code.is_master = True


def set_master(session: Session, tenant_id: int, target_type: int, target_id: int, barcode: str,
               previous: str) -> None:
    """A pushed spec/suite barcode becomes the target's master barcode, replacing the previous one."""
    claim(session, tenant_id, barcode, target_type, target_id, master=True)
    if previous and previous != barcode:
        session.execute(delete(Barcode).where(
            Barcode.tenant_id == tenant_id, Barcode.barcode == previous,
            Barcode.target_type == target_type, Barcode.target_id == target_id))


def release(session: Session, tenant_id: int, target_type: int, target_ids: Iterable[int]) -> None:
    """Free the barcodes of deleted specs or suites so that others may use them."""
    ids = sorted(set(target_ids))
    if ids:
        session.execute(delete(Barcode).where(Barcode.tenant_id == tenant_id, Barcode.target_type == target_type,
                                              Barcode.target_id.in_(ids)))


def barcodes_of(session: Reader, tenant_id: int, target_type: int,
                target_ids: Iterable[int]) -> dict[int, list[Barcode]]:
    ids = sorted(set(target_ids))
    out: dict[int, list[Barcode]] = defaultdict(list)
    if ids:
        stmt = (select(Barcode).where(Barcode.tenant_id == tenant_id, Barcode.target_type == target_type,
                                      Barcode.target_id.in_(ids))
                .order_by(Barcode.is_master.desc(), Barcode.rec_id))
        for code in scalars_of(session, stmt):
            out[code.target_id].append(code)
    return out


# ---------------------------------------------------------------------------- goods.Barcode.upload


@dataclass(frozen=True)
class BarcodeError:
    barcode: str
    merchant_no: str
    message: str


def _target(session: Session, tenant_id: int, merchant_no: str) -> tuple[int, Spec | Suite] | None:
    spec = spec_by_no(session, tenant_id, merchant_no)
    if spec is not None:
        return SPEC, spec
    suite = suite_by_no(session, tenant_id, merchant_no)
    return (SUITE, suite) if suite is not None else None


def upload(session: Session, tenant_id: int, items: list[dict[str, Any]]) -> list[BarcodeError]:
    """Add or rename barcodes of specs/suites; a failing item is reported and the others go on."""
    keys = [(i.get("merchant_no"), i.get("barcode"), i.get("old_barcode")) for i in items]
    if len(set(keys)) != len(keys):
        raise business_error("包含重复数据", "the same merchant_no/barcode pair twice in one call")
    def upload_one(item: dict[str, Any]) -> None:
        _upload_one(session, tenant_id, item, str(item.get("barcode") or ""), str(item["merchant_no"]))

    return [BarcodeError(str(item.get("barcode") or ""), str(item["merchant_no"]), err.message)
            for item, _, err in each_in_savepoint(session, items, upload_one, ApiError) if err is not None]


def _upload_one(session: Session, tenant_id: int, item: dict[str, Any], barcode: str, merchant_no: str) -> None:
    if not barcode:
        raise business_error("条码不能为空")
    target = _target(session, tenant_id, merchant_no)
    if target is None:
        raise business_error(f"商家编码{merchant_no}不存在")
    target_type, obj = target
    target_id = obj.spec_id if isinstance(obj, Spec) else obj.suite_id
    num = int(item.get("num") or 1)
    if int(item.get("type") or ADD) == UPDATE:
        old = str(item.get("old_barcode") or "")
        found = _owned(session, tenant_id, old) if old else None
        if found is None or (found.target_type, found.target_id) != (target_type, target_id):
            raise business_error(f"原条码{old}不存在")
        if barcode != old:
            if _owned(session, tenant_id, barcode) is not None:
                raise ApiError("E73", f"barcode {barcode!r} is taken")
            found.barcode = barcode
        found.num = num
        found.modified = now_china()
        if found.is_master:
            obj.barcode = barcode
        session.flush()
    else:
        has_master = any(c.is_master for c in barcodes_of(session, tenant_id, target_type, [target_id])[target_id])
        claim(session, tenant_id, barcode, target_type, target_id, master=not has_master, num=num)
        if not has_master:
            obj.barcode = barcode
    obj.modified = now_china()

