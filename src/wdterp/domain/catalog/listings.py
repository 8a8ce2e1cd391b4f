"""Platform goods (a shop's listings), their match to specs/suites, stock-sync flags, platform categories.

Matching: a listing pushed through goods.ApiGoods.upload is matched automatically by its code — the
platform spec code (`spec_outer_id`), else the platform goods code (`outer_id`) — against live
spec_nos first, then suite_nos. Unmatched auto-match listings are matched again when a spec or suite
with their code appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from wdterp.domain.catalog.lookup import spec_by_no, specs_by_no, suite_by_no
from wdterp.domain.catalog.models import ApiGoods, Goods, PlatformCategory, Spec, Suite, SuiteDetail
from wdterp.domain.catalog.rows import assign
from wdterp.domain.masterdata.models import Shop
from wdterp.domain.queries import Reader, among, entities, equal_if_given, in_window, scalars_of
from wdterp.protocol.clock import now_china
from wdterp.protocol.errors import ApiError, business_error

UNMATCHED, SPEC, SUITE = 0, 1, 2
#: listing status: 0 deleted, 1 on shelf, 2 off shelf
STATUS_DELETED = 0
#: is_deleted: 1 deleted on the platform
DELETED_ON_PLATFORM = 1
SELF_PLATFORM = 127
UPLOAD_FIELDS = ("outer_id", "spec_outer_id", "goods_name", "spec_name", "pic_url", "price", "stock_num",
                 "status")


def code_of(listing: ApiGoods) -> str:
    return listing.spec_outer_id or listing.outer_id


def _match(session: Session, tenant_id: int, listing: ApiGoods) -> bool:
    """Match one listing by its code; True when its target changed."""
    code = code_of(listing)
    target = (UNMATCHED, 0)
    if code:
        spec = spec_by_no(session, tenant_id, code)
        suite = None if spec is not None else suite_by_no(session, tenant_id, code)
        if spec is not None:
            target = (SPEC, spec.spec_id)
        elif suite is not None:
            target = (SUITE, suite.suite_id)
    if target == (listing.match_target_type, listing.match_target_id):
        return False
    listing.match_target_type, listing.match_target_id = target
    listing.match_code = code if target[0] != UNMATCHED else ""
    listing.is_stock_changed = target[0] != UNMATCHED
    listing.stock_change_count += 1
    return True


def auto_match(session: Session, tenant_id: int, codes: Iterable[str]) -> int:
    """Match unmatched auto-match listings whose code is one of `codes` (new specs or suites)."""
    wanted = sorted(set(codes))
    if not wanted:
        return 0
    stmt = select(ApiGoods).where(
        ApiGoods.tenant_id == tenant_id, ApiGoods.is_auto_match.is_(True),
        ApiGoods.match_target_type == UNMATCHED,
        or_(ApiGoods.spec_outer_id.in_(wanted), (ApiGoods.spec_outer_id == "") & ApiGoods.outer_id.in_(wanted)))
    changed = sum(_match(session, tenant_id, listing) for listing in session.scalars(stmt))
    session.flush()
    return changed


def unmatch(session: Session, tenant_id: int, target_type: int, target_ids: Iterable[int]) -> None:
    """Listings of deleted specs/suites lose their match."""
    ids = sorted(set(target_ids))
    if ids:
        session.execute(update(ApiGoods).where(
            ApiGoods.tenant_id == tenant_id, ApiGoods.match_target_type == target_type,
            ApiGoods.match_target_id.in_(ids)).values(match_target_type=UNMATCHED, match_target_id=0,
                                                      match_code="", modified=now_china()))


def mark_stock_changed(session: Session, tenant_id: int, spec_ids: Iterable[int]) -> int:
    """Flag the listings mapped to these specs, or to suites holding them, as needing a stock sync.

    Raises each listing's `stock_change_count` (a sync reports the count it synced; the flag stays
    set while the count moved on since). Does not touch the listing's `modified`. Returns the number
    of listings flagged.
    """
    ids = sorted(set(spec_ids))
    if not ids:
        return 0
    suite_ids = sorted(set(session.scalars(
        select(SuiteDetail.suite_id).join(Suite, Suite.suite_id == SuiteDetail.suite_id)
        .where(Suite.tenant_id == tenant_id, SuiteDetail.spec_id.in_(ids)))))
    targets = (ApiGoods.match_target_type == SPEC) & ApiGoods.match_target_id.in_(ids)
    if suite_ids:
        targets = targets | ((ApiGoods.match_target_type == SUITE) & ApiGoods.match_target_id.in_(suite_ids))
    result = session.execute(update(ApiGoods).where(ApiGoods.tenant_id == tenant_id, targets).values(
        is_stock_changed=True, stock_change_count=ApiGoods.stock_change_count + 1,
        modified=ApiGoods.modified))
    return int(getattr(result, "rowcount", 0) or 0)


def mark_suite_changed(session: Session, tenant_id: int, suite_ids: Iterable[int]) -> None:
    """A suite's composition changed: its listings need a new stock figure."""
    ids = sorted(set(suite_ids))
    if ids:
        session.execute(update(ApiGoods).where(
            ApiGoods.tenant_id == tenant_id, ApiGoods.match_target_type == SUITE,
            ApiGoods.match_target_id.in_(ids)).values(
            is_stock_changed=True, stock_change_count=ApiGoods.stock_change_count + 1,
            modified=ApiGoods.modified))


