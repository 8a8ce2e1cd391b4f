"""Imports every context's `models` module so the metadata is complete (Alembic, `wdterp init`)."""

import importlib
import pkgutil

import wdterp.domain
from wdterp.storage.base import Base

for _context in pkgutil.iter_modules(wdterp.domain.__path__):
    if _context.ispkg:
        try:
            importlib.import_module(f"wdterp.domain.{_context.name}.models")
        except ModuleNotFoundError as err:
            if err.name != f"wdterp.domain.{_context.name}.models":
                raise

metadata = Base.metadata
