"""Imports every model module so the metadata is complete (Alembic, `wdterp init`)."""

from wdterp.domain.calllog import models as calllog_models
from wdterp.domain.catalog import models as catalog_models
from wdterp.domain.documents import models as documents_models
from wdterp.domain.inventory import models as inventory_models
from wdterp.domain.masterdata import models as masterdata_models
from wdterp.domain.tenancy import models as tenancy_models
from wdterp.storage.base import Base

metadata = Base.metadata

__all__ = [
    "calllog_models",
    "catalog_models",
    "documents_models",
    "inventory_models",
    "masterdata_models",
    "metadata",
    "tenancy_models",
]
