"""Helpers of the CLI tests (a module of its own: every test directory has a `conftest`)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from typer.testing import Result

from wdterp import wiring
from wdterp.storage import migrate
from wdterp.storage.db import Database

Run = Callable[..., Result]


def stdout_json(result: Result) -> Any:
    return json.loads(result.stdout)


def complete_schema(url: str) -> None:
    """Migrate; with WDTERP_TEST_SCHEMA=create_all also create the tables that have no migration yet
    (see DEVELOPING.md)."""
    db = Database(url)
    try:
        migrate.upgrade(db)
        if os.environ.get("WDTERP_TEST_SCHEMA") == "create_all":
            wiring.metadata().create_all(db.engine)
    finally:
        db.dispose()
