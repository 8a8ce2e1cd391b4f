"""Hostile input with valid credentials: mutations of every implemented method's documented request.

    python bench/fuzz.py [--requests 20000] [--seed 7] [--clients 4] [--show 20]

One uvicorn worker in a subprocess serves the demo tenant with the read snapshot's scenario
(tests/api/snapscenario.py) on a SQLite file. Each request takes a method's documented example
(or the read snapshot's filled arguments) and mutates it: a field or a positional argument
replaced by a hostile value (null, "", [], {}, 1e308, 2**63, "4_7_1", full-width digits, a
time as a list, a 1000-level nesting, an overlong string...), arguments added or dropped, a
non-array or invalid body, odd public parameters, odd HTTP methods and paths. Every answer must
be an envelope (HTTP 200, application/json, {"status": ...}) and none may be status 99.

Prints: requests tried, status 99 seen (goal 0), non-envelope replies (goal 0), the statuses,
the server's RSS before and after, and the first few failing requests to reproduce.
"""

from __future__ import annotations

import argparse
import collections
import copy
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import orjson

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE.parent / "tests"), str(HERE.parent / "tests" / "api"), str(HERE.parent / "tests" / "hostile")]

from mutations import HOSTILE, dump, paths, replace  # noqa: E402
from readsnapshot import _op, _prepare, variants  # noqa: E402
from snapscenario import run_scenario  # noqa: E402
from stock_common import serve  # noqa: E402

from support import run_server  # noqa: E402
from wdterp.api.registry import Method, load_all  # noqa: E402
from wdterp.gateway.config import GatewayConfig  # noqa: E402
from wdterp.protocol.clock import wire_timestamp  # noqa: E402
from wdterp.protocol.sign import compute_sign  # noqa: E402
from wdterp.storage.db import Database  # noqa: E402

JSON_TYPE = "application/json; charset=utf-8"


HTTP_METHODS = ("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT", "HEAD", "MKCOL")
PATHS = ("/openapi", "/", "/openapi/", "/x", "/openapi.php", "/%2e%2e/etc/passwd", "/admin/../openapi")
INT_PARAMS = ("page_size", "page_no", "calc_total", "timestamp")


class Requests:
    """Hostile requests built from the methods' documented arguments."""

    def __init__(self, methods: dict[str, Method], rng: random.Random) -> None:
        self.rng = rng
        self.names = sorted(methods)
        self.bases: dict[str, list[tuple[list[Any], tuple[int, int] | None]]] = {
            name: list(variants(m).values()) for name, m in methods.items()}

    def one(self) -> tuple[str, str, str, dict[str, str], bytes]:
        """(HTTP method, path, API method, extra params, body)."""
        rng = self.rng
        name = rng.choice(self.names)
        args, page = copy.deepcopy(rng.choice(self.bases[name]))
        params: dict[str, str] = {}
        if page:
            params = {"page_size": str(page[0]), "page_no": str(page[1]), "calc_total": "1"}
        roll = rng.random()
        if roll < 0.04:
            return rng.choice(HTTP_METHODS), rng.choice(PATHS), name, params, orjson.dumps(args)
        if roll < 0.08:
            body = rng.choice([b"", b"{", b"{}", b"null", b"1", b'"x"', b"[1,]", b"\xff\xfe",
                               b"[" * 1000 + b"]" * 1000, b"[" * 3000, b'[{"a":' * 600 + b"1" + b"}]" * 600])
            return "POST", "/openapi", name, params, body
        if roll < 0.12:
            params[rng.choice(INT_PARAMS[:3])] = rng.choice(["4_7_1", "+5", "１２", "٤", "-1", "", "2147483648",
                                                             "99999999999", " 1", "0x10"])
        for _ in range(rng.choice((1, 1, 2, 3))):
            args = self._mutate(args)
        return "POST", "/openapi", name, params, dump(args)

    def _mutate(self, args: list[Any]) -> list[Any]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return [*args, rng.choice(HOSTILE)]
        if roll < 0.15 and args:
            return args[:-1]
        if roll < 0.3 and args:
            i = rng.randrange(len(args))
            return replace(args, (i,), rng.choice(HOSTILE))
        places = [p for p in paths(args) if p]
        if not places:
            return [rng.choice(HOSTILE)]
        return replace(args, rng.choice(places), rng.choice(HOSTILE))


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tried = 0
        self.statuses: collections.Counter[Any] = collections.Counter()
        self.failures: list[str] = []
        self.errors_99 = 0
        self.non_envelope = 0

    def record(self, sent: tuple[str, str, str, dict[str, str], bytes], response: httpx.Response | None,
               show: int) -> None:
        status: Any
        bad = ""
        if response is None:
            status, bad = "no answer", "no answer"
        elif response.status_code != 200 or response.headers.get("content-type") != JSON_TYPE:
            status, bad = f"HTTP {response.status_code}", f"HTTP {response.status_code} {response.text[:80]!r}"
        elif sent[0] in ("HEAD", "CONNECT"):  # the envelope's headers: clients read no body of these
            status = sent[0]
        else:
            try:
                envelope = orjson.loads(response.content)
                status = envelope["status"]
            except (orjson.JSONDecodeError, KeyError, TypeError):
                status, bad = "not an envelope", f"not an envelope {response.text[:80]!r}"
        with self.lock:
            self.tried += 1
            self.statuses[status] += 1
            if bad:
                self.non_envelope += 1
            if status == 99:
                self.errors_99 += 1
                bad = "status 99"
            if bad and len(self.failures) < show:
                self.failures.append(f"{bad}: {sent[0]} {sent[1]} {sent[2]} {sent[3]} {sent[4][:200]!r}")


