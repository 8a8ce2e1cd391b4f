"""`wdterp init` and `wdterp serve`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from wdterp.cli.common import DbOption, database, out
from wdterp.gateway.accesslog import log_config
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
               admin_token: str | None = None, capture_bodies: bool = False, access_log: bool = False) -> None:
    """Serve until interrupted; several workers get their settings through WDTERP_* variables."""
    options = {**SERVER_OPTIONS, **uvicorn_logging(access_log)}
    if workers > 1:
        os.environ[ENV_URL] = url
        for name, value in ((ENV_REDIS, redis), (ENV_ADMIN_TOKEN, admin_token),
                            (ENV_CAPTURE, "1" if capture_bodies else None)):
            if value:
                os.environ[name] = value
        uvicorn.run("wdterp.gateway.app:create_app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="info", **options)
        return
    config = GatewayConfig.from_env(database_url=url, redis_url=redis, admin_token=admin_token,
                                    capture_bodies=capture_bodies or None)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", **options)


def uvicorn_logging(access_log: bool) -> dict[str, Any]:
    """uvicorn's access log: off, or on with paths cut before their query strings."""
    return {"access_log": True, "log_config": log_config()} if access_log else {"access_log": False}


def read_token_file(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        token = path.read_text("utf-8").strip()
    except OSError as err:
        raise typer.BadParameter(f"cannot read {path}: {err.strerror}", param_hint="--admin-token-file") from None
    if not token:
        raise typer.BadParameter(f"{path} is empty", param_hint="--admin-token-file")
    return token


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
             "one both answer 403. Prefer the environment variable or --admin-token-file: a value "
             "on the command line shows in `ps`.")] = None,
    admin_token_file: Annotated[Path | None, typer.Option(
        metavar="PATH", help="Read the admin token from this file (its first line).")] = None,
    capture_bodies: Annotated[bool, typer.Option(
        "--capture-bodies", help="Keep request and response bodies in the call log (shown in the console; "
                                 "secrets never are in them).")] = False,
    access_log: Annotated[bool, typer.Option(
        "--access-log", help="Print uvicorn's access log (paths without query strings, which hold the sign "
                             "and salt). Off by default: the call log records every call.")] = False,
) -> None:
    """Run the API server (migrating the database first)."""
    url = init_database(resolve_url(db))
    token = read_token_file(admin_token_file) or admin_token
    run_server(url, host, port, workers, redis or settings().redis_url, token, capture_bodies, access_log)
