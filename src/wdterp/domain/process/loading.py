"""`wdterp load` section of production: producers (no vendor method creates them)."""

from __future__ import annotations

from wdterp.domain.masterdata.loader import EntitySpec, SectionHandler
from wdterp.domain.process.models import Producer

PRODUCERS = EntitySpec(Producer, "producer_no", ("producer_no", "producer_name", "is_disabled"))

#: registered by `wdterp.wiring`, after the master data and the catalog
SECTIONS: tuple[tuple[str, SectionHandler], ...] = (("producers", PRODUCERS.load),)
