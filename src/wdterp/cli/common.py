"""What every command group shares: the --db option, output helpers, the database handle."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from wdterp.storage import migrate
from wdterp.storage.db import Database, resolve_url

DbOption = Annotated[str | None, typer.Option(
    "--db", metavar="URL", show_default=False,
    help="Database URL; else WDTERP_DATABASE_URL, else sqlite:///./wdterp.db.")]

#: the file `wdterp demo` keeps its sandbox in, in the directory it was started from
DEMO_FILE = "wdterp-demo.db"
#: exit status of a bad invocation or input file (as click uses for usage errors)
USAGE_ERROR = 2


def out() -> Console:
    return Console(soft_wrap=False)


def err() -> Console:
    return Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    err().print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def echo_json(data: Any) -> None:
    """Plain JSON on stdout (no Rich markup or wrapping), so it can be piped."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def csv_or_all(value: str) -> list[str] | None:
    """`all` means no restriction (None); otherwise the comma-separated values."""
    return None if value.strip().lower() == "all" else csv(value)


def open_database(url: str | None) -> Database:
    """The database of `--db URL`; a URL that is not one exits with status 2 and one line."""
    try:
        return Database(url)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        fail(f"bad database URL {url or resolve_url(None)!r}: {str(exc).splitlines()[0]} "
             "(expected e.g. sqlite:///./wdterp.db or postgresql://user@host/db)", USAGE_ERROR)


@contextmanager
def database(url: str | None, *, require_schema: bool = True) -> Iterator[Database]:
    db = open_database(url)
    try:
        if require_schema and migrate.current_revision(db) is None:
            hint = ""
            if Path(DEMO_FILE).exists():
                hint = (f"; the demo's database is here: export WDTERP_DATABASE_URL=sqlite:///"
                        f"{Path(DEMO_FILE).resolve()} (or pass --db)")
            fail(f"the database {db.url} has no wdterp schema yet: run `wdterp init --db {db.url}`{hint}",
                 USAGE_ERROR)
        yield db
    except OperationalError as exc:
        fail(f"cannot use the database {db.engine.url!r}: {str(exc.orig).strip().splitlines()[0]}",
             USAGE_ERROR)
    finally:
        db.dispose()
