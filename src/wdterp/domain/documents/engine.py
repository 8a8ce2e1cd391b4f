"""The one engine behind every stockin and stockout kind.

A kind (`Kind`) names its direction, type code and number prefix; the engine does the rest the same
way for all of them: resolving and validating lines (E45/E67/E68/E50/E53/E56), unique outer_no
(E39), numbering, checking (stock moves), reserving, cancelling (E26), and the ledger via
`inventory.service`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import specs_by_no
from wdterp.domain.catalog.models import Spec
from wdterp.domain.documents import serials
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import StockinStatus, StockoutStatus
from wdterp.domain.inventory import service as inventory
from wdterp.domain.inventory.service import DocumentRef, Move, ShortageError, default_shortage
from wdterp.domain.masterdata.models import Warehouse
from wdterp.domain.numbering.service import next_no
from wdterp.domain.queries import Reader, first_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error
from wdterp.protocol.numbers import bounded_decimal

# tenant settings the vendor's error fixes mention (set with `wdterp load` / `wdterp ops`)
SETTING_DECIMAL_QUANTITY = "decimal_quantity"
SETTING_BATCH_REQUIRED = "batch_expire_required"
SETTING_ALLOW_SAME_SPEC = "allow_same_spec"


@dataclass(frozen=True)
class Kind:
    direction: str  # "in" | "out"
    order_type: int
    prefix: str
    #: row answered for an unknown spec or a repeated line: E45 (other in/out) or E67/E68
    duplicate_row: str = "E67"
    #: non-sales kinds obey the "batch and expiry required" tenant setting (E50)
    sales: bool = False

    @property
    def completed(self) -> int:
        return StockinStatus.COMPLETED if self.direction == "in" else StockoutStatus.COMPLETED

    @property
    def cancelled(self) -> int:
        return StockinStatus.CANCELLED if self.direction == "in" else StockoutStatus.CANCELLED

    @property
    def sign(self) -> int:
        return 1 if self.direction == "in" else -1


@dataclass
class LineSpec:
    """A validated document line, with its spec resolved."""

    spec: Spec
    num: Decimal
    price: Decimal = Decimal(0)
    defect: bool = False
    position_id: int | None = None
    batch_no: str = ""
    expire_date: date | None = None
    production_date: date | None = None
    remark: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def active_warehouse(session: Reader, tenant_id: int, warehouse_no: str) -> Warehouse:
    """The enabled warehouse of a document (E31 when not given, E34 when unknown or disabled)."""
    if not warehouse_no:
        raise ApiError("E31")
    warehouse = first_of(session, select(Warehouse).where(Warehouse.tenant_id == tenant_id,
                                                          Warehouse.warehouse_no == warehouse_no))
    if warehouse is None or warehouse.is_disabled:
        raise ApiError("E34", f"warehouse {warehouse_no!r} does not exist or is disabled")
    return warehouse


def is_external(warehouse: Warehouse) -> bool:
    """外部仓/委外仓: run by an external WMS — flagged `is_external` or of a type other than 1 普通
    (glossary: "warehouse run by an external WMS (type > 1)"). Stockouts from one need the receiver (E33)."""
    return bool(warehouse.is_external) or (warehouse.type or 1) > 1


# ---------------------------------------------------------------------------- kind hooks

#: a kind's own rules around check/cancel (e.g. other-in/out update their business order)
DocumentHook = Callable[[Session, StockDocument], None]
_BEFORE_CHECK: dict[tuple[str, int], list[DocumentHook]] = {}
_AFTER_CHECK: dict[tuple[str, int], list[DocumentHook]] = {}
_AFTER_CANCEL: dict[tuple[str, int], list[DocumentHook]] = {}
#: before an outgoing document holds its stock (a virtual warehouse gives its shops' share back first)
_BEFORE_RESERVE: dict[tuple[str, int], list[DocumentHook]] = {}


@dataclass(frozen=True)
class KindHooks:
    """The hooks of one kind, as a context declares them (`HOOKS = (KindHooks(...), ...)`)."""

    kind: Kind
    before_check: DocumentHook | None = None
    after_check: DocumentHook | None = None
    after_cancel: DocumentHook | None = None
    before_reserve: DocumentHook | None = None

    def register(self) -> None:
        register_hooks(self.kind, before_check=self.before_check, after_check=self.after_check,
                       after_cancel=self.after_cancel, before_reserve=self.before_reserve)


def register_hooks(kind: Kind, *, before_check: DocumentHook | None = None,
                   after_check: DocumentHook | None = None, after_cancel: DocumentHook | None = None,
                   before_reserve: DocumentHook | None = None) -> None:
    """Run a kind's own rules whenever one of its documents is checked or cancelled, from any surface.

    The engine knows no kind's rules: `wdterp.wiring` registers every context's `HOOKS` once, before
    any surface (API, ops, CLI, a script) runs.
    """
    key = (kind.direction, kind.order_type)
    for table, hook in ((_BEFORE_CHECK, before_check), (_AFTER_CHECK, after_check),
                        (_AFTER_CANCEL, after_cancel), (_BEFORE_RESERVE, before_reserve)):
        if hook is not None and hook not in table.setdefault(key, []):
            table[key].append(hook)


def _run(table: dict[tuple[str, int], list[DocumentHook]], session: Session, doc: StockDocument) -> None:
    for hook in table.get((doc.direction, doc.order_type), ()):
        hook(session, doc)


# ---------------------------------------------------------------------------- lines


def quantity(value: Any, settings: dict[str, Any]) -> Decimal:
    """A line quantity: > 0, whole unless the tenant allows decimal quantities (E56)."""
    try:
        num = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApiError("E56", f"quantity {value!r} is not a number") from None
    if not num.is_finite():
        raise ApiError("E56", f"quantity {value!r} is not a finite number")
    num = bounded_decimal(num, "num")
    if num <= 0 or (num != num.to_integral_value() and not settings.get(SETTING_DECIMAL_QUANTITY)):
        raise ApiError("E56", f"quantity {value!r} must be > 0 and whole unless decimals are enabled")
    return num


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def resolve_lines(session: Session, tenant_id: int, warehouse: Warehouse, kind: Kind,
                  raw_lines: Sequence[dict[str, Any]], settings: dict[str, Any],
                  num_field: str = "num") -> list[LineSpec]:
    if not raw_lines:
        raise ApiError("E45", "no detail lines")
    specs = specs_by_no(session, tenant_id, [str(r.get("spec_no", "")) for r in raw_lines])
    lines: list[LineSpec] = []
    for raw in raw_lines:
        spec = specs.get(str(raw.get("spec_no", "")))
        if spec is None:
            raise ApiError("E45", f"spec_no {raw.get('spec_no')!r} unknown")
        lines.append(_line(session, tenant_id, warehouse, kind, spec, raw, settings, num_field))
    _check_repeats(kind, lines, settings)
    return lines


def _line(session: Session, tenant_id: int, warehouse: Warehouse, kind: Kind, spec: Spec,
          raw: dict[str, Any], settings: dict[str, Any], num_field: str) -> LineSpec:
    batch_no = str(raw.get("batch_no") or "")
    expire = _as_date(raw.get("expire_date"))
    if settings.get(SETTING_BATCH_REQUIRED) and not kind.sales and (not batch_no or expire is None):
        raise ApiError("E50", f"spec {spec.spec_no}: batch_no and expire_date are required")
    if batch_no:
        if kind.direction == "in" and settings.get("auto_create_batch", True):
            inventory.ensure_batch(session, tenant_id, batch_no)
        else:
            inventory.active_batch(session, tenant_id, batch_no)
    position_id = None
    if raw.get("position_no"):
        position_id = inventory.position(session, tenant_id, warehouse.warehouse_id,
                                         str(raw["position_no"])).position_id
    price = raw.get("price")
    return LineSpec(
        spec=spec, num=quantity(raw.get(num_field), settings),
        price=Decimal(str(price)) if price not in (None, "") else Decimal(0),
        defect=bool(raw.get("defect") or False), position_id=position_id, batch_no=batch_no,
        expire_date=expire, production_date=_as_date(raw.get("production_date")),
        remark=str(raw.get("remark") or ""),
    )


def _check_repeats(kind: Kind, lines: Iterable[LineSpec], settings: dict[str, Any]) -> None:
    seen_specs: set[int] = set()
    seen_full: set[tuple[Any, ...]] = set()
    allow_same = bool(settings.get(SETTING_ALLOW_SAME_SPEC))
    for line in lines:
        full = (line.spec.spec_id, line.position_id, line.batch_no, line.expire_date, line.defect)
        if kind.duplicate_row == "E45" and not allow_same and line.spec.spec_id in seen_specs:
            raise ApiError("E45", f"spec_no {line.spec.spec_no} repeated")
        if not allow_same and line.spec.spec_id in seen_specs:
            raise ApiError("E67", f"spec_no {line.spec.spec_no} repeated")
        if allow_same and full in seen_full:
            raise ApiError("E68", f"spec_no {line.spec.spec_no} repeated with the same position/batch/expiry")
        seen_specs.add(line.spec.spec_id)
        seen_full.add(full)


# ---------------------------------------------------------------------------- documents


def ensure_outer_no_unused(session: Session, tenant_id: int, kind: Kind, outer_no: str | None) -> None:
    if not outer_no:
        return
    used = session.scalar(select(StockDocument.doc_id).where(
        StockDocument.tenant_id == tenant_id, StockDocument.direction == kind.direction,
        StockDocument.order_type == kind.order_type, StockDocument.outer_no == outer_no))
    if used is not None:
        raise ApiError("E39", f"outer_no {outer_no!r} already used for this document type")


def ensure_doc_no_unused(session: Session, tenant_id: int, doc_no: str) -> None:
    """A caller-chosen document number (an outer_no that becomes ours) must be new for the tenant (E39)."""
    used = session.scalar(select(StockDocument.doc_id).where(StockDocument.tenant_id == tenant_id,
                                                             StockDocument.doc_no == doc_no))
    if used is not None:
        raise ApiError("E39", f"document number {doc_no!r} already used")


def create(session: Session, tenant_id: int, kind: Kind, warehouse: Warehouse, lines: Sequence[LineSpec],
           status: int, doc_no: str | None = None, **header: Any) -> StockDocument:
    """A new document; with `doc_no` the caller's number becomes the document's (else the next number)."""
    ensure_outer_no_unused(session, tenant_id, kind, header.get("outer_no"))
    if doc_no:
        ensure_doc_no_unused(session, tenant_id, doc_no)
    doc = StockDocument(
        tenant_id=tenant_id, direction=kind.direction, order_type=kind.order_type,
        doc_no=doc_no or next_no(session, tenant_id, kind.prefix), status=status,
        warehouse_id=warehouse.warehouse_id,
        goods_count=sum((line.num for line in lines), Decimal(0)),
        goods_type_count=len({line.spec.spec_id for line in lines}),
        total_price=sum((line.num * line.price for line in lines), Decimal(0)),
        extra={}, **{k: v for k, v in header.items() if v is not None and k != "extra"},
    )
    doc.extra = dict(header.get("extra") or {})
    doc.lines = [StockDocumentLine(
        spec_id=line.spec.spec_id, num=line.num, price=line.price, defect=line.defect,
        position_id=line.position_id, batch_no=line.batch_no, expire_date=line.expire_date,
        production_date=line.production_date, remark=line.remark, extra=line.extra,
    ) for line in lines]
    session.add(doc)
    session.flush()
    return doc


def moves_of(doc: StockDocument, sign: int, spec_nos: dict[int, str] | None = None) -> list[Move]:
    return [Move(warehouse_id=doc.warehouse_id, spec_id=line.spec_id, num=sign * line.num, defect=line.defect,
                 position_id=line.position_id, batch_no=line.batch_no, expire_date=line.expire_date,
                 production_date=line.production_date, price=line.price if sign > 0 else None,
                 spec_no=(spec_nos or {}).get(line.spec_id, ""))
            for line in doc.lines]


def _spec_nos(session: Session, doc: StockDocument) -> dict[int, str]:
    ids = {line.spec_id for line in doc.lines}
    rows = session.execute(select(Spec.spec_id, Spec.spec_no).where(Spec.spec_id.in_(ids)))
    return {spec_id: spec_no for spec_id, spec_no in rows}


def ref_of(doc: StockDocument, operator: str = "") -> DocumentRef:
    return DocumentRef(src_order_type=doc.order_type, src_order_no=doc.src_order_no or doc.doc_no,
                       stockio_no=doc.doc_no, operator_name=operator or doc.operator_name, remark=doc.remark)


def reserve(session: Session, doc: StockDocument, on_short: ShortageError = default_shortage,
            sales: bool = False) -> None:
    """Hold the stock an outgoing document will take (sales stockouts at check)."""
    if doc.is_reserved:
        return
    _run(_BEFORE_RESERVE, session, doc)
    inventory.reserve(session, doc.tenant_id, moves_of(doc, 1, _spec_nos(session, doc)), on_short, sales)
    doc.is_reserved = True


def check(session: Session, doc: StockDocument, operator: str = "", on_short: ShortageError = default_shortage,
          status: int | None = None, sales: bool = False, ignore_reservations: bool = False) -> None:
    """审核: the document moves its stock and is completed.

    `ignore_reservations`: an outgoing document may take reserved stock (a count's loss, the count is the truth).
    """
    _run(_BEFORE_CHECK, session, doc)
    sign = 1 if doc.direction == "in" else -1
    moves = moves_of(doc, sign, _spec_nos(session, doc))
    ledger = inventory.apply_moves(session, doc.tenant_id, moves, ref_of(doc, operator), on_short,
                                   from_reserved=doc.is_reserved, sales=sales,
                                   ignore_reservations=ignore_reservations)
    for line, row in zip(doc.lines, ledger, strict=True):  # one ledger row per line, in line order
        line.cost_price = row.cost_price
    doc.is_reserved = False
    now = now_china()
    doc.status = status if status is not None else (
        StockinStatus.COMPLETED if doc.direction == "in" else StockoutStatus.COMPLETED)
    doc.checker_name = operator or doc.checker_name
    doc.check_time = now
    if doc.direction == "out" and doc.consign_time is None:
        doc.consign_time = now  # the stock has left the warehouse (StockoutCollect's 发货时间)
    doc.modified = now
    serials.on_check(session, doc)
    _run(_AFTER_CHECK, session, doc)


def cancel(session: Session, doc: StockDocument, allowed: Iterable[int], sales: bool = False) -> None:
    """Cancel a document in one of the `allowed` states; a reservation is given back."""
    cancelled = StockinStatus.CANCELLED if doc.direction == "in" else StockoutStatus.CANCELLED
    if doc.status == cancelled:
        raise ApiError("E26", f"{doc.doc_no} is already cancelled")
    if doc.status not in set(allowed):
        raise business_error("单据状态不正确", f"{doc.doc_no} is in status {doc.status}, cannot cancel")
    if doc.is_reserved:
        inventory.release(session, moves_of(doc, 1), sales)
        doc.is_reserved = False
    doc.status = cancelled
    doc.modified = now_china()
    serials.on_cancel(session, doc)
    _run(_AFTER_CANCEL, session, doc)


def find(session: Session, tenant_id: int, kind: Kind | None, doc_no: str) -> StockDocument:
    """A document by number (E26 when it does not exist or is of another kind)."""
    stmt = select(StockDocument).where(StockDocument.tenant_id == tenant_id, StockDocument.doc_no == doc_no)
    if kind is not None:
        stmt = stmt.where(StockDocument.direction == kind.direction, StockDocument.order_type == kind.order_type)
    doc = session.scalar(stmt)
    if doc is None:
        raise ApiError("E26", f"document {doc_no!r} not found")
    return doc
