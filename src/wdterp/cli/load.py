"""`wdterp load FILE`: a tenant's master data from YAML or JSON, idempotently."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy.exc import IntegrityError

from wdterp.cli.common import USAGE_ERROR, DbOption, database, echo_json, fail, out
from wdterp.domain.masterdata.loader import LoadError, LoadReport, load_document, read_document
from wdterp.storage.db import Database


def load_into(db: Database, document: dict[str, Any]) -> LoadReport:
    """Load a parsed document in one transaction; a bad file exits with status 2, nothing written."""
    try:
        with db.transaction() as session:
            return load_document(session, document)
    except LoadError as exc:
        fail(str(exc), USAGE_ERROR)
    except IntegrityError as exc:
        fail(f"the file conflicts with existing rows: {exc.orig}", USAGE_ERROR)


def report_dict(report: LoadReport) -> dict[str, Any]:
    return {"sid": report.sid, "tenant_created": report.tenant_created,
            "sections": {name: {"created": r.created, "existing": r.existing}
                         for name, r in report.sections.items()}}


def show_report(report: LoadReport) -> None:
    table = Table(title=f"tenant {report.sid}" + (" (created)" if report.tenant_created else ""))
    table.add_column("section")
    table.add_column("created", justify="right")
    table.add_column("existing (updated)", justify="right")
    for name, result in report.sections.items():
        table.add_row(name, str(result.created), str(result.existing))
    out().print(table)


def load(
    file: Annotated[Path, typer.Argument(help="YAML or JSON (.json) file: sid, name, settings, shops, "
                                              "warehouses, logistics, employees, providers, reasons, "
                                              "labels, goods, suites, api_goods, categories, stock.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Create or update a tenant's master data and stock from a file; running it again changes nothing
    (stock figures are set back to the file's)."""
    try:
        document = read_document(file)
    except LoadError as exc:
        fail(str(exc), USAGE_ERROR)
    with database(db) as handle:
        report = load_into(handle, document)
    if as_json:
        echo_json(report_dict(report))
    else:
        show_report(report)
