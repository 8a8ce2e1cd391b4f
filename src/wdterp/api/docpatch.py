"""Argument validators from a method's doc with a few field rules corrected, for `declare(overrides=...)`.

Some pages type a field narrower than the vendor reads it (`num` as Int while the example sends
"200.0000" and decimal quantities are a tenant setting), or mark required what their own notes make
optional ("sn_list 和 sn_new_list 有一个必传"; `warehouse_no`, whose absence has its own row E31).
The corrected doc goes through the same validator, so every other rule stays the page's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from wdterp.api.docs import FieldDoc, MethodDoc, doc
from wdterp.api.validation import ArgsValidator


def patched_doc(name: str, types: dict[str, str] | None = None, optional: Iterable[str] = ()) -> MethodDoc:
    """The method's doc with field `types` replaced and the `optional` fields no longer required."""
    types, optional = types or {}, set(optional)
    base = doc(name)

    def fix(f: FieldDoc) -> FieldDoc:
        return replace(f, type=types.get(f.name, f.type), required=f.required and f.name not in optional)

    return replace(base, name=f"{name}#patched",
                   tables={t: tuple(fix(f) for f in fields) for t, fields in base.tables.items()})


def overrides(name: str, types: dict[str, str] | None = None, optional: Iterable[str] = (),
              filters: Iterable[str] = ()) -> dict[str, Callable[[Any], Any]]:
    """Per-argument validation steps of the corrected doc, keyed by argument name."""
    validator = ArgsValidator(patched_doc(name, types, optional), set(filters), {})
    steps = validator._steps  # noqa: SLF001 - the same steps the registry would build
    return {arg.name: step for arg, step in zip(validator.args, steps, strict=True)}