# ---------------------------------------------------------------------------- goods.ApiGoods.upload


def self_platform_shop(shop: Shop) -> Shop:
    if shop.platform_id != SELF_PLATFORM:
        raise ApiError("E22", f"shop {shop.shop_no!r} is on platform {shop.platform_id}, not 127")
    return shop


def upload(session: Session, tenant_id: int, shop: Shop, rows: list[dict[str, Any]]) -> list[ApiGoods]:
    """Create or overwrite listings of a self-platform shop (key: shop + goods_id + spec_id)."""
    self_platform_shop(shop)
    saved: list[ApiGoods] = []
    for raw in rows:
        saved.append(save_listing(session, tenant_id, shop, raw))
    session.flush()
    return saved


def save_listing(session: Session, tenant_id: int, shop: Shop, raw: dict[str, Any]) -> ApiGoods:
    """One listing; `raw` uses the upload's names (goods_no/spec_no are the platform codes)."""
    values = dict(raw)
    values.setdefault("outer_id", values.pop("goods_no", None))
    values.setdefault("spec_outer_id", values.pop("spec_no", None))
    goods_id, spec_id = str(values.get("goods_id") or ""), str(values.get("spec_id") or "")
    listing = session.scalar(select(ApiGoods).where(ApiGoods.shop_id == shop.shop_id,
                                                    ApiGoods.goods_id == goods_id, ApiGoods.spec_id == spec_id))
    if listing is None:
        listing = ApiGoods(tenant_id=tenant_id, shop_id=shop.shop_id, platform_id=shop.platform_id,
                           goods_id=goods_id, spec_id=spec_id, is_auto_match=True, match_target_type=UNMATCHED,
                           match_target_id=0, stock_change_count=0, status=1, is_deleted=0)
        session.add(listing)
    assign(listing, values, UPLOAD_FIELDS + tuple(n for n in _COLUMNS if n in values and n not in _KEYS))
    listing.is_deleted = DELETED_ON_PLATFORM if listing.status == STATUS_DELETED else 0
    listing.modified = now_china()
    session.flush()
    if listing.is_auto_match:
        _match(session, tenant_id, listing)
    return listing


_COLUMNS = tuple(c.name for c in ApiGoods.__table__.columns)
_KEYS = frozenset({"rec_id", "tenant_id", "shop_id", "goods_id", "spec_id", "created", "modified",
                   "match_target_type", "match_target_id", "match_code", "stock_change_count"})


def match_by_hand(session: Session, tenant_id: int, listing: ApiGoods, merchant_no: str) -> ApiGoods:
    """Match a listing to the spec or suite `merchant_no` (or unmatch it with an empty code)."""
    listing.is_auto_match = False
    spec = specs_by_no(session, tenant_id, [merchant_no]).get(merchant_no) if merchant_no else None
    suite = suite_by_no(session, tenant_id, merchant_no) if merchant_no and spec is None else None
    if merchant_no and spec is None and suite is None:
        raise business_error(f"商家编码{merchant_no}不存在", f"no spec or suite {merchant_no!r}")
    listing.match_target_type = SPEC if spec else SUITE if suite else UNMATCHED
    listing.match_target_id = spec.spec_id if spec else suite.suite_id if suite else 0
    listing.match_code = merchant_no
    listing.is_stock_changed = listing.match_target_type != UNMATCHED
    listing.stock_change_count += 1
    listing.modified = now_china()
    session.flush()
    return listing


