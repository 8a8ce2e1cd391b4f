"""wms.stocktransfer.* / wms.stockout.Transfer.* / wms.stockin.Transfer.* / wms.outer.OuterTransfer:
transfers (调拨单) and the transfer stockouts and stockins (src 2) that execute them."""

from __future__ import annotations

from typing import Any

from wdterp.api import docrows
from wdterp.api.context import CallContext
from wdterp.api.methods.owners import DOCUMENT, TRANSFER, TRANSFER_IN, TRANSFER_OUT, owner
from wdterp.api.registry import declare
from wdterp.domain.documents import engine
from wdterp.domain.transfer import service as transfers
from wdterp.domain.transfer.models import TransferOrder
from wdterp.protocol.errors import ApiError

#: OuterTransfer.createByApi create_mode: 0 保存 · 1 提交 · 2 快速审核
SAVE, SUBMIT, QUICK_CHECK = 0, 1, 2


def _check_at_once(ctx: CallContext, order: TransferOrder) -> str | None:
    """Check a new transfer; why it failed when it did (the transfer stays unchecked: status 20)."""
    try:
        with ctx.session.begin_nested():
            transfers.check(ctx.session, order, ctx.access.key, ctx.settings)
    except ApiError as err:
        if err.row.row in ("E27", "E35"):
            raise
        return f"审核失败: {err.message}"
    return None


@declare("wms.stocktransfer.Edit.createOrder")
def create_transfer(ctx: CallContext, order_info: dict[str, Any], details: list[dict[str, Any]],
                    is_check: bool) -> dict[str, Any]:
    source = docrows.warehouse(ctx, order_info.get("from_warehouse_no"))
    target = docrows.warehouse(ctx, order_info.get("to_warehouse_no"))
    order = transfers.create(ctx.session, ctx.tenant_id, source, target, order_info, details, ctx.settings,
                             ctx.access.key)
    failed = _check_at_once(ctx, order) if is_check else None
    if failed:
        return {"message": failed, "transfer_no": order.transfer_no, "status": 20}
    return {"message": order.transfer_no, "transfer_no": order.transfer_no, "status": 0}


@declare("wms.outer.OuterTransfer.createByApi")
def create_outer_transfer(ctx: CallContext, params: dict[str, Any],
                          detail_list: list[dict[str, Any]]) -> dict[str, Any]:
    source = docrows.warehouse(ctx, params.get("from_warehouse_no"))
    target = docrows.warehouse(ctx, params.get("to_warehouse_no"))
    order = transfers.create(ctx.session, ctx.tenant_id, source, target, params, detail_list, ctx.settings,
                             ctx.access.key, outer=True)
    mode = int(params.get("create_mode") or SAVE)
    if mode in (SUBMIT, QUICK_CHECK):
        transfers.submit(order)
    if mode == QUICK_CHECK:
        transfers.check(ctx.session, order, ctx.access.key, ctx.settings)
    return {"transfer_no": order.transfer_no}


def _transfer(ctx: CallContext, transfer_no: str) -> TransferOrder:
    order = transfers.find(ctx.session, ctx.tenant_id, str(transfer_no))
    if order is None:
        raise ApiError("E26", f"transfer {transfer_no!r} not found")
    return order


@declare("wms.stocktransfer.Manage.cancelOrder", owner=owner(TRANSFER, "transfer_no"))
def cancel_transfer(ctx: CallContext, transfer_no: str) -> None:
    transfers.cancel(_transfer(ctx, transfer_no))


@declare("wms.stocktransfer.Manage.pending", owner=owner(TRANSFER, "transferNos"))
def stop_waiting(ctx: CallContext, transfer_nos: list[Any], isback: bool) -> dict[str, Any]:
    """Each number on its own: those that cannot stop waiting are listed with their reason."""
    errors: list[dict[str, Any]] = []
    for raw in transfer_nos:
        number = str(raw)
        try:
            with ctx.session.begin_nested():
                order = transfers.find(ctx.session, ctx.tenant_id, number)
                if order is None:
                    raise ApiError("E47", f"transfer {number!r} not found")
                transfers.stop_waiting(ctx.session, order, bool(isback), ctx.access.key)
        except ApiError as err:  # a per-number outcome the page documents, not a call failure
            errors.append({"order_no": number, "message": err.message})
    return {"error_info": errors, "status": 0}


# ---------------------------------------------------------------------------- transfer stockouts / stockins


def _initial(order_info: dict[str, Any], is_check: bool | None) -> dict[str, Any]:
    """order_info.is_check wins over the argument of the same name (the page: 低优先级)."""
    if order_info.get("is_check") is None:
        return {**order_info, "is_check": 1 if is_check else 0}
    return order_info


def _answer(created: transfers.Created) -> dict[str, Any]:
    if created.check_error:
        return {"message": f"审核失败: {created.check_error}", "status": 20}
    return {"message": created.number, "status": 0}


@declare("wms.stockout.Transfer.createOrder", owner=TRANSFER_OUT)
def create_stockout(ctx: CallContext, order_info: dict[str, Any], details: list[dict[str, Any]],
                    is_check: bool) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, order_info.get("warehouse_no"))
    order = transfers.executable(ctx.session, ctx.tenant_id, str(order_info.get("src_order_no") or ""))
    return _answer(transfers.create_stockout(ctx.session, order, warehouse, _initial(order_info, is_check),
                                             details, ctx.settings, ctx.access.key))


@declare("wms.stockin.Transfer.createOrder", owner=TRANSFER_IN)
def create_stockin(ctx: CallContext, order_info: dict[str, Any], details: list[dict[str, Any]],
                   is_check: bool | None = None) -> dict[str, Any]:
    warehouse = docrows.warehouse(ctx, order_info.get("warehouse_no"))
    order = transfers.executable(ctx.session, ctx.tenant_id, str(order_info.get("src_order_no") or ""))
    return _answer(transfers.create_stockin(ctx.session, order, warehouse, _initial(order_info, is_check),
                                            details, ctx.settings, ctx.access.key))


def _cancel_document(ctx: CallContext, kind: engine.Kind, number: str, allowed: tuple[int, ...]) -> None:
    doc = engine.find(ctx.session, ctx.tenant_id, kind, str(number))
    engine.cancel(ctx.session, doc, allowed)


@declare("wms.stockout.Transfer.cancelOrder", owner=owner(DOCUMENT, "transfer_out_no"))
def cancel_stockout(ctx: CallContext, transfer_out_no: str) -> None:
    _cancel_document(ctx, transfers.TRANSFER_OUT, transfer_out_no, transfers.OUT_CANCELLABLE)


@declare("wms.stockin.Transfer.cancelOrder", owner=owner(DOCUMENT, "transfer_in_no"), time_span=None)
def cancel_stockin(ctx: CallContext, transfer_in_no: str) -> None:
    _cancel_document(ctx, transfers.TRANSFER_IN, transfer_in_no, transfers.IN_CANCELLABLE)
