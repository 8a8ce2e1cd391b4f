"""finance.settle.OtherIn.upload through HTTP: what an other-in business order received is settled."""

from __future__ import annotations

from typing import Any

from proctools import seed
from sqlalchemy import select

from helpers import expect, expect_business
from wdterp.domain.masterdata.models import Logistics
from wdterp.domain.stockother.models import OtherInSettlement

UPLOAD = "finance.settle.OtherIn.upload"


def _seed(tenant: Any) -> str:
    """WH1, specs S1/S2, carrier SF, an other-in business order received in full; its number."""
    seed(tenant)
    with tenant.db.transaction() as session:
        session.add(Logistics(tenant_id=tenant.tenant_id, logistics_no="SF", logistics_name="顺丰", logistics_type=3))
    order = tenant.caller.ok("wms.stockother.In.push", {"warehouse_no": "WH1", "is_check": True},
                             [{"spec_no": "RAW1", "num": 3, "price": 2}, {"spec_no": "RAW2", "num": 1, "price": 5}])
    number = order["message"]
    tenant.caller.ok("wms.stockin.Other.createOtherOrder", {
        "outer_no": "RK-S1", "warehouse_no": "WH1", "src_order_no": number, "is_check": 1,
        "goods_list": [{"spec_no": "RAW1", "num": 3}, {"spec_no": "RAW2", "num": 1}]})
    return str(number)


def _settlements(tenant: Any) -> list[OtherInSettlement]:
    with tenant.db.transaction() as session:
        found = list(session.scalars(select(OtherInSettlement).where(
            OtherInSettlement.tenant_id == tenant.tenant_id)))
        for made in found:
            _ = list(made.lines)  # loaded before the session closes
        session.expunge_all()
        return found


def test_settles_the_received_goods(tenant: Any) -> None:
    number = _seed(tenant)
    data = tenant.caller.ok(UPLOAD, {"other_in_no": number, "logistics_company_no": "SF", "post_fee": "5",
                                     "logistics_no": "SF1", "is_check": True},
                            [{"spec_no": "RAW1", "price": "2.5", "share_post_fee": "1", "remark": "a"}])
    assert data["order_no"].startswith("JS")
    made = _settlements(tenant)[0]
    assert made.status == 30 and made.post_fee == 5 and made.goods_amount == 7.5
    assert [(x.num, x.price, x.share_post_fee) for x in made.lines] == [(3, 2.5, 1)]
    # without details every received line, at its own price; fuzzy: part of the number
    tenant.caller.ok(UPLOAD, {"other_in_no": number[-6:], "fuzzy_query": True}, [])
    assert _settlements(tenant)[1].status == 20 and _settlements(tenant)[1].goods_amount == 11


def test_errors(tenant: Any) -> None:
    number = _seed(tenant)
    expect(tenant.caller.call(UPLOAD, {"other_in_no": "QR-NONE"}, []), "E26")
    expect(tenant.caller.call(UPLOAD, {"other_in_no": number}, [{"spec_no": "FIN1"}]), "E45")
    expect(tenant.caller.call(UPLOAD, {"other_in_no": number}, [{"spec_no": "NOPE"}]), "E45")
    expect_business(tenant.caller.call(UPLOAD, {"other_in_no": number, "logistics_company_no": "XX"}, []),
                    "物流公司不存在或类型错误")
    tenant.caller.ok("wms.stockother.In.push", {"warehouse_no": "WH1"}, [{"spec_no": "RAW1", "num": 1}])
    expect_business(tenant.caller.call(UPLOAD, {"other_in_no": "QR", "fuzzy_query": True}, []),
                    "业务单号模糊查询匹配到多条单据")
    nothing = tenant.caller.ok("wms.stockother.In.push", {"warehouse_no": "WH1"}, [{"spec_no": "RAW1", "num": 1}])
    expect_business(tenant.caller.call(UPLOAD, {"other_in_no": nothing["message"]}, []), "业务单没有已入库的货品")
