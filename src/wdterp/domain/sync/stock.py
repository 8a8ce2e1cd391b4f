"""Stock sync (库存同步) of own-mall listings: which listings need a new figure, the figure, results.

"Needs sync" is derived from state: each time a listing is looked at, its figure is computed from
the available stock (stock_num − lock_num, good stock) of the warehouses its rule covers; a figure
different from the one last seen raises the listing's `stock_change_count` and marks it changed.
syncSuccess / cancelSync clear the mark for the count they name; syncFail keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wdterp.domain.catalog.models import ApiGoods, SuiteDetail
from wdterp.domain.inventory.models import Stock
from wdterp.domain.inventory.service import COUNTER_FIELDS
from wdterp.domain.masterdata.models import Shop, Warehouse
from wdterp.domain.queries import split_list, storable_key
from wdterp.domain.sync.models import DEFAULT_RULE_ID, OWN_PLATFORM, ListingStockState, StockSyncRule
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

ZERO = Decimal(0)
MATCH_SPEC = 1
MATCH_SUITE = 2


@dataclass(frozen=True)
class RuleView:
    """The rule snapshot the pages return with a figure (and the mall hands back on success)."""

    stock_syn_rule_id: int
    stock_syn_rule_no: str
    stock_syn_warehouses: str
    stock_syn_mask: int
    stock_syn_percent: int
    stock_syn_plus: Decimal
    stock_syn_min: Decimal
    stock_syn_max: Decimal
    is_auto_listing: bool
    is_auto_delisting: bool

    @property
    def warehouse_ids(self) -> list[int]:
        return [int(w) for w in split_list(self.stock_syn_warehouses)]


# ---------------------------------------------------------------------------- listings and rules


def own_listing(session: Session, tenant_id: int, api_goods_id: int,
                permitted: frozenset[str] | None) -> tuple[ApiGoods, Shop]:
    """A listing of an enabled, permitted shop (E20) on the own-mall platform (E22)."""
    listing = None
    if storable_key(api_goods_id):
        listing = session.scalar(select(ApiGoods).where(ApiGoods.tenant_id == tenant_id,
                                                        ApiGoods.rec_id == api_goods_id))
    if listing is None:
        raise business_error("平台货品不存在", f"no api_goods rec_id {api_goods_id}")
    shop = session.get(Shop, listing.shop_id)
    if shop is None or shop.is_disabled or (permitted is not None and shop.shop_no not in permitted):
        raise ApiError("E20", f"listing {api_goods_id}: its shop is disabled or not permitted")
    if shop.platform_id != OWN_PLATFORM:
        raise ApiError("E22", f"listing {api_goods_id}: shop {shop.shop_no} is on platform {shop.platform_id}")
    return listing, shop


def rule_for(session: Session, tenant_id: int, shop_id: int) -> RuleView:
    rules = session.scalars(select(StockSyncRule).where(
        StockSyncRule.tenant_id == tenant_id, StockSyncRule.is_disabled.is_(False))
        .order_by(StockSyncRule.priority.desc(), StockSyncRule.rule_id))
    for rule in rules:
        if not rule.shop_ids or str(shop_id) in split_list(rule.shop_ids):
            warehouses = rule.warehouse_ids or _all_warehouses(session, tenant_id)
            return RuleView(rule.rule_id, rule.rule_no, warehouses, rule.stock_syn_mask, rule.stock_syn_percent,
                            rule.stock_syn_plus, rule.stock_syn_min, rule.stock_syn_max, rule.is_auto_listing,
                            rule.is_auto_delisting)
    return RuleView(DEFAULT_RULE_ID, "", _all_warehouses(session, tenant_id), 0, 100, ZERO, ZERO, ZERO, True, True)


def _all_warehouses(session: Session, tenant_id: int) -> str:
    ids = session.scalars(select(Warehouse.warehouse_id).where(
        Warehouse.tenant_id == tenant_id, Warehouse.is_disabled.is_(False)).order_by(Warehouse.warehouse_id))
    return ",".join(str(i) for i in ids)


# ---------------------------------------------------------------------------- the figure


#: tenant setting: stock counters added to / taken from the available stock a listing is synced with,
#: e.g. {"plus": ["purchase_num"], "minus": ["to_purchase_num"]} (default: stock_num − lock_num only)
SETTING_FORMULA = "stock_sync_counters"


def formula(settings: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """The counters the tenant's available-stock formula adds and subtracts (unknown names refused)."""
    rule = (settings or {}).get(SETTING_FORMULA) or {}
    plus, minus = [str(n) for n in rule.get("plus") or []], [str(n) for n in rule.get("minus") or []]
    unknown = sorted(set(plus + minus) - COUNTER_FIELDS)
    if unknown:
        raise business_error("库存同步公式中的库存量不存在", f"not stock counters: {unknown}")
    return plus, minus


