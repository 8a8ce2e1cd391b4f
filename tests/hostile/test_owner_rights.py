"""Issue 7 item 2: a write that names a document by number acts only on documents of the app's shops
and warehouses (`@declare(..., owner=...)`, `api/scope.py: Owner`). Generated from the declarations:
each method's world recipe (`tests/api/test_documented_fields.py`) makes its documents in WH-SH /
demo-mall; an app limited to another warehouse and shop gets the rights row, and the same call by the
unrestricted app succeeds afterwards (so the refused call wrote nothing)."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from typing import Any

import pytest

from api.test_documented_fields import MUG, WH, WORLD_RECIPES, World, WorldRecipe, world  # noqa: F401 (the fixture)
from helpers import expect
from wdterp import wiring
from wdterp.api.registry import Method, load_all

wiring.wire()
#: numbers of no shop or warehouse of the world: every document the recipes make (in WH-SH, WH-BJ,
#: demo-mall, demo-store) is outside the app's rights
OWN_SHOP, OWN_WH = "shop-elsewhere", "WH-ELSEWHERE"
#: a document number among a method's arguments: the name ends in _no / _nos / Nos / List, and is
#: not a catalog or logistics number
NUMBER_NAME = re.compile(r"(_no|_nos|Nos|_no_list|List)$")
NOT_A_DOCUMENT = re.compile(r"^(spec|goods|batch|position|logistics|logistics_company|provider|sn|sn_suite|"
                            r"merchant|outer|invoice|src_spec|from_position|to_position|brand|suite|"
                            r"account_bank|packager|rule|stock_syn_rule|receiver_.*|.*warehouse|shop|pay|pay_order|raw_order)_no$|"
                            r"^(detailList|detail_list|goods_list|order_list|specList|syncList|detailMapList|"
                            r"barcodeInfoList|specInfoList|rawTradeList|rawTradeOrderList|discountList|"
                            r"trade_list|purchase_provider_goods_list|apply_nos|ref_purchase_nos|"
                            r"receive_warehouse_nos)$")
#: writes whose page names 店铺/仓库 rights and that name a number, but no document of a shop or warehouse
EXEMPT: dict[str, str] = {
    # names a logistics or trade number: the sales stockout's warehouse is checked by the sales-WMS
    # domain when the stockout is found (not by the number of one table)
    "wms.stockout.Sales.salesWeighing": "the sales-WMS domain finds the stockout among permitted= warehouses",
    # found by trade number in the sales domain (`Rights.require_row` in domain/sales/edits.py)
    "sales.TradeEdit.modifyRemark": "checked by the sales domain (tests/hostile/test_rights.py)",
    # creates: the number is the new document's own (or the platform's), its shop and warehouse
    # arguments are checked by api/scope.py
    "sales.TradeImport.upload": "the new trades' numbers",
    "aftersales.refund.RawRefund.upload": "the platform refunds' own numbers",
    "aftersales.refund.RawRefund.upload2": "the platform refunds' own numbers",
    "finance.RawPayment.push": "the platform payments' own numbers",
    "purchase.PurchaseApply.upload": "the new apply's own number",
    "purchase.PurchaseOrder.createOrder": "the new order's own number",
    "wms.outer.OuterIn.createOrder": "the outer system's own numbers",
    "wms.outer.OuterOut.createOrder": "the outer system's own numbers",
    "wms.stockin.Other.createOtherOrder": "src_order_no is free text of the caller's",
    "wms.stockin.PreStockin.createExt": "the new pre-stockin's own number",
    "process.Process.upload": "producer_no names a producer (no shop or warehouse); the order's warehouses are "
                              "arguments checked by api/scope.py",
}


#: recipes whose world document belongs to no warehouse (an apply may name none): one that does
RECIPES: dict[str, WorldRecipe] = {
    "purchase.PurchaseApply.cancelForApi": lambda w: ([w.ok("purchase.PurchaseApply.upload", {
        "is_submit": False, "warehouse_no": WH, "detail_list": [{"spec_no": MUG, "num": 1}]})["message"]],),
}


def _scoped_writes() -> dict[str, list[str]]:
    """Write methods whose page names 店铺 or 仓库 rights: their document-number arguments."""
    catalog = json.loads(resources.files("wdterp.data").joinpath("methods.json").read_text("utf-8"))
    methods = load_all()
    found: dict[str, list[str]] = {}
    for name, page in sorted(catalog.items()):
        method = methods.get(name)
        if method is None or not method.writes or not {"店铺", "仓库"} & set(page.get("permission_scopes") or ()):
            continue
        names = {a.name for a in method.doc.args} | {f.name for t in method.doc.tables.values() for f in t}
        numbers = sorted(n for n in names if NUMBER_NAME.search(n) and not NOT_A_DOCUMENT.match(n))
        if numbers:
            found[name] = numbers
    return found


def test_every_write_naming_a_document_in_a_rights_scope_declares_its_owner() -> None:
    methods = load_all()
    missing = [name for name in _scoped_writes() if methods[name].owner is None and name not in EXEMPT]
    assert missing == [], "declare owner= (api/scope.py: Owner) or add the method to EXEMPT with its reason"
    assert sorted(set(EXEMPT) - set(_scoped_writes())) == [], "EXEMPT is stale"


def _owned() -> list[str]:
    return sorted(name for name, m in load_all().items() if m.owner is not None)


def test_every_owned_method_has_a_world_recipe() -> None:
    assert [name for name in _owned() if name not in WORLD_RECIPES] == []


def _own_scope(method: Method, args: list[Any]) -> list[Any]:
    """The arguments with every shop or warehouse they name set to the app's own: only the owner check
    (the documents' rights) can refuse the call."""
    args = copy.deepcopy(args)
    names = [a.name for a in method.doc.args]

    def own(field: str) -> str:
        return OWN_SHOP if field in method.scope.shop_fields else OWN_WH

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key in list(value):
                if key in method.scope.shop_fields | method.scope.warehouse_fields and isinstance(value[key], str):
                    value[key] = own(key)
                else:
                    walk(value[key])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(args)
    for i, name in enumerate(names[:len(args)]):
        if name in method.scope.shop_fields | method.scope.warehouse_fields and isinstance(args[i], str):
            args[i] = own(name)
    return args


@pytest.mark.parametrize("name", _owned())
def test_a_write_naming_a_foreign_document_is_refused_and_writes_nothing(world: World, name: str) -> None:  # noqa: F811
    method = load_all()[name]
    args = list(RECIPES.get(name, WORLD_RECIPES[name])(world))
    restricted = world.tenant.new_caller(shops=[OWN_SHOP], warehouses=[OWN_WH])
    page = (50, 0) if method.paged else None
    assert method.owner is not None
    expect(restricted.call(name, *_own_scope(method, args), page=page),
           "E20" if method.owner.rows.shop else "E34")
    envelope = world.tenant.caller.call(name, *args, page=page)
    assert envelope["status"] == 0, envelope
