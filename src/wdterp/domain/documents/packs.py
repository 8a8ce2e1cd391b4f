"""Box codes (箱码, wms.GoodsPack.upload): a box of one spec in a warehouse, with its own barcode."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.catalog.models import Barcode
from wdterp.domain.documents.engine import quantity
from wdterp.domain.documents.models import GoodsPack
from wdterp.domain.inventory import service as inventory
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.protocol.errors import ApiError, business_error

#: box states the upload takes: 0 未入库 not in stock · 2 已入库 in stock
PACK_STATES = (0, 2)
#: prefix of generated box codes: `Z` + YYYYMMDD + 4-digit daily sequence (the page's `Z202406170016`)
PACK_PREFIX = "Z"


def create_pack(session: Session, tenant_id: int, warehouse: Warehouse, values: dict[str, Any],
                settings: dict[str, Any]) -> GoodsPack:
    spec = spec_by_no(session, tenant_id, str(values["src_spec_no"]))
    if spec is None:
        raise ApiError("E45", f"spec_no {values['src_spec_no']!r} unknown")
    num: Decimal = quantity(values["num"], settings)
    status = int(values["status"])
    if status not in PACK_STATES:
        raise business_error("状态错误", f"box status {status} is not one of {PACK_STATES}")
    batch_no = str(values.get("batch_no") or "")
    if batch_no:
        inventory.active_batch(session, tenant_id, batch_no)
    barcode = str(values.get("pack_barcode") or "") or next_no(session, tenant_id, PACK_PREFIX)
    _ensure_new_barcode(session, tenant_id, barcode)
    expire = values.get("expire_date")
    pack = GoodsPack(tenant_id=tenant_id, pack_barcode=barcode, warehouse_id=warehouse.warehouse_id,
                     spec_id=spec.spec_id, num=num, status=status, batch_no=batch_no,
                     expire_date=expire.date() if isinstance(expire, datetime) else
                     expire if isinstance(expire, date) else None)
    session.add(pack)
    session.flush()
    return pack


def _ensure_new_barcode(session: Session, tenant_id: int, barcode: str) -> None:
    taken = session.scalar(select(GoodsPack.rec_id).where(GoodsPack.tenant_id == tenant_id,
                                                          GoodsPack.pack_barcode == barcode))
    if taken is not None:
        raise business_error(f"箱码{barcode}已存在", f"box code {barcode!r} already used")
    if session.scalar(select(Barcode.rec_id).where(Barcode.tenant_id == tenant_id, Barcode.barcode == barcode)):
        raise ApiError("E73", f"box code {barcode!r} is a barcode of a spec or suite")
