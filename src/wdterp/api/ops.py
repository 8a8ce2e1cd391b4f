"""ERP-side actions (what people do in the vendor's desktop client), one registry for every surface.

    @operation("shop.disable", help="Disable a shop", params={"shop_no": str})
    def disable_shop(session: Session, tenant_id: int, shop_no: str) -> dict[str, Any]: ...

`wdterp ops run NAME --sid S --arg k=v` and `POST /admin/ops/{name}` both run operations from here.
A handler gets the session of one transaction, the tenant's id and its coerced parameters, and
returns a JSON-able dict; a domain refusal (`ApiError`) may rise out of it: `run_operation` turns it
into an `OperationError` (message and reason) in one place. Every operation takes the tenant's
`sid`; it is not listed in `params`.
Operations of each context live in its `wdterp.api.ops_<area>` module, which `wdterp.wiring` imports.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from wdterp.domain.masterdata.service import find_shop
from wdterp.domain.tenancy import service as tenancy
from wdterp.domain.tenancy.models import Tenant
from wdterp.protocol.errors import ApiError, suggest

OperationHandler = Callable[..., dict[str, Any]]
_TYPES: dict[type, str] = {str: "str", int: "int", float: "float", bool: "bool", dict: "object",
                           list: "list"}


class OperationError(ValueError):
    """An operation that cannot run: unknown name or tenant, bad parameter, refused by the domain."""

    @classmethod
    def refused(cls, err: ApiError) -> OperationError:
        """A domain refusal (a contract row): its message as a client would see it, and the full reason."""
        return cls(err.explained)


class UnknownOperation(OperationError):
    pass


#: the default of a parameter that must be given
REQUIRED: Any = object()


@dataclass(frozen=True)
class Param:
    """A parameter's type, and its default when it may be left out: `Param(int, default=0)`."""

    type: type = str
    default: Any = REQUIRED
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def describe(self) -> dict[str, Any]:
        return {"type": _TYPES[self.type], "required": self.required,
                "default": None if self.required else self.default, "help": self.help}


@dataclass(frozen=True)
class Operation:
    name: str
    help: str
    handler: OperationHandler
    params: dict[str, Param] = field(default_factory=dict)
    #: takes any further `key=value` pairs (values parsed as JSON where they are JSON, else text)
    extra: bool = False

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "help": self.help, "extra": self.extra,
                "params": {name: p.describe() for name, p in self.params.items()}}

    def coerce(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(raw) - set(self.params))
        if unknown and not self.extra:
            near = [m for u in unknown for m in suggest(u, self.params, 1)]
            hint = f"did you mean {', '.join(near)}? " if near else ""
            raise OperationError(f"{self.name}: unknown parameter(s) {', '.join(unknown)}; {hint}"
                                 f"it takes {', '.join(self.params) or 'none'}")
        values: dict[str, Any] = {}
        for name, param in self.params.items():
            if name in raw:
                values[name] = _coerce(name, param.type, raw[name])
            elif param.required:
                raise OperationError(f"{self.name}: parameter {name!r} is required")
            else:
                values[name] = param.default
        for name in unknown:
            values[name] = _loose(raw[name])
        return values


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, *, help: str, params: Mapping[str, type | Param] | None = None,
              extra: bool = False) -> Callable[[OperationHandler], OperationHandler]:
    """Register an ERP-side action; `params` maps a name to its type (required) or a `Param`."""
    specs = {k: v if isinstance(v, Param) else Param(v) for k, v in (params or {}).items() if k != "sid"}
    for pname, spec in specs.items():
        if spec.type not in _TYPES:
            raise TypeError(f"operation {name}: parameter {pname} has unsupported type {spec.type}")

    def register(handler: OperationHandler) -> OperationHandler:
        OPERATIONS[name] = Operation(name, help, handler, specs, extra)
        return handler

    return register


def all_operations() -> dict[str, Operation]:
    """Every registered operation, by name: those of the modules `wdterp.wiring` imports."""
    return dict(sorted(OPERATIONS.items()))


def run_operation(session: Session, name: str, sid: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Run one operation for tenant `sid` in the caller's transaction.

    The one place a domain refusal (`ApiError`) becomes an `OperationError`: handlers let it rise.
    """
    op = all_operations().get(name)
    if op is None:
        near = suggest(name, all_operations())
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise UnknownOperation(f"no operation {name!r}; {hint}`wdterp ops list` shows them")
    tenant = tenancy.find_tenant(session, sid)
    if tenant is None:
        raise OperationError(f"no tenant with sid {sid!r}")
    try:
        return op.handler(session, tenant.id, **op.coerce(raw))
    except ApiError as err:
        raise OperationError.refused(err) from err


def _coerce(name: str, kind: type, value: Any) -> Any:
    try:
        if kind is bool:
            return _bool(value)
        if kind in (int, float):
            if isinstance(value, bool):
                raise ValueError
            return kind(value)
        if kind in (dict, list):
            parsed = json.loads(value) if isinstance(value, str) else value
            if not isinstance(parsed, kind):
                raise ValueError
            return parsed
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError
        return str(value)
    except (TypeError, ValueError) as exc:
        raise OperationError(f"parameter {name!r}: expected {_TYPES[kind]}, got {value!r}") from exc


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


def _loose(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


# ---------------------------------------------------------------------------- tenancy, master data


@operation("tenant.settings", extra=True,
           help="Set tenant settings key=value (e.g. decimal_quantity=1); without any, show them")
def tenant_settings(session: Session, tenant_id: int, **settings: Any) -> dict[str, Any]:
    tenant = session.get(Tenant, tenant_id)
    assert tenant is not None
    if settings:
        tenancy.update_tenant(session, tenant.sid, settings=settings)
    return {"sid": tenant.sid, "settings": dict(tenant.settings or {})}


def _set_shop_disabled(session: Session, tenant_id: int, shop_no: str, disabled: bool) -> dict[str, Any]:
    shop = find_shop(session, tenant_id, shop_no)
    if shop is None:
        raise OperationError(f"no shop {shop_no!r}")
    shop.is_disabled = disabled
    session.flush()
    return {"shop_no": shop.shop_no, "shop_name": shop.shop_name, "is_disabled": shop.is_disabled}


@operation("shop.disable", help="Disable a shop: calls naming it answer E20", params={"shop_no": str})
def disable_shop(session: Session, tenant_id: int, shop_no: str) -> dict[str, Any]:
    return _set_shop_disabled(session, tenant_id, shop_no, True)


@operation("shop.enable", help="Enable a disabled shop", params={"shop_no": str})
def enable_shop(session: Session, tenant_id: int, shop_no: str) -> dict[str, Any]:
    return _set_shop_disabled(session, tenant_id, shop_no, False)
