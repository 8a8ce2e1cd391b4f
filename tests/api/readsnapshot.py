"""Every implemented read method's answers on the demo data, recorded so a refactoring can show that
none of them changed (`test_read_snapshot.py`).

The demo tenant (data/demo.yaml) is loaded into a fresh SQLite database, a fixed scenario of writes
runs on it (pushed and shipped trades, other stock documents, counts, moves, a JIT stockout,
payments, goods), then every registered query method is called through HTTP with four argument
sets: a time window only, the window with every filter the demo can fill, the doc page's own
example, and the window on its second page of two rows. Answers are normalised (times, today's
date inside numbers, generated tracking numbers) and compared field by field with
`read_snapshot.json`.

    python tests/api/readsnapshot.py --write     # record (only before a change that must not alter answers)
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

sys.path[:0] = [str(Path(__file__).parent.parent), str(Path(__file__).parent)]

from support import Caller, run_server  # noqa: E402
from wdterp import wiring  # noqa: E402
from wdterp.api.ops import run_operation  # noqa: E402
from wdterp.api.registry import Method, load_all  # noqa: E402
from wdterp.cli.demo import demo_document  # noqa: E402
from wdterp.cli.load import load_into  # noqa: E402
from wdterp.domain.tenancy import service as tenancy  # noqa: E402
from wdterp.gateway.config import GatewayConfig  # noqa: E402
from wdterp.protocol.clock import format_wire_time, now_china  # noqa: E402
from wdterp.storage import migrate  # noqa: E402
from wdterp.storage.db import Database  # noqa: E402

FIXTURE = Path(__file__).with_name("read_snapshot.json")
#: filter values the demo data answers to, by field name
DEMO_VALUES: dict[str, Any] = {
    "warehouse_no": "WH-SH", "shop_no": "demo-mall", "spec_no": "TS01-WH-M", "goods_no": "TS01",
    "logistics_no": "SF", "platform_id": 127, "spec_nos": ["TS01-WH-M", "MUG01-350"],
    "goods_nos": ["TS01"], "barcode": "6901000000011", "suite_no": "GIFT01", "tid": "SNAP-1",
    "src_tid": "SNAP-1",
}
#: times given as milliseconds since the epoch (2020..2040)
EPOCH_MS = (1_577_836_800_000, 2_208_988_800_000)
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?")


def _window(method: Method) -> dict[str, Any]:
    rule = method.time_rule
    if rule is None or rule.start is None or rule.end is None:
        return {}
    now = now_china()
    return {rule.start: format_wire_time(now - timedelta(minutes=55)),
            rule.end: format_wire_time(now + timedelta(minutes=1))}


def _first_table(method: Method) -> set[str]:
    if not method.doc.args:
        return set()
    return {f.name for f in method.doc.arg_table(method.doc.args[0].name) or ()}


def _with_example(method: Method, first: dict[str, Any]) -> list[Any]:
    """The doc example's arguments with its first map replaced by `first`."""
    example = method.doc.example_request if isinstance(method.doc.example_request, list) else []
    args: list[Any] = list(example)
    if args and isinstance(args[0], dict):
        args[0] = first
    elif not args and method.doc.args:
        args = [first]
    return args


def variants(method: Method) -> dict[str, tuple[list[Any], tuple[int, int] | None]]:
    page = (50, 0) if method.paged else None
    window = _window(method)
    table = _first_table(method)
    narrowing = {n: DEMO_VALUES[n] for n in (method.time_rule.narrowing if method.time_rule else ())
                 if n in DEMO_VALUES}
    filled = {**window, **{n: v for n, v in DEMO_VALUES.items() if n in table}}
    out: dict[str, tuple[list[Any], tuple[int, int] | None]] = {
        "window": (_with_example(method, {**window, **narrowing}), page),
        "filled": (_with_example(method, filled), page),
    }
    if isinstance(method.doc.example_request, list):
        out["example"] = (method.doc.example_request, page)
    if method.paged:
        out["page2"] = (_with_example(method, filled), (2, 1))
    return out


def normalise(value: Any, today: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: normalise(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, today) for v in value]
    if type(value) is int and EPOCH_MS[0] <= value <= EPOCH_MS[1]:
        return "<epoch ms>"
    if isinstance(value, str):
        value = _TIME.sub("<time>", value)
        for text in today:
            value = value.replace(text, "<today>")
    return value


def _today() -> tuple[str, ...]:
    day = now_china().date()
    days = [day, day - timedelta(days=1)]
    return tuple(t for d in days for t in (d.isoformat(), d.strftime("%Y%m%d"), d.strftime("%y%m%d")))


def _prepare(db: Database) -> Caller:
    wiring.wire()  # loaders, hooks and methods registered (as the CLI and the gateway do)
    migrate.upgrade(db)
    document = demo_document()
    document["settings"] = {**document.get("settings", {}),
                            "autopilot": {"auto_submit": True, "auto_check": True}}
    load_into(db, document)
    with db.transaction() as session:
        app = tenancy.create_app(session, "demo", "snap-api")
        return Caller("", "demo", app.key, app.secret, app.salt)


def _op(db: Database, name: str, **params: Any) -> Any:
    with db.transaction() as session:
        return run_operation(session, name, "demo", params)


def record(db_dir: Path) -> dict[str, Any]:
    from snapscenario import run_scenario  # the writes, beside this module

    db = Database(f"sqlite:///{db_dir / 'snap.db'}")
    caller = _prepare(db)
    config = GatewayConfig(access_cache_ttl=0.0, call_log_flush_seconds=0.05)
    try:
        with run_server(db, config) as server:
            caller.url = server.url
            run_scenario(caller, lambda name, **p: _op(db, name, **p))
            today = _today()
            out: dict[str, Any] = {}
            for name, method in sorted(load_all().items()):
                if method.writes:
                    continue
                for variant, (args, page) in variants(method).items():
                    envelope = caller.call(name, *args, page=page)
                    out[f"{name} {variant}"] = normalise(envelope, today)
            return out
    finally:
        db.dispose()


def take() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return record(Path(tmp))


def main() -> None:
    if "--write" not in sys.argv:
        raise SystemExit(__doc__)
    answers = take()
    FIXTURE.write_bytes(orjson.dumps(answers, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    ok = sum(1 for a in answers.values() if a.get("status") == 0)
    print(f"{len(answers)} answers ({ok} status 0) written to {FIXTURE} on {date.today()}")


if __name__ == "__main__":
    main()
