"""The rows a raw-trade push writes, built once for every write path (ORM update, bulk insert,
bulk update): pushed values → column values, the trade's totals, the cancellation rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from wdterp.domain.masterdata.models import Shop
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.sales.statuses import PLATFORM_CANCELLED, RawRefundStatus

ZERO = Decimal(0)

_HEADER_TEXT = ("buyer_nick", "buyer_message", "buyer_email", "buyer_area", "receiver_name", "receiver_area",
                "receiver_address", "receiver_zip", "receiver_mobile", "receiver_telno", "invoice_title",
                "invoice_content", "cust_data", "pay_id", "remark", "warehouse_no", "pay_account",
                "to_deliver_time", "fenxiao_nick", "id_card")
_HEADER_NUM = ("post_amount", "other_amount", "discount", "receivable", "platform_cost", "cod_amount",
               "received", "paid", "goods_count")
_HEADER_INT = ("trade_status", "refund_status", "pay_status", "pay_method", "order_count", "invoice_type",
               "logistics_type", "delivery_term", "remark_flag", "consign_interval", "is_sealed", "id_card_type")
_LINE_TEXT = ("goods_no", "spec_no", "goods_name", "spec_name", "cid", "remark", "json")
_LINE_NUM = ("num", "price", "discount", "share_discount", "total_amount", "adjust_amount", "refund_amount")
_LINE_INT = ("status", "refund_status", "order_type", "gift_type")


@lru_cache(maxsize=8192)
def area_codes(area: str) -> tuple[int, int, int]:
    """Region ids of a `省 市 区` text (0 where a part is not in the code table); the table is
    immutable package data, so the answer per text is cached."""
    parts = [p for p in area.replace("\u3000", " ").split(" ") if p]
    table = regions()

    def find(rows: list[dict[str, Any]], key: str, name: str, parent: tuple[str, int] | None) -> int:
        for row in rows:
            if parent and row.get(parent[0]) != parent[1]:
                continue
            if row["name"] == name or row["name"].rstrip("省市区县") == name.rstrip("省市区县"):
                return int(row[key])
        return 0

    province = find(table.provinces, "province_id", parts[0], None) if parts else 0
    city = find(table.cities, "city_id", parts[1], ("province_id", province) if province else None) \
        if len(parts) > 1 else 0
    district = find(table.districts, "district_id", parts[2], ("city_id", city) if city else None) \
        if len(parts) > 2 else 0
    return province, city, district


@lru_cache(maxsize=8192)
def _area_text(province: Any, city: Any, district: Any) -> str:
    table = regions()
    return " ".join(n for n in (table.name_of("province", province), table.name_of("city", city),
                                table.name_of("district", district)) if n)


def header_values(shop: Shop, values: dict[str, Any]) -> dict[str, Any]:
    """The raw_trade columns a pushed trade sets."""
    out: dict[str, Any] = {name: str(values[name]) for name in _HEADER_TEXT if values.get(name) is not None}
    out.update({name: Decimal(values[name]) for name in _HEADER_NUM if values.get(name) is not None})
    out.update({name: int(values[name]) for name in _HEADER_INT if values.get(name) is not None})
    for name in ("trade_time", "pay_time", "end_time"):
        if name in values:
            out[name] = values[name]
    out["is_auto_wms"] = bool(values.get("is_auto_wms"))
    out["platform_id"] = shop.platform_id
    codes = (values.get("receiver_province_no"), values.get("receiver_city_no"), values.get("receiver_district_no"))
    if any(codes):
        out["receiver_province"], out["receiver_city"], out["receiver_district"] = (int(c or 0) for c in codes)
        if not values.get("receiver_area"):
            out["receiver_area"] = _area_text(*codes)
    elif values.get("receiver_area"):
        out["receiver_province"], out["receiver_city"], out["receiver_district"] = area_codes(values["receiver_area"])
    return out


def line_values(values: dict[str, Any]) -> dict[str, Any]:
    """The raw_trade_order columns a pushed line sets."""
    out: dict[str, Any] = {name: str(values[name]) for name in _LINE_TEXT if values.get(name) is not None}
    out.update({name: Decimal(values[name]) for name in _LINE_NUM if values.get(name) is not None})
    out.update({name: int(values[name]) for name in _LINE_INT if values.get(name) is not None})
    out["api_goods_id"] = str(values.get("goods_id") or "")
    out["api_spec_id"] = str(values.get("spec_id") or "")
    total = out.get("total_amount", ZERO)
    out["share_amount"] = total - out.get("share_discount", ZERO)
    return out


def discount_key(values: Mapping[str, Any]) -> tuple[str, str, str]:
    return str(values["oid"]), str(values.get("sn") or ""), str(values.get("name") or "")


def discount_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"detail": str(values.get("detail") or ""), "amount": Decimal(values.get("amount") or 0)}


def totals(lines: Iterable[tuple[Decimal, Decimal, Decimal]]) -> dict[str, Any]:
    """The raw trade's figures over all its lines, given as (num, price, refund_amount)."""
    rows = list(lines)
    return {"order_count": len(rows), "goods_count": sum((n for n, _, _ in rows), ZERO),
            "goods_amount": sum((p * n for n, p, _ in rows), ZERO),
            "refund_amount": sum((r for _, _, r in rows), ZERO)}


def closed(trade_status: int | None, refund_status: int | None) -> bool:
    """Closed or fully refunded on the platform: a raw trade not yet submitted is cancelled."""
    return trade_status in PLATFORM_CANCELLED or refund_status == RawRefundStatus.FULL


def merged_lines(lines: Iterable[dict[str, Any]], warehouse_no: str, now: datetime,
                 start: Mapping[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Line values by oid, a repeated oid updating its earlier values (as the platform sends them)."""
    rows: dict[str, dict[str, Any]] = {oid: dict(row) for oid, row in (start or {}).items()}
    for values in lines:
        row = rows.setdefault(str(values["oid"]), {})
        row.update(line_values(values))
        row["warehouse_no"] = warehouse_no
        row["modified"] = now
    return rows