def _available(session: Session, tenant_id: int, spec_ids: Iterable[int],
               warehouse_ids: Sequence[int]) -> dict[int, Decimal]:
    ids = sorted(set(spec_ids))
    if not ids or not warehouse_ids:
        return {}
    tenant = session.get(Tenant, tenant_id)
    plus, minus = formula(tenant.settings if tenant else None)
    figure: Any = Stock.stock_num - Stock.lock_num
    for name in plus:
        figure = figure + getattr(Stock, name)
    for name in minus:
        figure = figure - getattr(Stock, name)
    rows = session.execute(
        select(Stock.spec_id, func.sum(figure))
        .where(Stock.spec_id.in_(ids), Stock.warehouse_id.in_(list(warehouse_ids)), Stock.defect.is_(False))
        .group_by(Stock.spec_id)).all()
    return {spec_id: Decimal(total or 0) for spec_id, total in rows}


def base_stock(session: Session, listing: ApiGoods, warehouse_ids: Sequence[int]) -> Decimal:
    """Available stock of the listing's spec, or whole suites buildable from its components."""
    if listing.match_target_type == MATCH_SPEC:
        return _available(session, listing.tenant_id, [listing.match_target_id], warehouse_ids).get(
            listing.match_target_id, ZERO)
    if listing.match_target_type == MATCH_SUITE:
        parts = session.execute(select(SuiteDetail.spec_id, SuiteDetail.num).where(
            SuiteDetail.suite_id == listing.match_target_id)).all()
        if not parts:
            return ZERO
        stock = _available(session, listing.tenant_id, [p for p, _ in parts], warehouse_ids)
        return min(((stock.get(p, ZERO) / n).to_integral_value(ROUND_FLOOR) if n > 0 else ZERO)
                   for p, n in parts)
    return ZERO


def shaped(base: Decimal, rule: RuleView) -> int:
    figure = (base * rule.stock_syn_percent / 100 + rule.stock_syn_plus).to_integral_value(ROUND_FLOOR)
    if rule.stock_syn_max > 0:
        figure = min(figure, rule.stock_syn_max)
    if figure < max(rule.stock_syn_min, ZERO):
        figure = ZERO
    return int(figure)


def observe(session: Session, listing: ApiGoods, rule: RuleView) -> int:
    """Compute the listing's figure; a figure unlike the last one seen counts as a stock change."""
    figure = shaped(base_stock(session, listing, rule.warehouse_ids), rule)
    state = session.get(ListingStockState, listing.rec_id)
    if state is None:
        state = ListingStockState(api_goods_id=listing.rec_id, tenant_id=listing.tenant_id,
                                  observed_stock=Decimal(figure), synced_rule="", fail_times=0, is_manual=False)
        session.add(state)
        changed = listing.last_syn_num is None or Decimal(figure) != listing.last_syn_num
    else:
        changed = state.observed_stock != Decimal(figure)
    if changed:
        listing.stock_change_count = (listing.stock_change_count or 0) + 1
        listing.is_stock_changed = True
        state.observed_stock = Decimal(figure)
        state.observed_time = now_china()
    session.flush()
    return figure


# ---------------------------------------------------------------------------- the methods' operations


def calc(session: Session, tenant_id: int, api_goods_id: int, force_sync: bool,
         permitted: frozenset[str] | None) -> tuple[ApiGoods, Shop, RuleView, int]:
    listing, shop = own_listing(session, tenant_id, api_goods_id, permitted)
    if not force_sync and (listing.is_disable_syn or listing.is_deleted or listing.status == 0):
        raise business_error(f"货品id:{listing.goods_id}规格Id:{listing.spec_id} 已停用或者未开启同步",
                             f"listing {api_goods_id} is disabled for stock sync")
    if listing.match_target_type not in (MATCH_SPEC, MATCH_SUITE):
        raise business_error(f"货品id:{listing.goods_id}规格Id:{listing.spec_id} 未匹配系统货品",
                             f"listing {api_goods_id} is not matched to a spec or suite")
    rule = rule_for(session, tenant_id, shop.shop_id)
    return listing, shop, rule, observe(session, listing, rule)


