"""Changes to trades besides the main flow: remarks, exceptions, labels, merge, archive, imports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no
from wdterp.domain.masterdata.models import Logistics, Shop, TradeLabel, Warehouse
from wdterp.domain.masterdata.scope import ALL, Rights
from wdterp.domain.masterdata.service import active_trade_label
from wdterp.domain.queries import Reader
from wdterp.domain.sales.flow import raw_trades_of, recount
from wdterp.domain.sales.models import RawTrade, Trade, TradeMergeLog, TradeOrder
from wdterp.domain.sales.rawrows import area_codes
from wdterp.domain.sales.statuses import (
    ARCHIVABLE,
    SYSTEM_OPERATOR,
    TO_EXCEPTION_FROM,
    TRADE_FROM_IMPORT,
    LogType,
    ProcessStatus,
    TradeStatus,
    is_unchecked,
)
from wdterp.domain.sales.tradelog import add_log, find_trade, get_trade
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

WRONG_STATUS = "订单状态不正确"
MERGE_LOG_DAYS = 7
MERGE_LABEL = "合单"
IMPORT_MAX = 200
REMARK_MAX = 100


def _touch(trade: Trade) -> None:
    trade.modified = now_china()
    trade.version_id = (trade.version_id or 0) + 1


# ---------------------------------------------------------------------------- remark, exception


def modify_remarks(session: Session, tenant_id: int, items: list[dict[str, Any]],
                   operator: str, rights: Rights = ALL) -> list[dict[str, str]]:
    """客服备注 of unchecked trades; returns per-item failures. E21 when no listed trade exists;
    a trade of a shop or warehouse the app may not use is a failure of its own (E20/E34)."""
    if len(items) > REMARK_MAX:
        raise business_error(f"一次最多修改{REMARK_MAX}条", f"{len(items)} items")
    trades = {i["trade_no"]: find_trade(session, tenant_id, i["trade_no"]) for i in items}
    if items and all(t is None for t in trades.values()):
        raise ApiError("E21", "none of the trades exists")
    errors: list[dict[str, str]] = []
    for item in items:
        trade = trades[item["trade_no"]]
        if trade is None:
            errors.append({"trade_no": item["trade_no"], "message": ApiError("E21").message})
            continue
        try:
            rights.require_row(session, trade.shop_id, trade.warehouse_id, f"trade {trade.trade_no}")
        except ApiError as err:  # a per-item outcome the page documents
            errors.append({"trade_no": trade.trade_no, "message": err.message})
            continue
        if not is_unchecked(trade.trade_status):
            errors.append({"trade_no": trade.trade_no, "message": WRONG_STATUS})
            continue
        remark = str(item.get("cs_remark") or "")
        trade.cs_remark = (trade.cs_remark + remark if item.get("is_super_add") else remark)[:1024]
        _touch(trade)
        add_log(session, trade, LogType.REMARK_CHANGED, f"修改客服备注: {remark[:200]}", operator)
    return errors


def to_exception(session: Session, tenant_id: int, trade_no: str, operator: str, rights: Rights = ALL) -> str:
    """转异常: only 待审核 and the pre-order states; returns "" or the page's failure message."""
    trade = get_trade(session, tenant_id, trade_no)
    rights.require_row(session, trade.shop_id, trade.warehouse_id, f"trade {trade_no}")
    if trade.trade_status not in TO_EXCEPTION_FROM:
        return WRONG_STATUS
    trade.trade_status = TradeStatus.EXCEPTION
    _touch(trade)
    add_log(session, trade, LogType.OTHER, "转入异常订单", operator)
    return ""


def clear_exception(session: Session, tenant_id: int, trade_no: str, operator: str) -> Trade:
    trade = get_trade(session, tenant_id, trade_no)
    if trade.trade_status != TradeStatus.EXCEPTION:
        raise business_error(WRONG_STATUS, f"{trade_no} is not an exception trade")
    trade.trade_status, trade.bad_reason = TradeStatus.AWAITING_CS_CHECK, 0
    _touch(trade)
    add_log(session, trade, LogType.EXCEPTION_CLEARED, "清除异常", operator)
    return trade


