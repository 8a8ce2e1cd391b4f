"""Issue 7 item 3: mutations of every implemented method's documented request example get an
envelope with a contract row, never status 99 (Hypothesis; `bench/fuzz.py` runs the same
mutations by the ten thousand)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import HOSTILE, dump, paths, replace

from support import TenantHandle
from wdterp import wiring
from wdterp.api.registry import load_all
from wdterp.protocol.errors import catalog

wiring.wire()
METHODS = sorted(load_all())
CODES = {r.code for r in catalog().values()}


def _example(name: str) -> list[Any]:
    example = load_all()[name].doc.example_request
    return copy.deepcopy(example) if isinstance(example, list) else [{}]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(METHODS))
    args = _example(name)
    for _ in range(draw(st.integers(1, 3))):
        places = paths(args)
        where = draw(st.sampled_from(places))
        args = replace(args, where, draw(st.sampled_from(HOSTILE)))
        if not isinstance(args, list):  # the whole body replaced: still sent as it is
            break
    return name, dump(args)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(case=mutated())
def test_a_mutated_example_gets_an_envelope_never_99(tenant: TenantHandle, case: tuple[str, bytes]) -> None:
    name, body = case
    envelope = tenant.caller.raw(name, body, page=(10, 0) if load_all()[name].paged else None)
    assert envelope["status"] != 99, (name, body[:300], envelope)
    assert envelope["status"] != 5, (name, body[:300], envelope)  # a value's fault is not the database's
    assert envelope["status"] == 0 or (envelope["status"] in CODES and envelope["message"]), envelope
