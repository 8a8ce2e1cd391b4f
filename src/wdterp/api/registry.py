"""One declaration per vendor method: name, arguments (from the doc), paging, time rule, handler.

    @declare("setting.Warehouse.queryWarehouse", list_name="details")
    def query_warehouse(ctx: CallContext, params: dict) -> dict: ...

Everything the pages say (argument tables, lengths, required flags, paging, time span) is read from
the shipped docs; a declaration only adds what they cannot say. Validation, the coverage report and
the generic contract tests all derive from the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from wdterp.api.docs import MethodDoc, doc
from wdterp.api.scope import Owner, Scope
from wdterp.api.timerules import TimeRule
from wdterp.api.validation import ArgsValidator

Handler = Callable[..., Any]

#: page arguments' names in the query string
PAGE_PARAMS = ("page_size", "page_no", "calc_total")


@dataclass
class Method:
    name: str
    handler: Handler
    doc: MethodDoc
    paged: bool
    list_name: str | None
    time_rule: TimeRule | None
    internal: bool
    writes: bool
    validator: ArgsValidator
    page_size_max: int
    #: the arguments that name a shop or a warehouse (`api/scope.py`)
    scope: Scope
    #: the rows a write names by number, whose shop and warehouse rights are checked (`api/scope.py`)
    owner: Owner | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self, body: list[Any]) -> list[Any]:
        args = self.validator.validate(body)
        if self.time_rule is not None and args and isinstance(args[0], dict):
            self.time_rule.check(args[0])
        return args


REGISTRY: dict[str, Method] = {}

#: methods whose pages say they serve only the internal (Qimen custom) channel: "此接口仅支持奇门自定场景访问".
#: An ordinary app calling one gets E32 whether or not we implement it.
INTERNAL_ONLY = frozenset({"wms.stockin.PreStockin.search"})


def _default_list_name(method_doc: MethodDoc) -> str | None:
    data = method_doc.response_tables.get("data", ())
    lists = [f.name for f in data if f.type.lower().startswith("list")]
    return lists[0] if lists else None


def declare(
    name: str,
    *,
    paged: bool | None = None,
    list_name: str | None = None,
    time_span: timedelta | None | bool = True,
    time_fields: tuple[str, str] | None = None,
    time_required: bool | None = None,
    narrowing: tuple[str, ...] = (),
    window_unless: tuple[str, ...] = (),
    internal: bool = False,
    filters: tuple[str, ...] | None = None,
    optional: tuple[str, ...] = (),
    field_types: dict[str, str] | None = None,
    overrides: dict[str, Any] | None = None,
    page_size_max: int | None = None,
    owner: Owner | None = None,
    **extra: Any,
) -> Callable[[Handler], Handler]:
    """Register a handler for a vendor method; its schema comes from the method's doc page.

    `time_span=True` takes the span from the doc, `None`/`False` disables it, a timedelta overrides.
    `filters` names the arguments that are query filter maps (default: a query's map arguments).
    `narrowing` lists filter names of which at least one must be given (E44).
    `window_unless` makes the time window required (E23) unless one of these numbers is given.
    `optional` / `field_types` correct the page where it marks required what its own notes make
    optional, or types a field narrower than the vendor reads it (`MethodDoc.corrected`).
    `overrides` replaces an argument's validation step, for argument shapes a page's example
    contradicts (one map or a list of them, a list wrapped in a map).
    `owner` names the documents the arguments name by number, for the app's rights (`api/scope.py`).
    """

    def register(handler: Handler) -> Handler:
        method_doc = doc(name)
        if optional or field_types:
            method_doc = method_doc.corrected(field_types, optional)
        is_paged = method_doc.paged if paged is None else paged
        filter_args = set(filters) if filters is not None else {
            a.name for a in method_doc.args
            if method_doc.kind == "query" and a.type.lower().replace(" ", "").startswith("map")
        }
        span = method_doc.time_span if time_span is True else (time_span or None)
        REGISTRY[name] = Method(
            name=name,
            handler=handler,
            doc=method_doc,
            paged=is_paged,
            list_name=list_name or _default_list_name(method_doc),
            time_rule=TimeRule.for_method(method_doc, span, time_fields, time_required, narrowing, window_unless),
            internal=internal or name in INTERNAL_ONLY,
            writes=method_doc.kind != "query",
            validator=ArgsValidator(method_doc, filter_args, overrides or {}),
            page_size_max=page_size_max or method_doc.page_size_max,
            scope=Scope.of(method_doc),
            owner=owner,
            extra=extra,
        )
        return handler

    return register


def load_all() -> dict[str, Method]:
    """Every declared method: those of the modules `wdterp.wiring` imports (empty before it is)."""
    return REGISTRY