# ---------------------------------------------------------------------------- labels


def label_bit(label: Any) -> int:
    """The bit of a label (a TradeLabel, or a row with its attr_key)."""
    return 1 << (label.attr_key - 1)


def add_labels(session: Session, trade: Trade, names: Iterable[str], operator: str = SYSTEM_OPERATOR) -> None:
    """Mark a trade with labels of setting.CustomAttr (E76 for an unknown or disabled one)."""
    labels = [active_trade_label(session, trade.tenant_id, name) for name in names if name]
    for label in labels:
        trade.label_mask |= label_bit(label)
    if labels:
        _touch(trade)
        add_log(session, trade, LogType.LABEL_CHANGED, "标记: " + ",".join(lb.attr_name for lb in labels), operator)


def label_names(session: Reader, tenant_id: int) -> dict[int, str]:
    """bit → label name, for shaping `trade_label`."""
    rows = session.execute(select(TradeLabel.attr_key, TradeLabel.attr_name).where(
        TradeLabel.tenant_id == tenant_id, TradeLabel.attr_type == 12))
    return {label_bit(r): r.attr_name for r in rows}


# ---------------------------------------------------------------------------- merge


def _merge_key(trade: Trade) -> tuple[Any, ...]:
    return (trade.shop_id, trade.warehouse_id, trade.buyer_nick, trade.receiver_name, trade.receiver_mobile,
            trade.receiver_area, trade.receiver_address)


def merge(session: Session, tenant_id: int, main_trade_no: str, trade_nos: list[str],
          operator: str = SYSTEM_OPERATOR) -> Trade:
    """合并: unchecked trades of one buyer and address move their lines into the main trade."""
    main = get_trade(session, tenant_id, main_trade_no)
    others = [get_trade(session, tenant_id, no) for no in dict.fromkeys(trade_nos) if no != main_trade_no]
    if not others:
        raise business_error("请选择要合并的订单", "nothing to merge")
    for trade in (main, *others):
        if trade.trade_status not in (TradeStatus.AWAITING_CS_CHECK, TradeStatus.AWAITING_FINANCE_CHECK):
            raise business_error(WRONG_STATUS, f"{trade.trade_no} is in status {trade.trade_status}")
        if trade.is_sealed:
            raise business_error(f"订单{trade.trade_no}不允许合并", f"{trade.trade_no} is sealed")
        if _merge_key(trade) != _merge_key(main):
            raise business_error("订单的店铺、仓库、买家或收件信息不一致,不能合并",
                                 f"{trade.trade_no} differs from the main trade")
    now = now_china()
    tids = set(main.src_tids.split(","))
    for trade in others:
        for order in list(trade.orders):
            order.trade = main  # moves it between the collections without orphaning it
        for raw in raw_trades_of(session, trade):
            raw.trade_id = main.trade_id
        tids.update(trade.src_tids.split(","))
        for name in ("post_amount", "other_amount", "discount", "receivable", "paid", "cod_amount",
                     "raw_goods_count"):
            setattr(main, name, getattr(main, name) + getattr(trade, name))
        main.raw_goods_type_count += trade.raw_goods_type_count
        if trade.cs_remark:
            main.cs_remark = (f"{main.cs_remark};{trade.cs_remark}" if main.cs_remark else trade.cs_remark)[:1024]
        session.add(TradeMergeLog(tenant_id=tenant_id, trade_id=trade.trade_id, trade_no=trade.trade_no,
                                  main_trade_no=main.trade_no, created=now))
        add_log(session, main, LogType.OTHER, f"合并订单 {trade.trade_no}", operator)
        session.flush()
        session.delete(trade)
    main.src_tids = ",".join(sorted(t for t in tids if t))[:255]
    recount(main)
    label = session.scalar(select(TradeLabel).where(TradeLabel.tenant_id == tenant_id,
                                                    TradeLabel.attr_name == MERGE_LABEL))
    if label is not None and not label.is_disabled:
        main.label_mask |= label_bit(label)
    _touch(main)
    session.flush()
    return main


