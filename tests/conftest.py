"""Shared fixtures: a real wdterp server over HTTP on SQLite and, when reachable, PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support import (  # noqa: E402
    Backend,
    ServerHandle,
    TenantHandle,
    make_tenant,
    pg_admin_url,
    redis_url,
    start_backend,
)
from wdterp import wiring  # noqa: E402

REQUIRE = os.environ.get("WDTERP_REQUIRE_SERVICES") == "1"
# tests that call the domain directly (load, ops, hooks) run on the wired application, as every
# entry point does
wiring.wire()


def _backends() -> list[str]:
    return ["sqlite", "postgres"]


@pytest.fixture(scope="session", params=_backends())
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    name = request.param
    if name == "postgres" and pg_admin_url() is None:
        if REQUIRE:
            pytest.fail("PostgreSQL is required (WDTERP_REQUIRE_SERVICES=1) but not reachable")
        pytest.skip("PostgreSQL not reachable at WDTERP_TEST_PG_URL / 127.0.0.1:5432")
    with start_backend(name, tmp_path_factory.mktemp(name)) as handle:
        yield handle


@pytest.fixture(scope="session")
def sqlite_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    with start_backend("sqlite", tmp_path_factory.mktemp("sqlite-only")) as handle:
        yield handle


@pytest.fixture
def server(backend: Backend) -> ServerHandle:
    return backend.server


@pytest.fixture
def tenant(backend: Backend) -> TenantHandle:
    return make_tenant(backend)


@pytest.fixture
def sqlite_tenant(sqlite_backend: Backend) -> TenantHandle:
    return make_tenant(sqlite_backend)


@pytest.fixture(scope="session")
def redis_server_url() -> str:
    url = redis_url()
    if url is None:
        if REQUIRE:
            pytest.fail("Redis is required (WDTERP_REQUIRE_SERVICES=1) but not reachable")
        pytest.skip("Redis not reachable at WDTERP_TEST_REDIS_URL / 127.0.0.1:6379")
    return url
