"""`wdterp snapshot|restore|reset`: a tenant's whole state to a file, back, or back to new."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wdterp.cli.common import USAGE_ERROR, DbOption, database, fail, out
from wdterp.cli.load import load_into
from wdterp.domain import sandbox
from wdterp.domain.masterdata.loader import LoadError, read_document
from wdterp.storage.snapshot import read_file, write_file

SidOption = Annotated[str, typer.Option("--sid", envvar="WDTERP_SID", show_envvar=True,
                                        help="The tenant's sid.")]


def snapshot(
    file: Annotated[Path, typer.Argument(help="The file to write (JSON).")],
    sid: SidOption,
    db: DbOption = None,
) -> None:
    """Write a tenant's whole state (master data, documents, stock, ledger, queues) to FILE."""
    with database(db) as handle:
        try:
            with handle.transaction(readonly=True) as session:
                document = sandbox.snapshot_tenant(session, sid)
        except sandbox.SnapshotError as exc:
            fail(str(exc), USAGE_ERROR)
    write_file(file, document)
    rows = sum(len(t["rows"]) for t in document["tables"].values())
    out().print(f"tenant {sid}: {rows} rows of {len(document['tables'])} tables written to {file}",
                highlight=False)


def restore(
    file: Annotated[Path, typer.Argument(help="A file written by `wdterp snapshot`.")],
    db: DbOption = None,
) -> None:
    """Replace a tenant's state by the snapshot in FILE (the tenant is created if missing)."""
    with database(db) as handle:
        try:
            document = read_file(file)
            with handle.transaction() as session:
                sid = sandbox.restore_tenant(session, document)
        except sandbox.SnapshotError as exc:
            fail(str(exc), USAGE_ERROR)
    out().print(f"tenant {sid} restored from {file}", highlight=False)


def reset(
    sid: SidOption,
    load: Annotated[Path | None, typer.Option(
        "--load", metavar="FILE", help="Load this master-data file (as `wdterp load`) after the reset.")] = None,
    db: DbOption = None,
) -> None:
    """Delete everything of a tenant but the tenant and its apps, as if it were new."""
    with database(db) as handle:
        try:
            with handle.transaction() as session:
                sandbox.reset_tenant(session, sid)
        except sandbox.SnapshotError as exc:
            fail(str(exc), USAGE_ERROR)
        if load is not None:
            try:
                document = read_document(load)
            except LoadError as exc:
                fail(str(exc), USAGE_ERROR)
            load_into(handle, document)
    out().print(f"tenant {sid} reset" + (f" and loaded from {load}" if load else ""), highlight=False)
