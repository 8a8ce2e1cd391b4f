"""Which arguments of a method name a shop or a warehouse, from its declaration, and their check.

Every field of a method's argument tables (at any depth) and every positional argument whose
name is a shop number (`shop_no`, `shop_nos`, `shopNo`) or a warehouse number (`warehouse_no`,
`from_warehouse_no`, `warehouse_nos`, `warehouseNo`, ...) is checked against the app's rights
before the handler of a write runs (`Pipeline.run`): a method added later gets the check by
declaring its arguments, nothing else. Reads filter by the same rights in their searches instead
(a restricted app sees fewer rows, as the vendor's do). Rows found by number are checked by the
declaration too: `@declare(..., owner=Owner(("purchase_no",), RowsByNumber(PurchaseOrder, "purchase_no")))`
names the arguments or fields that hold the numbers and the domain lookup of the rows' shop and
warehouse(s); `Owner.check` runs in the call's transaction before the handler (`Pipeline._execute`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from wdterp.api.docs import MethodDoc
from wdterp.domain.masterdata.scope import Rights, RowsByNumber
from wdterp.protocol.errors import ApiError

SHOP_NAME = re.compile(r"^(shop_nos?|shopNos?)$")
WAREHOUSE_NAME = re.compile(r"(^|_)warehouse_nos?$|^warehouseNos?$")
#: a virtual warehouse's number (virtual_warehouse_no, vir_warehouse_no, to_…) names no real warehouse:
#: the virtual-warehouse methods check the real warehouses behind it themselves
VIRTUAL_WAREHOUSE_NAME = re.compile(r"^(to_)?vir(tual)?_?warehouse_nos?$")
#: warehouse fields whose refusal has its own row
OWN_ROWS = {"receive_warehouse_nos": "E64", "expect_warehouse_no": "E65"}
#: how deep argument values are walked for named fields (maps in lists in maps)
MAX_DEPTH = 4


@dataclass(frozen=True)
class Scope:
    """The shop and warehouse field names of one method's arguments."""

    shop_fields: frozenset[str]
    warehouse_fields: frozenset[str]

    @classmethod
    def of(cls, method: MethodDoc) -> Scope:
        names = {a.name for a in method.args} | {f.name for fields in method.tables.values() for f in fields}
        return cls(frozenset(n for n in names if SHOP_NAME.match(n)),
                   frozenset(n for n in names
                             if WAREHOUSE_NAME.search(n) and not VIRTUAL_WAREHOUSE_NAME.match(n)))

    @property
    def empty(self) -> bool:
        return not self.shop_fields and not self.warehouse_fields

    def check(self, method: MethodDoc, args: list[Any], rights: Rights) -> None:
        """E20/E80 for a shop, E34 (E64, E65) for a warehouse the app may not use."""
        if self.empty or rights.unlimited:
            return
        named = dict(zip((a.name for a in method.args), args, strict=False))
        for name, value in _named_values(named, self.shop_fields | self.warehouse_fields, 0):
            numbers = _numbers(value)
            if not numbers:
                continue
            if name in self.shop_fields:
                _check_shops(name, numbers, rights, isinstance(value, list) or "," in str(value))
            else:
                for number in numbers:
                    rights.require_warehouse(number, OWN_ROWS.get(name, "E34"), name)


@dataclass(frozen=True)
class Owner:
    """The rows a write names by number: `fields`, the arguments or fields (at any depth) that hold
    the numbers, and `rows`, the domain lookup of those rows' shop and warehouse(s)."""

    fields: tuple[str, ...]
    rows: RowsByNumber

    def check(self, method: MethodDoc, args: list[Any], session: Session, tenant_id: int, rights: Rights) -> None:
        """The whole call is refused (E20/E34) if any named row is outside the app's rights, a batch too:
        nothing of it is written."""
        if rights.unlimited:
            return
        named = dict(zip((a.name for a in method.args), args, strict=False))
        numbers = [n for _, value in _named_values(named, frozenset(self.fields), 0) for n in _numbers(value)]
        self.rows.check(session, tenant_id, numbers, rights)


def _check_shops(name: str, numbers: list[str], rights: Rights, is_list: bool) -> None:
    if is_list and not any(rights.may_use_shop(n) for n in numbers):
        raise ApiError("E80", f"{name}: none of {numbers} is permitted")
    for number in numbers:
        rights.require_shop(number, name)


def _named_values(value: Any, names: frozenset[str], depth: int) -> Iterator[tuple[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in names and depth <= MAX_DEPTH:
                yield key, item
            elif isinstance(item, dict | list):
                yield from _named_values(item, names, depth + 1)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                yield from _named_values(item, names, depth + 1)


def _numbers(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [v.strip() for v in str(value).split(",") if v.strip()]