def _client_loop(base: str, creds: tuple[str, str, str, str], requests: list[Any], tally: Tally, show: int) -> None:
    sid, key, secret, salt = creds
    with httpx.Client(timeout=30) as http:
        for sent in requests:
            verb, path, name, extra, body = sent
            params = {"sid": sid, "key": key, "salt": salt, "method": name, "v": "1.0",
                      "timestamp": str(wire_timestamp()), **extra}
            params["sign"] = compute_sign(secret, params, body)
            try:
                response: httpx.Response | None = http.request(verb, f"{base}{path}?{urlencode(params)}",
                                                               content=body)
            except httpx.HTTPError:
                response = None
            tally.record(sent, response, show)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def prepare(path: Path) -> tuple[tuple[str, str, str, str], dict[str, Method]]:
    db = Database(f"sqlite:///{path}")
    caller = _prepare(db)
    with run_server(db, GatewayConfig(access_cache_ttl=600.0, call_log_flush_seconds=0.05)) as server:
        caller.url = server.url
        run_scenario(caller, lambda name, **p: _op(db, name, **p))
    db.dispose()
    return (caller.sid, caller.key, caller.secret, caller.salt), load_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--show", type=int, default=20, help="failing requests to print")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.db"
        creds, methods = prepare(path)
        rng = random.Random(options.seed)
        builder = Requests(methods, rng)
        batch = [builder.one() for _ in range(options.requests)]
        tally = Tally()
        env = {"WDTERP_DEFAULT_RATE_LIMIT": "100000000", "WDTERP_DEFAULT_CONCURRENCY": "1000"}
        with serve(f"sqlite:///{path}", env) as (base, pid):
            before = rss_kb(pid)
            started = time.perf_counter()
            threads = [threading.Thread(target=_client_loop, args=(base, creds, batch[i::options.clients], tally,
                                                                   options.show))
                       for i in range(options.clients)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            took = time.perf_counter() - started
            after = rss_kb(pid)
    print(f"requests tried: {tally.tried} in {took:.1f} s ({tally.tried / took:.0f}/s), "
          f"{len(methods)} methods")
    print(f"status 99 seen: {tally.errors_99} (goal 0)")
    print(f"non-envelope replies: {tally.non_envelope} (goal 0)")
    print(f"server RSS: {before / 1024:.1f} MB before, {after / 1024:.1f} MB after")
    print("statuses:", dict(tally.statuses.most_common()))
    for line in tally.failures:
        print("  ", line)
    sys.exit(1 if tally.errors_99 or tally.non_envelope else 0)


if __name__ == "__main__":
    main()
