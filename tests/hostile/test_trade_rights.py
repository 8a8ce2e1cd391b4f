"""Issue 7 item 2: trades found by number are changed only by an app with rights to their shop."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).parents[1] / "sales"))

from salestools import MALL, SHOP_TB, push2, seed, trade_of  # noqa: E402

from helpers import expect, op  # noqa: E402
from support import TenantHandle  # noqa: E402


def _submitted(tenant: TenantHandle, tid: str) -> str:
    push2(tenant, tid)
    return str(op(tenant, "sales.submit", tid=tid)["trade_no"])


def test_an_app_of_other_shops_cannot_touch_a_trade(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    trade_no = _submitted(sqlite_tenant, "RIGHTS-1")
    outsider = sqlite_tenant.new_caller(shops=[SHOP_TB])
    data = outsider.ok("sales.TradeEdit.modifyRemark", [{"trade_no": trade_no, "cs_remark": "不是我的"}])
    assert data == {"message": "部分失败", "error": [{"trade_no": trade_no, "message": "店铺编号不存在或已停用"}]}
    expect(outsider.call("sales.TradeEdit.toException", trade_no), "E20")
    trade = trade_of(sqlite_tenant, "RIGHTS-1")
    assert trade["cs_remark"] == "" and trade["trade_status"] != 23
    insider = sqlite_tenant.new_caller(shops=[MALL])
    assert insider.ok("sales.TradeEdit.toException", trade_no) == {"message": ""}


def test_an_app_of_other_shops_cannot_update_a_shop(sqlite_tenant: TenantHandle) -> None:
    seed(sqlite_tenant)
    outsider = sqlite_tenant.new_caller(shops=[SHOP_TB])
    expect(outsider.call("setting.Shop.updateShop", {"shop_no": MALL, "remark": "改了"}), "E20")
    assert sqlite_tenant.caller.ok("setting.Shop.queryShop", {"shop_no": MALL}, page=(10, 0))["details"][0][
        "remark"] != "改了"
