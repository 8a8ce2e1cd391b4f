"""`wdterp init` and `wdterp serve`."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn

from wdterp.cli.common import DbOption, database, out
from wdterp.gateway.app import SERVER_OPTIONS, create_app
from wdterp.gateway.config import GatewayConfig
from wdterp.settings import settings
from wdterp.storage import migrate
from wdterp.storage.db import ENV_URL, resolve_url

ENV_REDIS = "WDTERP_REDIS_URL"
ENV_ADMIN_TOKEN = "WDTERP_ADMIN_TOKEN"
ENV_CAPTURE = "WDTERP_CAPTURE_BODIES"


def init_database(url: str | None) -> str:
    """Create or upgrade the schema; returns the resolved URL."""
    with database(url, require_schema=False) as db:
        migrate.upgrade(db)
        return db.url


def init(db: DbOption = None) -> None:
    """Create the database or upgrade it to the newest schema."""
    with database(db, require_schema=False) as handle:
        migrate.upgrade(handle)
        out().print(f"database ready: {handle.url} (revision {migrate.current_revision(handle)})",
                    highlight=False)


def run_server(url: str, host: str, port: int, workers: int = 1, redis: str | None = None,
               admin_token: str | None = None, capture_bodies: bool = False) -> None:
    """Serve until interrupted; several workers get their settings through WDTERP_* variables."""
    if workers > 1:
        os.environ[ENV_URL] = url
        for name, value in ((ENV_REDIS, redis), (ENV_ADMIN_TOKEN, admin_token),
                            (ENV_CAPTURE, "1" if capture_bodies else None)):
            if value:
                os.environ[name] = value
        uvicorn.run("wdterp.gateway.app:create_app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info", **SERVER_OPTIONS)
        return
    config = GatewayConfig.from_env(database_url=url, redis_url=redis, admin_token=admin_token,
                                    capture_bodies=capture_bodies or None)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", **SERVER_OPTIONS)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (use PostgreSQL and Redis "
                                                     "past one).")] = 1,
    redis: Annotated[str | None, typer.Option(metavar="URL", help="Redis for limits across "
                                              "workers; else WDTERP_REDIS_URL.")] = None,
    admin_token: Annotated[str | None, typer.Option(
        envvar=ENV_ADMIN_TOKEN, show_envvar=True, show_default=False,
        help="Bearer token of the admin API under /admin/ and of the console under /console/; without "
             "one both answer 403.")] = None,
    capture_bodies: Annotated[bool, typer.Option(
        "--capture-bodies", help="Keep request and response bodies in the call log (shown in the console; "
                                 "secrets never are in them).")] = False,
) -> None:
    """Run the API server (migrating the database first)."""
    url = init_database(resolve_url(db))
    run_server(url, host, port, workers, redis or settings().redis_url, admin_token, capture_bodies)