def purge_merge_logs(session: Session, now: Any) -> int:
    """Merge logs are kept seven days (getTradeMergedLog)."""
    result = session.execute(delete(TradeMergeLog).where(TradeMergeLog.created < now - timedelta(days=MERGE_LOG_DAYS)))
    return int(getattr(result, "rowcount", 0) or 0)


# ---------------------------------------------------------------------------- archive


def archive(session: Session, tenant_id: int, older_than_days: int = 0) -> dict[str, int]:
    """归档: finished trades and raw trades go to the History queries."""
    cutoff = now_china() - timedelta(days=older_than_days)
    trades = session.scalars(select(Trade).where(
        Trade.tenant_id == tenant_id, Trade.archived.is_(False), Trade.trade_status.in_(sorted(ARCHIVABLE)),
        Trade.modified <= cutoff)).all()
    for trade in trades:
        trade.archived = True
        add_log(session, trade, LogType.ARCHIVED, "归档")
        for raw in raw_trades_of(session, trade):
            raw.archived = True
    raws = session.scalars(select(RawTrade).where(
        RawTrade.tenant_id == tenant_id, RawTrade.archived.is_(False), RawTrade.trade_id == 0,
        RawTrade.process_status == ProcessStatus.CANCELLED, RawTrade.modified <= cutoff)).all()
    for raw in raws:
        raw.archived = True
    return {"trades": len(trades), "raw_trades": len(raws)}


# ---------------------------------------------------------------------------- completed-trade import


def import_trades(session: Session, tenant_id: int, rows: list[dict[str, Any]],
                  shops: frozenset[str] | None, warehouses: frozenset[str] | None) -> list[Trade]:
    """sales.TradeImport.upload: completed trades land in 7 待转已完成 (no stock is reserved or moved)."""
    if len(rows) > IMPORT_MAX:
        raise business_error(f"一次最多传入{IMPORT_MAX}条数据", f"{len(rows)} rows")
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(str(row["trade_no"]), []).append(row)
    return [_import_one(session, tenant_id, lines, shops, warehouses) for lines in grouped.values()]


