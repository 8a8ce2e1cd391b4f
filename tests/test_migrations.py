"""The Alembic migrations build exactly the schema the models declare, on both backends."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from wdterp import wiring
from wdterp.storage import migrate


def test_migrations_match_models(backend):
    with backend.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), wiring.metadata())
    assert diff == []
    assert migrate.current_revision(backend.db) == migrate.head_revision(backend.db)
