"""Entry points of the sales context, addressed by numbers (tid, trade_no) as callers know them.

The vendor methods (api/methods/sales_*.py) and the ERP-side operations (api/ops_sales.py) call
these; the work is done in `rawtrades` (push), `flow` (submit/check/consign/cancel), `edits`
(remark, exception, labels, merge, archive, import) and `autopilot`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.sales import autopilot, edits, flow, rawtrades, tradelog
from wdterp.domain.sales.models import RawTrade, Trade
from wdterp.domain.sales.rawtrades import PushResult
from wdterp.domain.sales.statuses import SYSTEM_OPERATOR
from wdterp.protocol.errors import business_error


def push_raw_trades(session: Session, tenant_id: int, shop_no: str, trades: list[dict[str, Any]],
                    lines: list[dict[str, Any]], discounts: list[dict[str, Any]],
                    permitted: frozenset[str] | None, per_trade_errors: bool) -> PushResult:
    shop = rawtrades.push_shop(session, tenant_id, shop_no, permitted)
    result = rawtrades.push(session, tenant_id, shop, trades, lines, discounts, per_trade_errors)
    autopilot.after_push(session, tenant_id, result.saved_ids)
    return result


def raw_trade(session: Session, tenant_id: int, tid: str) -> RawTrade:
    raw = rawtrades.find_raw_trade(session, tenant_id, tid)
    if raw is None:
        raise business_error(f"原始单{tid}不存在", f"raw trade {tid!r} not found")
    return raw


def submit(session: Session, tenant_id: int, tid: str, operator: str = SYSTEM_OPERATOR) -> Trade:
    return flow.submit(session, raw_trade(session, tenant_id, tid), operator)


def check(session: Session, tenant_id: int, trade_no: str, operator: str = SYSTEM_OPERATOR) -> Trade:
    trade = tradelog.get_trade(session, tenant_id, trade_no)
    flow.check(session, trade, operator)
    return trade


def consign(session: Session, tenant_id: int, trade_no: str, logistics_no: str | None,
            tracking_no: str | None, operator: str = SYSTEM_OPERATOR) -> Trade:
    trade = tradelog.get_trade(session, tenant_id, trade_no)
    flow.consign(session, trade, logistics_no, tracking_no, operator)
    return trade


def cancel(session: Session, tenant_id: int, trade_no: str, reason: str, operator: str = SYSTEM_OPERATOR) -> Trade:
    trade = tradelog.get_trade(session, tenant_id, trade_no)
    flow.cancel(session, trade, reason, operator)
    return trade


def add_labels(session: Session, tenant_id: int, trade_no: str, names: list[str],
               operator: str = SYSTEM_OPERATOR) -> Trade:
    trade = tradelog.get_trade(session, tenant_id, trade_no)
    edits.add_labels(session, trade, names, operator)
    return trade


def trade_summary(trade: Trade) -> dict[str, Any]:
    """What the operations answer about a trade."""
    return {"trade_no": trade.trade_no, "trade_id": trade.trade_id, "trade_status": trade.trade_status,
            "src_tids": trade.src_tids, "stockout_no": trade.stockout_no, "logistics_no": trade.logistics_no,
            "goods_count": float(trade.goods_count)}