def _import_one(session: Session, tenant_id: int, lines: list[dict[str, Any]],
                shops: frozenset[str] | None, warehouses: frozenset[str] | None) -> Trade:
    head = lines[0]
    if find_trade(session, tenant_id, str(head["trade_no"])) is not None:
        raise business_error("订单编号已存在", f"trade_no {head['trade_no']!r} exists")
    shop = session.scalar(select(Shop).where(Shop.tenant_id == tenant_id, Shop.shop_name == head["shop_name"]))
    if shop is None or shop.is_disabled or (shops is not None and shop.shop_no not in shops):
        raise ApiError("E20", f"shop named {head['shop_name']!r} unknown, disabled or not permitted")
    warehouse = session.scalar(select(Warehouse).where(Warehouse.tenant_id == tenant_id,
                                                       Warehouse.name == head["warehouse_name"]))
    if warehouse is None or warehouse.is_disabled:
        raise business_error(f"仓库{head['warehouse_name']}不存在", "warehouse unknown")
    if warehouses is not None and warehouse.warehouse_no not in warehouses:
        raise ApiError("E34", f"no access to warehouse {warehouse.warehouse_no}")
    logistics = session.scalar(select(Logistics).where(Logistics.tenant_id == tenant_id,
                                                       Logistics.logistics_name == head["logistics_name"]))
    if logistics is None or logistics.is_disabled:
        raise ApiError("E43", f"logistics named {head['logistics_name']!r} unknown",
                       logistics_no=head["logistics_name"])
    province, city, district = area_codes(" ".join(str(head.get(k) or "") for k in ("province", "city", "district")))
    area = " ".join(str(head.get(k)) for k in ("province", "city", "district") if head.get(k))
    trade = Trade(
        tenant_id=tenant_id, trade_no=str(head["trade_no"]), shop_id=shop.shop_id, platform_id=shop.platform_id,
        warehouse_id=warehouse.warehouse_id, trade_status=TradeStatus.IMPORTED,
        trade_type=int(head.get("trade_type") or 1), trade_from=int(head.get("trade_from") or TRADE_FROM_IMPORT),
        src_tids=str(head.get("src_tids") or ""), trade_time=head.get("trade_time"), pay_time=head.get("pay_time"),
        check_time=head.get("check_time"), consign_time=head.get("consign_time"),
        buyer_nick=str(head.get("buyer_nick") or ""), receiver_name=str(head["receiver_name"]),
        receiver_province=province, receiver_city=city, receiver_district=district, receiver_area=area,
        receiver_dtb=str(head.get("receiver_dtb") or ""), receiver_address=str(head["receiver_address"]),
        receiver_zip=str(head.get("receiver_zip") or ""), receiver_mobile=str(head["receiver_mobile"]),
        buyer_message=str(head.get("buyer_message") or ""), cs_remark=str(head.get("cs_remark") or ""),
        logistics_id=logistics.logistics_id, logistics_no=str(head["logistics_no"]),
        receivable=Decimal(head["receivable"]), post_amount=Decimal(head.get("post_amount") or 0),
        invoice_type=int(head.get("invoice_type") or 0), invoice_title=str(head.get("invoice_title") or ""),
        invoice_content=str(head.get("invoice_contect") or ""), salesman_name=str(head.get("salesman") or ""),
        checker_name=str(head.get("checker") or ""))
    trade.orders = [_import_line(session, tenant_id, trade, line) for line in lines]
    recount(trade)
    trade.raw_goods_count, trade.raw_goods_type_count = trade.goods_count, len(trade.orders)
    trade.discount = sum((o.discount for o in trade.orders), Decimal(0))
    session.add(trade)
    session.flush()
    add_log(session, trade, LogType.IMPORTED, "历史订单导入")
    return trade


def _import_line(session: Session, tenant_id: int, trade: Trade, row: dict[str, Any]) -> TradeOrder:
    spec = spec_by_no(session, tenant_id, str(row["merchant_no"]))
    if spec is None:
        raise business_error(f"商家编码{row['merchant_no']}不存在", "merchant_no unknown")
    num, price = Decimal(row["num"]), Decimal(row["order_price"])
    discount = Decimal(row.get("goods_discount") or 0)
    amount = num * price - discount
    return TradeOrder(
        tenant_id=tenant_id, spec_id=spec.spec_id, goods_id=spec.goods_id, platform_id=trade.platform_id,
        src_tid=trade.src_tids.split(",")[0], src_oid=str(row.get("src_oid") or ""),
        gift_type=int(row.get("gift_type") or 0), pay_status=2, num=num, actual_num=num, price=price,
        order_price=price, share_price=amount / num if num else price, discount=discount, share_amount=amount,
        paid=amount, is_consigned=True, pay_time=row.get("pay_time"))


def complete_imported(session: Session, tenant_id: int, trade_no: str, operator: str = SYSTEM_OPERATOR) -> Trade:
    """待转已完成 → 已完成 (历史订单导入转完成)."""
    trade = get_trade(session, tenant_id, trade_no)
    if trade.trade_status != TradeStatus.IMPORTED:
        raise business_error(WRONG_STATUS, f"{trade_no} is not an imported trade")
    trade.trade_status, trade.end_time = TradeStatus.COMPLETED, now_china()
    _touch(trade)
    add_log(session, trade, LogType.IMPORT_COMPLETED, "历史订单导入转完成", operator)
    return trade
