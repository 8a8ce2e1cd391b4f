"""Validators built from the vendor's field tables, and the one mapping of their failures to the contract.

Each positional argument becomes a pydantic model (or a list of them) whose fields carry the
documented type, length, required flag and enumerated maximum. Query filter maps reject names the
doc does not list (E10); push payloads ignore them, as the vendor's own examples carry extra ones.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    create_model,
)
from pydantic_core import PydanticCustomError

from wdterp.api.docs import ArgDoc, FieldDoc, MethodDoc
from wdterp.protocol.clock import parse_wire_time
from wdterp.protocol.errors import ApiError
from wdterp.protocol.numbers import (
    DECIMAL_MAX,
    INT32_MAX,
    INT32_MIN,
    INT64_MAX,
    INT64_MIN,
    bounded_decimal,
    is_ascii_digits,
)

_INT_TYPES = {"int", "integer", "short", "byte", "bytre", "long", "tinyint", "smallint"}
_BOOL_TYPES = {"boolean", "bool"}
_DATE_TYPES = {"date", "datetime"}
_DATE_NAME = re.compile(r"(^|_)(time|date|begin|end|start)$|^(created|modified)$")
_STATUS_LIST = re.compile(r"^\s*-?\d+\s*(,\s*-?\d+\s*)*$")
_PHONE_NAME = re.compile(r"(mobile|telno|phone)$")
_ZERO_DATES = {"0000-00-00 00:00:00", "0000-00-00", "1970-01-01 08:00:00"}
#: fields whose overlong value has its own row (E46) instead of the generic truncation row (E78)
_OWN_LENGTH_ROWS = {"outer_no": "E46"}
#: required fields whose absence or emptiness has its own row (E31) instead of E70/E71
_OWN_REQUIRED_ROWS = {"warehouse_no": "E31"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, str_strip_whitespace=False)


def _kind(type_name: str) -> str:
    t = type_name.strip().lower().replace(" ", "")
    if t.startswith("list") or t.endswith("[]"):
        return "list"
    if t.startswith("map") or t.startswith("<map"):
        return "map"
    if t in _INT_TYPES:
        return "int"
    if t in _BOOL_TYPES:
        return "bool"
    if "decimal" in t or t in {"double", "float", "number"}:
        return "decimal"
    if t in _DATE_TYPES:
        return "date"
    return "str"


#: a `field_types` correction: text kept as sent although its name looks like a time (a page's own
#: format, e.g. VirtualWarehouse.create's pre_time "yyyy-MM-dd HH:mm", parsed by its handler)
PLAIN_TEXT = "Text"


def is_date_field(f: FieldDoc) -> bool:
    if f.type == PLAIN_TEXT:
        return False
    return _kind(f.type) == "date" or (_kind(f.type) == "str" and bool(_DATE_NAME.search(f.name)))


def _reject_empty(value: Any) -> Any:
    if value is None or value == "":
        raise PydanticCustomError("required_null", "must not be null")
    return value


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


def _parse_date(value: Any) -> datetime | None:
    if value is None or (isinstance(value, str) and (value == "" or value in _ZERO_DATES)):
        return None
    if isinstance(value, str):
        try:
            return parse_wire_time(value)
        except ValueError:
            pass
    raise PydanticCustomError("unparseable_date", "Unparseable date: {value}", {"value": str(value)})


def _check_status_list(value: Any) -> Any:
    if isinstance(value, int) or value is None or value == "":
        return value
    if isinstance(value, str) and _STATUS_LIST.match(value):
        return value
    raise PydanticCustomError("status_list", "status list")


def _reject_nul(value: Any) -> Any:
    # PostgreSQL cannot store NUL in text; refused on every backend alike
    if isinstance(value, str) and "\x00" in value:
        raise PydanticCustomError("nul_character", "a NUL character")
    return value


def _check_phone(value: Any) -> Any:
    if isinstance(value, str) and "*" in value:
        raise PydanticCustomError("masked_phone", "masked phone")
    return value


def _int_type(f: FieldDoc) -> Any:
    """An Int (32-bit) or Long (64-bit): JSON integers, or strings of plain ASCII digits."""
    wide = f.type.strip().lower() == "long"
    low, high = (INT64_MIN, INT64_MAX) if wide else (INT32_MIN, INT32_MAX)
    if f.enum_max is not None:
        high = min(high, f.enum_max)
    return Annotated[int, BeforeValidator(_plain_int), Field(le=high), AfterValidator(_int_floor(low))]


def _plain_int(value: Any) -> Any:
    # pydantic (like Python's int()) reads "4_7_1", "+5", " 5"; the vendor's Java parser does not
    if isinstance(value, str) and not is_ascii_digits(value.removeprefix("-")):
        raise PydanticCustomError("int_parsing", "not an integer")
    # a boolean stays 1/0: pages' own examples send `"is_check": true` for an Int (fastjson reads it)
    return value


def _int_floor(low: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value < low:
            raise PydanticCustomError("int_range", "below {low}", {"low": low})
        return value
    return check


def _check_decimal(value: Any) -> Decimal | None:
    """A Decimal(19,4): finite, at most 15 integer digits (E69) and 4 decimals (E78)."""
    if value is None:
        return None
    try:
        return bounded_decimal(value, "")
    except ApiError as err:
        if err.row.row == "E69":
            raise PydanticCustomError("less_than_equal", "at most {le}", {"le": DECIMAL_MAX}) from None
        if err.row.row == "E78":
            raise PydanticCustomError("decimal_scale", "more than 4 decimals") from None
        raise PydanticCustomError("decimal_type", "not a finite decimal") from None


def _map_or_empty_list(value: Any) -> Any:
    # PHP's json_encode sends an empty array `[]` where an empty object was meant.
    return {} if value == [] else value


def _field_type(f: FieldDoc, method: MethodDoc, is_filter: bool) -> Any:
    kind = _kind(f.type)
    validators: list[Any] = []
    if is_date_field(f):
        return Annotated[datetime | None, PlainValidator(_parse_date)]
    if kind == "str":
        validators.append(BeforeValidator(_reject_nul))
        base: Any = Annotated[str, Field(max_length=f.length)] if f.length else str
        if is_filter and f.name == "status":
            validators.append(BeforeValidator(_check_status_list))
            base = str | int
        if not is_filter and _PHONE_NAME.search(f.name):
            validators.append(BeforeValidator(_check_phone))
        return Annotated[base, *validators] if validators else base
    if kind == "int":
        return _int_type(f)
    if kind == "bool":
        return bool
    if kind == "decimal":
        return Annotated[Decimal, PlainValidator(_check_decimal)]
    if kind == "map":
        child = method.child_tables(_owner_fields(method, f)).get(f.name)
        if child:
            return Annotated[model_for(method, child, is_filter), BeforeValidator(_map_or_empty_list)]
        return Annotated[dict[str, Any], BeforeValidator(_map_or_empty_list)]
    # lists
    child = method.child_tables(_owner_fields(method, f)).get(f.name)
    if child:
        return list[model_for(method, child, is_filter)]  # type: ignore[misc]
    if "string" in f.type.lower():
        return list[str]
    return list[Any]


def _owner_fields(method: MethodDoc, f: FieldDoc) -> tuple[FieldDoc, ...]:
    return next((fs for fs in method.tables.values() if f in fs), ())


_MODELS: dict[tuple[str, int, bool], type[BaseModel]] = {}


def model_for(method: MethodDoc, table: tuple[FieldDoc, ...], is_filter: bool) -> type[BaseModel]:
    key = (method.name, id(table), is_filter)
    if key in _MODELS:
        return _MODELS[key]
    definitions: dict[str, Any] = {}
    for f in table:
        if not f.name.isidentifier() or f"f_{f.name}" in definitions:
            continue
        annotation = _field_type(f, method, is_filter)
        # every field gets a prefixed attribute name and its wire name as alias, so that names like
        # `json` or `copy` cannot clash with pydantic's own attributes
        spec: Any
        if f.required and not (is_filter and is_date_field(f)):
            spec = Annotated[annotation, BeforeValidator(_reject_empty), Field(alias=f.name)]
            definitions[f"f_{f.name}"] = (spec, ...)
        else:
            spec = Annotated[annotation | None, BeforeValidator(_blank_to_none), Field(alias=f.name)]
            definitions[f"f_{f.name}"] = (spec, None)
    model: type[BaseModel] = create_model(f"Args_{len(_MODELS)}", __base__=_Strict, **definitions)
    _MODELS[key] = model
    return model


# --------------------------------------------------------------------------- errors → contract


def _field_name(loc: Iterable[Any]) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1].removeprefix("f_") if names else ""


_FIELD_RULE_KINDS = frozenset({"missing", "required_null", "string_too_long", "less_than_equal", "decimal_scale",
                               "unparseable_date", "status_list", "masked_phone"})


def contract_error(err: ValidationError) -> ApiError:
    """The single place where a validation failure becomes a contract row."""
    errors = err.errors(include_url=False)
    # a JSON type mismatch (check 11) is reported before any field rule (check 13)
    first = next((e for e in errors if e["type"] not in _FIELD_RULE_KINDS), errors[0])
    kind, name = first["type"], _field_name(first["loc"])
    ctx = first.get("ctx") or {}
    # reprlib: the input may be a 1000-level nesting, which a plain repr cannot walk
    detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']} (input {reprlib.repr(first.get('input')):.80})"
    if kind in ("missing", "required_null") and name in _OWN_REQUIRED_ROWS:
        return ApiError(_OWN_REQUIRED_ROWS[name], detail)
    if kind == "missing":
        return ApiError("E71", detail, field=name)
    if kind == "required_null":
        return ApiError("E70", detail, field=name)
    if kind == "string_too_long":
        return ApiError(_OWN_LENGTH_ROWS.get(name, "E78"), detail, field=name)
    if kind == "decimal_scale":
        return ApiError("E78", detail, field=name)
    if kind == "less_than_equal":
        return ApiError("E69", detail, field=name, max=ctx.get("le"))
    if kind == "unparseable_date":
        return ApiError("E66", detail, value=ctx.get("value"))
    if kind == "status_list":
        return ApiError("E49", detail)
    if kind == "masked_phone":
        return ApiError("E51", detail)
    return ApiError("E07", detail)


# --------------------------------------------------------------------------- positional arguments


def _is_pager(arg: ArgDoc) -> bool:
    return arg.type.lower() == "pager" or arg.name == "pager"


def _scalar_model(arg: ArgDoc) -> type[BaseModel]:
    f = FieldDoc(arg.name, arg.type, None, arg.required, "")
    annotation: Any = Any if _kind(arg.type) in {"map", "list"} else _field_type(f, _EMPTY_DOC, False)
    value: Any = (annotation | None, None)
    return create_model(f"Arg_{arg.name}", __base__=_Strict, value=value)


_EMPTY_DOC = MethodDoc("", "", "query", False, None, None, (), {}, {}, {})


class ArgsValidator:
    """Validates a method's positional argument array against its documented argument tables."""

    def __init__(self, method: MethodDoc, filter_args: set[str], overrides: dict[str, Any]) -> None:
        self.method = method
        self.args = tuple(a for a in method.args if not _is_pager(a))
        self.has_pager = len(self.args) != len(method.args)
        self.required_count = max((i + 1 for i, a in enumerate(self.args) if a.required), default=0)
        self._overridden = frozenset(overrides)
        self._steps: list[Callable[[Any], Any]] = [
            self._step_for(a, a.name in filter_args, overrides.get(a.name)) for a in self.args
        ]

    def _step_for(self, arg: ArgDoc, is_filter: bool, override: Any) -> Callable[[Any], Any]:
        kind = _kind(arg.type)
        table = self.method.arg_table(arg.name)
        if override is not None:
            return override
        if kind == "map":
            model = model_for(self.method, table or (), is_filter)
            known = {f.name for f in table or ()}
            return lambda v: self.validate_map(model, v, known if is_filter and table else None)
        if kind == "list" and table:
            model = model_for(self.method, table, False)
            return lambda v: self.validate_list(model, v)
        scalar = _scalar_model(arg)
        if kind == "list":
            return lambda v: v if isinstance(v, list) else _type_mismatch(arg.name)
        if arg.required:
            return lambda v: _not_null(arg.name, v) and scalar.model_validate({"value": v}).value  # type: ignore[attr-defined]
        return lambda v: scalar.model_validate({"value": v}).value  # type: ignore[attr-defined]

    @staticmethod
    def validate_map(model: type[BaseModel], value: Any, known: set[str] | None) -> dict[str, Any]:
        value = _map_or_empty_list(value)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            _type_mismatch("map")
        if known is not None:
            unknown = next((k for k in value if k not in known), None)
            if unknown is not None:
                raise ApiError("E10", f"filter {unknown!r} is not documented for this method", name=unknown)
        return model.model_validate(value).model_dump(exclude_none=True, by_alias=True)

    @staticmethod
    def validate_list(model: type[BaseModel], value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if isinstance(value, dict):
            value = list(value.values()) if all(k.isdigit() for k in value) else [value]
        if not isinstance(value, list):
            _type_mismatch("list")
        return [model.model_validate(item).model_dump(exclude_none=True, by_alias=True) for item in value]

    def validate(self, body: list[Any]) -> list[Any]:
        limit = len(self.args) + (1 if self.has_pager else 0)
        if len(body) > limit or len(body) < self.required_count:
            expected = f"{self.required_count}..{limit}"
            raise ApiError("E02", f"got {len(body)} arguments, the method takes {expected}")
        out: list[Any] = []
        try:
            for step, value in zip(self._steps, body, strict=False):
                out.append(step(value))
        except ValidationError as err:
            raise contract_error(err) from None
        # an argument left out is read as null: a map as {} (its required fields then answer E71)
        for arg, step in zip(self.args[len(out):], self._steps[len(out):], strict=True):
            out.append(self._absent(arg, step))
        return out

    def _absent(self, arg: ArgDoc, step: Callable[[Any], Any]) -> Any:
        if _kind(arg.type) != "map" or arg.name in self._overridden:
            return None
        try:
            return step(None)
        except ValidationError as err:
            raise contract_error(err) from None


def _not_null(name: str, value: Any) -> bool:
    """A required positional argument sent as null (E70); pages that send null where they say
    required name the argument in their declaration's `optional`."""
    if value is None:
        raise ApiError("E70", f"argument {name} is required", field=name)
    return True


def _type_mismatch(name: str) -> Any:
    raise ApiError("E07", f"argument {name}: wrong JSON type")
