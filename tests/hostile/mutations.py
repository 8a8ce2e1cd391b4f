"""Hostile values and how they are put into a method's documented arguments: shared by the property
test (`test_fuzz_property.py`) and the fuzzer (`bench/fuzz.py`)."""

from __future__ import annotations

import copy
from typing import Any

import orjson


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


#: values JSON serializers refuse to write (a 1000-level nesting, integers past 64 bits), put into the
#: body's text after serializing
RAW = {"\u0001deep\u0001": "[" * 1000 + "1" + "]" * 1000, "\u0001huge\u0001": "99999999999999999999999",
       "\u0001neg\u0001": "-9223372036854775809", "\u0001u64\u0001": "18446744073709551616"}
HOSTILE: list[Any] = [
    None, "", [], {}, [None], {"a": []}, 0, -1, 1e308, -1e308, 1.5, 2**31, 2**63 - 1, *RAW,
    "1e308", "NaN", "Infinity", "٤٢", "4_7_1", "+5", "１２", " 7", True, False, "x" * 5000, _deep(200),
    "'; DROP TABLE stock; --", "\u0000", "2026-13-45 25:61:61", ["2026-01-01 00:00:00"],
    {"start": "2026-01-01 00:00:00"}, "0000-00-00 00:00:00",
    "999999999999999.99999", "-0", [1, 2, 3], {"0": {"x": 1}}, 9223372036854775807,
]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in a JSON value (dict keys and list indexes), the value itself included."""
    out = [prefix]
    if len(prefix) > 8:  # a nesting put there by an earlier mutation
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, (*prefix, k))
    elif isinstance(value, list) and len(value) < 50:
        for i, v in enumerate(value):
            out += paths(v, (*prefix, i))
    return out


def replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    value = copy.copy(value)
    value[path[0]] = replace(value[path[0]], path[1:], new)
    return value


def dump(args: Any) -> bytes:
    text = orjson.dumps(args, option=orjson.OPT_NON_STR_KEYS).decode()
    for mark, raw in RAW.items():
        text = text.replace(orjson.dumps(mark).decode(), raw)
    return text.encode()
