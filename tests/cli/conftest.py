"""CLI tests: the real `wdterp` Typer app through CliRunner, each test on its own SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from clitools import Run, complete_schema
from typer.testing import CliRunner, Result

from wdterp.cli.main import app


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["init", "--db", url])
    assert result.exit_code == 0, result.output
    complete_schema(url)
    return url


@pytest.fixture
def run(db_url: str) -> Run:
    """Invoke `wdterp ARGS...` with `--db` of this test's database appended where it applies."""

    def invoke(*args: str, db: bool = True, code: int | None = 0, env: dict[str, str] | None = None
               ) -> Result:
        argv = [*args, "--db", db_url] if db else list(args)
        result = CliRunner().invoke(app, argv, env={"COLUMNS": "200", **(env or {})})
        if code is not None:
            assert result.exit_code == code, (result.output, result.exception)
        return result

    return invoke