def pending_ids(session: Session, tenant_id: int, count: int, position: int,
                permitted: frozenset[str] | None) -> tuple[list[int], int]:
    """Listings whose stock changed since their last sync, after the cursor `position` (rec_id)."""
    stmt = (select(ApiGoods, Shop).join(Shop, Shop.shop_id == ApiGoods.shop_id)
            .where(ApiGoods.tenant_id == tenant_id, ApiGoods.rec_id > position,
                   Shop.platform_id == OWN_PLATFORM, Shop.is_disabled.is_(False),
                   ApiGoods.match_target_type.in_((MATCH_SPEC, MATCH_SUITE)), ApiGoods.is_deleted == 0,
                   ApiGoods.status != 0, ApiGoods.is_disable_syn.is_(False))
            .order_by(ApiGoods.rec_id))
    if permitted is not None:
        stmt = stmt.where(Shop.shop_no.in_(sorted(permitted)))
    rules: dict[int, RuleView] = {}
    ids: list[int] = []
    for listing, shop in session.execute(stmt).all():
        rule = rules.setdefault(shop.shop_id, rule_for(session, tenant_id, shop.shop_id))
        observe(session, listing, rule)
        if listing.is_stock_changed:
            ids.append(listing.rec_id)
            if len(ids) >= count:
                break
    return ids, (ids[-1] if ids else 0)


def _snapshot(info: dict[str, Any]) -> str:
    keys = [f for f in RuleView.__dataclass_fields__] + ["stock_syn_other"]
    return json.dumps({k: str(info[k]) for k in keys if k in info}, ensure_ascii=False)[:2048]


def _state(session: Session, listing: ApiGoods) -> ListingStockState:
    state = session.get(ListingStockState, listing.rec_id)
    if state is None:
        state = ListingStockState(api_goods_id=listing.rec_id, tenant_id=listing.tenant_id,
                                  observed_stock=ZERO, synced_rule="", fail_times=0, is_manual=False)
        session.add(state)
    return state


def record_success(session: Session, tenant_id: int, api_goods_id: int, info: dict[str, Any],
                   permitted: frozenset[str] | None) -> None:
    listing, _ = own_listing(session, tenant_id, api_goods_id, permitted)
    now = now_china()
    listing.last_syn_num = Decimal(str(info["syn_stock"]))
    listing.last_syn_time = now
    listing.last_syn_result = str(info.get("syn_result") or "同步成功")[:1024]
    listing.stock_num = listing.last_syn_num
    if int(Decimal(str(info["stock_change_count"]))) == listing.stock_change_count:
        listing.is_stock_changed = False
    state = _state(session, listing)
    state.synced_rule = _snapshot(info)
    state.fail_times = 0
    state.is_manual = bool(info.get("is_manual"))
    listing.modified = now
    session.flush()


def record_fail(session: Session, tenant_id: int, api_goods_id: int, info: dict[str, Any],
                permitted: frozenset[str] | None) -> None:
    listing, _ = own_listing(session, tenant_id, api_goods_id, permitted)
    listing.last_syn_result = str(info.get("syn_result") or "同步失败")[:1024]
    listing.is_stock_changed = True
    state = _state(session, listing)
    state.synced_rule = _snapshot(info)
    state.fail_times += 1
    state.is_manual = bool(info.get("is_manual"))
    listing.modified = now_china()
    session.flush()


def cancel(session: Session, tenant_id: int, api_goods_id: int, stock_change_count: int,
           permitted: frozenset[str] | None) -> None:
    """Drop the pending change; -1 drops whatever is pending, another count must still be current."""
    listing, _ = own_listing(session, tenant_id, api_goods_id, permitted)
    if stock_change_count != -1 and stock_change_count != listing.stock_change_count:
        raise business_error("取消失败", f"listing {api_goods_id}: stock_change_count is "
                                         f"{listing.stock_change_count}, not {stock_change_count}")
    listing.is_stock_changed = False
    listing.modified = now_china()
    session.flush()


def rule_dict(rule: RuleView) -> dict[str, Any]:
    return asdict(rule)


def set_rule(session: Session, tenant_id: int, rule_no: str, values: dict[str, Any]) -> StockSyncRule:
    rule = session.scalar(select(StockSyncRule).where(StockSyncRule.tenant_id == tenant_id,
                                                      StockSyncRule.rule_no == rule_no))
    if rule is None:
        rule = StockSyncRule(tenant_id=tenant_id, rule_no=rule_no)
        session.add(rule)
    for key, value in values.items():
        if value is not None and hasattr(StockSyncRule, key) and key not in ("rule_id", "tenant_id"):
            setattr(rule, key, value)
    session.flush()
    return rule