# ---------------------------------------------------------------------------- searches


def listings_query(tenant_id: int, filters: dict[str, Any], shop_ids: list[int] | None) -> Select[Any]:
    stmt = cast(Select[Any], select(ApiGoods, Shop).join(Shop, Shop.shop_id == ApiGoods.shop_id)
                .where(ApiGoods.tenant_id == tenant_id).order_by(ApiGoods.rec_id))
    if shop_ids is not None:
        stmt = stmt.where(ApiGoods.shop_id.in_(shop_ids))
    stmt = equal_if_given(stmt, [(ApiGoods.goods_id, filters.get("goods_id")),
                                 (ApiGoods.spec_id, filters.get("spec_id"))])
    return in_window(stmt, ApiGoods.modified, filters.get("start_time"), filters.get("end_time"))


def categories_query(tenant_id: int, filters: dict[str, Any], shop_ids: list[int] | None) -> Select[Any]:
    stmt = cast(Select[Any], select(PlatformCategory, Shop).join(Shop, Shop.shop_id == PlatformCategory.shop_id)
                .where(PlatformCategory.tenant_id == tenant_id).order_by(PlatformCategory.rec_id))
    if shop_ids is not None:
        stmt = stmt.where(PlatformCategory.shop_id.in_(shop_ids))
    return in_window(stmt, PlatformCategory.modified, filters.get("start_time"), filters.get("end_time"))


def shop_ids(session: Reader, tenant_id: int, permitted: frozenset[str] | None) -> list[int] | None:
    """Ids of the shops an app may see (None: all)."""
    allowed = among(Shop.shop_no, permitted)
    if allowed is None:
        return None
    return list(session.scalars(select(Shop.shop_id).where(Shop.tenant_id == tenant_id, allowed)))


def save_category(session: Session, tenant_id: int, shop: Shop, values: dict[str, Any]) -> PlatformCategory:
    """A platform category of a shop, by cid (`wdterp load` section `categories`)."""
    cid = str(values["cid"])
    row = session.scalar(select(PlatformCategory).where(PlatformCategory.shop_id == shop.shop_id,
                                                        PlatformCategory.cid == cid))
    if row is None:
        row = PlatformCategory(tenant_id=tenant_id, shop_id=shop.shop_id, platform_id=shop.platform_id, cid=cid)
        session.add(row)
    assign(row, values, ("parent_id", "category_name", "is_leaf", "path", "status", "commission_factor"))
    if not values.get("path"):
        row.path = f"{row.parent_id or 0},{cid},"
    row.modified = now_china()
    session.flush()
    return row



@dataclass(frozen=True)
class Target:
    """What a listing is matched to, as ApiGoods.search shows it (merchant_* and the system goods_no)."""

    merchant_no: str
    merchant_name: str
    merchant_code: str
    brand_id: int
    goods_no: str


def targets_of(session: Reader, rows: Sequence[ApiGoods]) -> dict[int, Target]:
    spec_ids = {r.match_target_id for r in rows if r.match_target_type == SPEC}
    suite_ids = {r.match_target_id for r in rows if r.match_target_type == SUITE}
    specs = {s.spec_id: (s, g) for s, g in entities(
        session, select(Spec, Goods).join(Goods, Goods.goods_id == Spec.goods_id).where(Spec.spec_id.in_(spec_ids)))} \
        if spec_ids else {}
    suites = {s.suite_id: s for s in scalars_of(session, select(Suite).where(Suite.suite_id.in_(suite_ids)))} \
        if suite_ids else {}
    out: dict[int, Target] = {}
    for row in rows:
        if row.match_target_type == SPEC and row.match_target_id in specs:
            spec, goods = specs[row.match_target_id]
            out[row.rec_id] = Target(spec.spec_no, spec.spec_name, spec.spec_code, goods.brand_id, goods.goods_no)
        elif row.match_target_type == SUITE and row.match_target_id in suites:
            suite = suites[row.match_target_id]
            out[row.rec_id] = Target(suite.suite_no, suite.suite_name, "", suite.brand_id, suite.suite_no)
    return out
