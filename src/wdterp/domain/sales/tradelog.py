"""A trade's log and bookkeeping, shared by every step that changes a trade (flow, edits, the
warehouse, the mall sync): find a trade, write its log row (op codes of sales.TradeQuery.getLog),
mark it modified."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.domain.sales.models import Trade, TradeLog
from wdterp.domain.sales.statuses import SYSTEM_OPERATOR
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError


def add_log(session: Session, trade: Trade, log_type: int, message: str = "",
            operator: str = SYSTEM_OPERATOR) -> None:
    session.add(TradeLog(tenant_id=trade.tenant_id, trade_id=trade.trade_id, type=int(log_type),
                         shortname=operator or SYSTEM_OPERATOR, message=message[:255], created=now_china()))


def find_trade(session: Session, tenant_id: int, trade_no: str) -> Trade | None:
    return session.scalar(select(Trade).where(Trade.tenant_id == tenant_id, Trade.trade_no == trade_no))


def get_trade(session: Session, tenant_id: int, trade_no: str) -> Trade:
    """A trade by number, or E21."""
    trade = find_trade(session, tenant_id, trade_no)
    if trade is None:
        raise ApiError("E21", f"trade {trade_no!r} not found")
    return trade


def touch(trade: Trade) -> None:
    trade.modified = now_china()
    trade.version_id = (trade.version_id or 0) + 1
