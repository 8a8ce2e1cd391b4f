"""Alembic environment: runs on the connection `wdterp.storage.migrate` hands it.

The tables to compare against (autogenerate) come in from the caller too, as the `metadata`
attribute (`wdterp.wiring.metadata()`): storage knows no context's models.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
metadata = context.config.attributes.get("metadata")


def run() -> None:
    if connection is None:
        context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                          literal_binds=True, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
