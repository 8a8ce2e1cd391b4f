"""The vendor's documentation of each method, shipped as package data (`data/methods.json`).

Argument and field tables (names, types, lengths, required flags, enum descriptions), paging and
time spans come from here, so a method's declaration only adds what the pages cannot say.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import Any

_SPAN_UNITS = {"天": "days", "分钟": "minutes", "小时": "hours"}
#: an enumerated value in a description: `1: 在线`, `1、在线`, or a code glued to its CJK name (`1在线转帐 2现金`)
_ENUM_VALUE = re.compile(r"(?:^|[\s,，;；、(（])(-?\d+)\s*(?:[:：、]|(?=[\u4e00-\u9fff]))")


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    length: int | None
    required: bool
    desc: str

    @property
    def enum_max(self) -> int | None:
        """The largest value an enumerated integer field's description lists, if it lists any."""
        values = [int(v) for v in _ENUM_VALUE.findall(self.desc or "")]
        return max(values) if len(values) >= 2 else None


@dataclass(frozen=True)
class ArgDoc:
    name: str
    type: str
    required: bool


@dataclass(frozen=True)
class MethodDoc:
    name: str
    title_zh: str
    kind: str
    paged: bool
    time_span: timedelta | None
    time_span_text: str | None
    args: tuple[ArgDoc, ...]
    tables: dict[str, tuple[FieldDoc, ...]]
    #: table name -> (parent table or "args", field holding it)
    parents: dict[str, tuple[str, str]]
    response_tables: dict[str, tuple[FieldDoc, ...]]
    limits: tuple[str, ...] = field(default=())
    example_request: Any = None
    example_response: Any = None

    def arg_table(self, arg_name: str) -> tuple[FieldDoc, ...] | None:
        for table, (parent, holder) in self.parents.items():
            if parent == "args" and holder == arg_name:
                return self.tables[table]
        if arg_name in self.tables:
            return self.tables[arg_name]
        return None

    def child_tables(self, table_fields: tuple[FieldDoc, ...]) -> dict[str, tuple[FieldDoc, ...]]:
        """Nested tables held by fields of the given table, keyed by the holding field's name."""
        names = {f.name for f in table_fields}
        owner = next((t for t, fs in self.tables.items() if fs is table_fields), None)
        return {
            holder: self.tables[table]
            for table, (parent, holder) in self.parents.items()
            if parent == owner and holder in names and table in self.tables
        }

    def corrected(self, field_types: dict[str, str] | None = None, optional: tuple[str, ...] = ()) -> MethodDoc:
        """This doc with some fields retyped and some no longer required, where a page types a field
        narrower than the vendor reads it or marks required what its own notes make optional."""
        types = field_types or {}

        def fix(f: FieldDoc) -> FieldDoc:
            return replace(f, type=types.get(f.name, f.type), required=f.required and f.name not in optional)

        args = tuple(replace(a, required=a.required and a.name not in optional) for a in self.args)
        return replace(self, args=args,
                       tables={t: tuple(fix(f) for f in fields) for t, fields in self.tables.items()})

    @property
    def page_size_max(self) -> int:
        for text in self.limits:
            found = re.search(r"(?:最大|不能超过|不超)\D{0,3}(\d+)", text)
            if found and ("分页" in text or "page" in text.lower()):
                return int(found.group(1))
        return DEFAULT_PAGE_SIZE_MAX


#: page_size upper bound where a method's page does not state one (the vendor's usual limit).
DEFAULT_PAGE_SIZE_MAX = 1000


def _length(raw: Any) -> int | None:
    try:
        return int(str(raw).split(",")[0].strip("() "))
    except (TypeError, ValueError):
        return None


def _fields(rows: list[dict[str, Any]]) -> tuple[FieldDoc, ...]:
    return tuple(
        FieldDoc(r["name"], r.get("type") or "String", _length(r.get("length")), bool(r.get("required")),
                 r.get("desc_zh") or "")
        for r in rows if r.get("name")
    )


def _span(text: str | None) -> timedelta | None:
    if not text:
        return None
    found = re.match(r"(\d+)\s*(天|分钟|小时)", text)
    return timedelta(**{_SPAN_UNITS[found.group(2)]: int(found.group(1))}) if found else None


def _parents(raw: dict[str, str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for key, value in raw.items():
        if key.startswith("fields."):
            parent, _, holder = value.partition(".")
            out[key.removeprefix("fields.")] = (parent, holder)
    return out


def _method(name: str, raw: dict[str, Any]) -> MethodDoc:
    return MethodDoc(
        name=name,
        title_zh=raw.get("title_zh") or "",
        kind=raw.get("kind") or "query",
        paged=bool(raw.get("paged")),
        time_span=_span(raw.get("time_span")),
        time_span_text=raw.get("time_span"),
        # an argument the page leaves unnamed has its fields in the table `_arg<position>`
        args=tuple(ArgDoc(a["name"] or f"_arg{i}", a["type"], bool(a.get("required")))
                   for i, a in enumerate(raw.get("args", []))),
        tables={t: _fields(rows) for t, rows in (raw.get("fields") or {}).items()},
        parents=_parents(raw.get("table_parents") or {}),
        response_tables={t: _fields(rows) for t, rows in (raw.get("response_fields") or {}).items()},
        limits=tuple(raw.get("limits_zh") or ()),
        example_request=raw.get("example_request"),
        example_response=raw.get("example_response_ok"),
    )


@cache
def all_docs() -> dict[str, MethodDoc]:
    text = resources.files("wdterp.data").joinpath("methods.json").read_text("utf-8")
    return {name: _method(name, raw) for name, raw in json.loads(text).items()}


def doc(name: str) -> MethodDoc:
    return all_docs()[name]
