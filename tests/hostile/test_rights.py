"""Issue 7 item 2: an app limited to some shops and warehouses acts on no other, generated from the
method data: every implemented method whose arguments name a shop or a warehouse (`api/scope.py`)."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest

from helpers import expect
from support import Caller, TenantHandle
from wdterp import wiring
from wdterp.api.registry import Method, load_all
from wdterp.domain.masterdata.models import Shop, Warehouse

wiring.wire()
MINE_SHOP, MINE_WH = "MY-SHOP", "MY-WH"
FOREIGN_SHOP, FOREIGN_WH = "FOREIGN-SHOP", "FOREIGN-WH"


def _scoped(writes: bool) -> list[tuple[str, str]]:
    methods = load_all()
    return [(name, field) for name, m in sorted(methods.items()) if m.writes == writes
            for field in sorted(m.scope.shop_fields | m.scope.warehouse_fields)]


def _restricted(tenant: TenantHandle) -> Caller:
    with tenant.db.transaction() as session:
        for no in (MINE_SHOP, FOREIGN_SHOP):
            session.add(Shop(tenant_id=tenant.tenant_id, shop_no=no, shop_name=no, platform_id=127))
        for no in (MINE_WH, FOREIGN_WH):
            session.add(Warehouse(tenant_id=tenant.tenant_id, warehouse_no=no, name=no, type=1))
    return tenant.new_caller(shops=[MINE_SHOP], warehouses=[MINE_WH])


#: fields of pages' examples that fail validation before any right is looked at
EXAMPLE_FIXES: dict[str, dict[str, Any]] = {
    "wms.stockother.In.push": {"expire_date": "2020-07-01 00:00:00"},
    "wms.stockother.Out.push": {"expire_date": "2020-07-01 00:00:00"},
}
#: pages whose example is not JSON
EXAMPLES: dict[str, list[Any]] = {
    "wms.stockout.Other.createOther": [{"outer_no": "QTC-1", "warehouse_no": MINE_WH, "is_check": True,
                                        "goods_list": [{"spec_no": "S1", "num": 1}]}],
}


def _foreign(method: Method, field: str) -> str | list[str]:
    """The foreign number, as a list where the field is one (a `..._nos` String is comma separated)."""
    value = FOREIGN_SHOP if field in method.scope.shop_fields else FOREIGN_WH
    types = [a.type for a in method.doc.args if a.name == field]
    types += [f.type for fields in method.doc.tables.values() for f in fields if f.name == field]
    listed = any(t.lower().startswith("list") or t.endswith("[]") for t in types) if types else None
    if listed is None:
        listed = field.endswith("nos") or field.endswith("Nos")
    return [value] if listed else value


def _set(value: Any, field: str, new: Any) -> bool:
    """Set `field` wherever it is in a JSON value; whether it was found."""
    found = False
    if isinstance(value, dict):
        for key in list(value):
            if key == field:
                value[key], found = new, True
            else:
                found = _set(value[key], field, new) or found
    elif isinstance(value, list):
        for item in value:
            found = _set(item, field, new) or found
    return found


def _args(method: Method, field: str) -> list[Any]:
    """The page's example with `field` naming the foreign shop or warehouse, wherever the page has it."""
    example = EXAMPLES.get(method.name, method.doc.example_request)
    args = copy.deepcopy(example) if isinstance(example, list) else [{} for _ in method.doc.args]
    names = [a.name for a in method.doc.args]
    for other in method.scope.shop_fields | method.scope.warehouse_fields:  # the others: the app's own
        own = MINE_SHOP if other in method.scope.shop_fields else MINE_WH
        _set(args, other, own)
        if other in names and names.index(other) < len(args):
            args[names.index(other)] = own
    for name, value in EXAMPLE_FIXES.get(method.name, {}).items():
        _set(args, name, value)  # where the example has it
    new = _foreign(method, field)
    if field in names:
        while len(args) <= names.index(field):
            args.append(None)
        args[names.index(field)] = new
        return args
    if _set(args, field, new):
        return args
    for i, arg in enumerate(method.doc.args):  # the page's example leaves the field out: add it
        table = method.doc.arg_table(arg.name) or ()
        if any(f.name == field for f in table):
            while len(args) <= i:
                args.append({})
            target = args[i]
            items = target if isinstance(target, list) else [target]
            for item in items:
                if isinstance(item, dict):
                    item[field] = new
            return args
    return args


@pytest.mark.parametrize(("method_name", "field"), _scoped(writes=True))
def test_a_write_naming_a_foreign_shop_or_warehouse_is_refused(tenant: TenantHandle, method_name: str,
                                                               field: str) -> None:
    method = load_all()[method_name]
    caller = _restricted(tenant)
    envelope = caller.raw(method_name, orjson.dumps(_args(method, field)),
                          page=(10, 0) if method.paged else None)
    if field in method.scope.shop_fields:
        expect(envelope, "E80" if field.endswith("s") else "E20")
    else:
        expect(envelope, {"receive_warehouse_nos": "E64", "expect_warehouse_no": "E65"}.get(field, "E34"))


@pytest.mark.parametrize(("method_name", "field"), _scoped(writes=False))
def test_a_read_naming_a_foreign_shop_or_warehouse_shows_none_of_it(tenant: TenantHandle, method_name: str,
                                                                    field: str) -> None:
    method = load_all()[method_name]
    caller = _restricted(tenant)
    envelope = caller.raw(method_name, orjson.dumps(_args(method, field)), page=(10, 0) if method.paged else None)
    assert envelope["status"] != 99, envelope
    if envelope["status"] == 0:
        assert FOREIGN_SHOP not in str(envelope.get("data")) and FOREIGN_WH not in str(envelope.get("data"))
