"""Shared by the sales benchmarks: a database (SQLite file or a fresh PostgreSQL database), a tenant
with an own-mall shop, a warehouse and specs, and the server (one uvicorn worker) in a subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from wdterp import wiring
from wdterp.domain.catalog.models import Goods, Spec
from wdterp.domain.masterdata.models import Logistics, Shop, Warehouse
from wdterp.domain.masterdata.service import seed_tenant
from wdterp.domain.tenancy import service as tenancy
from wdterp.storage import migrate
from wdterp.storage.db import Database

PG_ADMIN = os.environ.get("WDTERP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MALL, WAREHOUSE, LOGISTICS = "mall", "WH1", "SF"
SPECS_PER_GOODS = 10


@dataclass
class Seeded:
    url: str
    tenant_id: int
    creds: tuple[str, str, str, str]
    spec_nos: list[str]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def database(backend: str, sqlite_path: str) -> Iterator[str]:
    """The URL of an empty database: the SQLite file, or a PostgreSQL database created here and
    dropped on exit."""
    if backend == "sqlite":
        yield f"sqlite:///{sqlite_path}"
        return
    admin = Database(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"wdterp_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def pg_reachable() -> bool:
    db = Database(PG_ADMIN)
    try:
        return db.reachable()
    finally:
        db.dispose()


def prepare(url: str, specs: int) -> Seeded:
    """Schema at head, one tenant with an unlimited app, shop `mall` (platform 127), warehouse WH1,
    logistics SF and `specs` specs S0000001..."""
    wiring.wire()
    db = Database(url)
    migrate.upgrade(db)
    wiring.metadata().create_all(db.engine)  # tables whose migration the lead has not generated yet
    sid = f"bench{uuid.uuid4().hex[:6]}"
    with db.transaction() as session:
        tenant = tenancy.create_tenant(session, sid)
        seed_tenant(session, tenant.id)
        t = tenant.id
        session.add_all([Shop(tenant_id=t, shop_no=MALL, shop_name="自有商城", platform_id=127),
                         Warehouse(tenant_id=t, warehouse_no=WAREHOUSE, name="主仓", type=1),
                         Logistics(tenant_id=t, logistics_no=LOGISTICS, logistics_name="顺丰速运",
                                   main_logistics_name="顺丰速运")])
        goods = [Goods(tenant_id=t, goods_no=f"G{g + 1:05d}", goods_name=f"货品{g + 1}", short_name=f"货{g + 1}")
                 for g in range((specs + SPECS_PER_GOODS - 1) // SPECS_PER_GOODS)]
        session.add_all(goods)
        session.flush()
        nos = [f"S{s + 1:07d}" for s in range(specs)]
        session.add_all([Spec(tenant_id=t, goods_id=goods[s // SPECS_PER_GOODS].goods_id, spec_no=no,
                              spec_name=f"规格{s + 1}", barcode=f"69{s + 1:011d}", weight=0.5)
                         for s, no in enumerate(nos)])
        app = tenancy.create_app(session, sid, rate_limit=10**9, concurrency_limit=10**6)
        seeded = Seeded(url, t, (sid, app.key, app.secret, app.salt), nos)
    db.dispose()
    return seeded



@contextmanager
def py_spy(pid: int, out: str | None, seconds: float) -> Iterator[None]:
    """Sample the server process with py-spy while the block runs (when `out` is given)."""
    profiler = None
    if out:
        profiler = subprocess.Popen(["py-spy", "record", "-p", str(pid), "-d", str(int(seconds)), "-r", "200",
                                     "-f", "raw", "-o", out])
        time.sleep(1)
    try:
        yield
    finally:
        if profiler:
            profiler.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
            profiler.wait(60)
