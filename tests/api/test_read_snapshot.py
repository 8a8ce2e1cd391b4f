"""No read method's answer on the demo data changed: see `readsnapshot.py` (which records them).

Compared field by field. Lists are compared as multisets: rows whose order keys tie (equal times of
one run) may come in either order from one run to the next.

The same calls show which read methods still go through the ORM: a read on the fast path (prepared
searches, `storage/prepared.py`) never asks for `ctx.session` (nor `ctx.paginate` / `ctx.fetch_page`
of an ORM select, which use it). `ORM_READS` lists the reads that also write (so need the session).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from readsnapshot import FIXTURE, record

from wdterp.api.context import CallContext
from wdterp.api.registry import load_all

#: read methods that make an ORM session, and why: the StockSync "queries" record what they compute
#: (each listing's observed stock and its change count, `sync.stock.observe`), so they write
ORM_READS: frozenset[str] = frozenset({
    "sales.StockSync.batchCalcStock",
    "sales.StockSync.calcStock",
    "sales.StockSync.getSelfWaitSyncIdListOpen",
})


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canon(v) for v in value), key=lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS))
    return value


def _differences(path: str, want: Any, got: Any, out: list[str]) -> None:
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got)):
            if key not in got or key not in want:
                out.append(f"{path}.{key}: {'missing' if key not in got else 'not in the record'}")
            else:
                _differences(f"{path}.{key}", want[key], got[key], out)
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for at, (w, g) in enumerate(zip(want, got, strict=True)):
            _differences(f"{path}[{at}]", w, g, out)
    elif want != got or type(want) is not type(got):
        out.append(f"{path}: recorded {want!r}, now {got!r}")


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], set[str]]]:
    """The answers of every read method, and the methods whose calls asked for an ORM session."""
    with_session: set[str] = set()
    orm_session = CallContext.session

    def tracked(ctx: CallContext) -> Any:
        with_session.add(ctx.method)
        return orm_session.fget(ctx)  # type: ignore[attr-defined]

    patch = pytest.MonkeyPatch()
    patch.setattr(CallContext, "session", property(tracked))
    try:
        yield record(tmp_path_factory.mktemp("snapshot")), with_session
    finally:
        patch.undo()


def test_every_read_answer_is_as_recorded(answers: tuple[dict[str, Any], set[str]]) -> None:
    recorded = orjson.loads(FIXTURE.read_bytes())
    now = answers[0]
    assert sorted(now) == sorted(recorded), set(now) ^ set(recorded)
    out: list[str] = []
    for key in sorted(recorded):
        _differences(key, _canon(recorded[key]), _canon(now[key]), out)
    assert not out, "\n".join(out[:50])


def test_reads_make_no_orm_session(answers: tuple[dict[str, Any], set[str]]) -> None:
    reads = {name for name, method in load_all().items() if not method.writes}
    orm = answers[1] & reads
    assert not orm - ORM_READS, f"read methods on the ORM path (use prepared searches): {sorted(orm - ORM_READS)}"
    assert not ORM_READS - orm, f"on the fast path now: take them off ORM_READS: {sorted(ORM_READS - orm)}"
