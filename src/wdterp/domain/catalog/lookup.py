"""Finding specs and suites by the codes integrators send (spec_no, barcode)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import Barcode, Goods, Spec, Suite


def specs_by_no(session: Session, tenant_id: int, spec_nos: Iterable[str],
                include_deleted: bool = False) -> dict[str, Spec]:
    nos = sorted(set(spec_nos))
    if not nos:
        return {}
    stmt = select(Spec).where(Spec.tenant_id == tenant_id, Spec.spec_no.in_(nos))
    if not include_deleted:
        # a deleted goods takes its specs with it
        stmt = stmt.join(Goods, Goods.goods_id == Spec.goods_id).where(Spec.deleted == 0, Goods.deleted == 0)
    return {s.spec_no: s for s in session.scalars(stmt)}


def spec_by_no(session: Session, tenant_id: int, spec_no: str) -> Spec | None:
    return specs_by_no(session, tenant_id, [spec_no]).get(spec_no)


def goods_of(session: Session, spec: Spec) -> Goods:
    goods = session.get(Goods, spec.goods_id)
    assert goods is not None
    return goods


def suite_by_no(session: Session, tenant_id: int, suite_no: str) -> Suite | None:
    return session.scalar(select(Suite).where(Suite.tenant_id == tenant_id, Suite.suite_no == suite_no,
                                              Suite.deleted == 0))


def target_of_barcode(session: Session, tenant_id: int, barcode: str) -> Barcode | None:
    return session.scalar(select(Barcode).where(Barcode.tenant_id == tenant_id, Barcode.barcode == barcode))
