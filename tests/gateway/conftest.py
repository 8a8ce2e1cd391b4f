"""Fixtures of the gateway tests: methods declared by a test, and removed again after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from wdterp.api.registry import REGISTRY, Method, declare, load_all

#: documented methods used as carriers of test-only handlers (the server shares REGISTRY)
INTERNAL_METHOD = "wms.stockin.PreStockin.search"
STATUS_FILTER_METHOD = "finance.settle.Purchase.search"  # a String `status` filter
OUTER_NO_METHOD = "wms.stockin.Other.createOtherOrder"
#: query carriers whose filter map has no required field
FAILING_METHOD = "process.Process.search"
WRITING_METHOD = "wms.GoodsSN.queryWithDetail"
SLOW_METHOD = "wms.stockdefect.DefectChange.search"

TempMethod = Callable[..., Method]


@pytest.fixture
def temp_method() -> Iterator[TempMethod]:
    """`temp_method(name, handler, **declare_options)`: a handler for a documented method, for one test.

    Whatever was registered under that name before (another namespace's real handler) comes back after.
    """
    load_all()
    saved: dict[str, Method | None] = {}

    def install(name: str, handler: Callable[..., Any], **options: Any) -> Method:
        saved.setdefault(name, REGISTRY.get(name))
        declare(name, **options)(handler)
        return REGISTRY[name]

    yield install
    for name, previous in saved.items():
        if previous is None:
            REGISTRY.pop(name, None)
        else:
            REGISTRY[name] = previous
