"""Write the next Alembic revision from the difference between the models and the migrations.

    python tools/new_migration.py "goods and specs"
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from wdterp import wiring
from wdterp.storage import migrate
from wdterp.storage.db import Database


def main(message: str) -> None:
    versions = migrate.MIGRATIONS / "versions"
    numbers = [int(m.group(1)) for p in versions.glob("*.py") if (m := re.match(r"(\d{4})_", p.name))]
    rev = f"{max(numbers, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        migrate.upgrade(db)
        migrate.autogenerate(db, wiring.metadata(), message, rev_id=rev)
        db.dispose()
    slug = re.sub(r"\W+", "_", message.lower()).strip("_")[:40]
    for path in versions.glob(f"{rev}_*.py"):
        path.rename(versions / f"{rev}_{slug}.py")
        print(f"wrote {versions / f'{rev}_{slug}.py'}")


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
