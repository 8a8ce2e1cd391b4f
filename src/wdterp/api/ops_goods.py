"""Catalog operations (what people do in the goods archive of the vendor's client)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wdterp.api.ops import OperationError, Param, operation
from wdterp.domain.catalog import listings, service, suites
from wdterp.domain.catalog.models import ApiGoods, Spec
from wdterp.domain.masterdata.service import find_shop
from wdterp.protocol.errors import ApiError


@operation("goods.delete", params={
    "goods_no": str,
    "spec_no": Param(str, default="",
                     help="delete only this spec of the goods (a later push of it answers E29)"),
}, help="Delete a goods (a later push of one of its specs answers E30) or one of its specs")
def delete_goods(session: Session, tenant_id: int, goods_no: str, spec_no: str = "") -> dict[str, Any]:
    if spec_no:
        spec = _delete_spec(session, tenant_id, goods_no, spec_no)
        return {"goods_no": goods_no, "spec_no": spec.spec_no, "deleted": spec.deleted}
    goods = service.delete_goods(session, tenant_id, goods_no)
    return {"goods_no": goods.goods_no, "deleted": goods.deleted}


def _delete_spec(session: Session, tenant_id: int, goods_no: str, spec_no: str) -> Any:
    goods = service.find_goods(session, tenant_id, goods_no)
    spec = session.scalar(select(Spec).where(Spec.tenant_id == tenant_id, Spec.spec_no == spec_no))
    if goods is None or spec is None or spec.goods_id != goods.goods_id:
        raise ApiError("E74", f"spec {spec_no!r} is not a spec of goods {goods_no!r}")
    return service.delete_spec(session, tenant_id, spec_no)


@operation("suite.delete", params={"suite_no": str}, help="Delete a suite; listings matched to it lose the match")
def delete_suite(session: Session, tenant_id: int, suite_no: str) -> dict[str, Any]:
    suite = suites.delete(session, tenant_id, suite_no)
    return {"suite_no": suite.suite_no, "deleted": suite.deleted}


@operation("api_goods.match", params={
    "shop_no": str, "goods_id": Param(str, default=""),
    "spec_id": Param(str, default=""),
    "merchant_no": Param(str, default="", help="spec_no or suite_no; empty unmatches"),
}, help="Match a shop's platform goods to a spec or suite by hand (turns auto matching off for it)")
def match_api_goods(session: Session, tenant_id: int, shop_no: str, goods_id: str = "", spec_id: str = "",
                    merchant_no: str = "") -> dict[str, Any]:
    shop = find_shop(session, tenant_id, shop_no)
    if shop is None:
        raise OperationError(f"no shop {shop_no!r}")
    listing = session.scalar(select(ApiGoods).where(ApiGoods.shop_id == shop.shop_id,
                                                    ApiGoods.goods_id == goods_id, ApiGoods.spec_id == spec_id))
    if listing is None:
        raise OperationError(f"shop {shop_no!r} has no platform goods {goods_id!r}/{spec_id!r}")
    found = listings.match_by_hand(session, tenant_id, listing, merchant_no)
    return {"rec_id": found.rec_id, "match_target_type": found.match_target_type,
            "match_target_id": found.match_target_id, "match_code": found.match_code}
