"""What wdterp is made of, in one place: the modules that plug into the registries of lower ones.

Lower modules expose registries (`declare`, `operation`, `engine.register_hooks`,
`loader.register_section`, ...) and never import upward, not even through importlib; this module
imports every plugging module explicitly (so `lint-imports` sees each edge) and fills the registries
once, in `wire()`. Every entry point calls `wire()` before anything runs: gateway `create_app`, the
CLI, the tests' fixtures, the benches; the migration tool gets the tables from `metadata()`.

A new context adds one line per module to the lists below (its import, then its entry).
"""

from __future__ import annotations

from sqlalchemy import MetaData

import wdterp.api.methods.aftersales
import wdterp.api.methods.finance
import wdterp.api.methods.goods
import wdterp.api.methods.jit
import wdterp.api.methods.process
import wdterp.api.methods.process_docs
import wdterp.api.methods.purchase
import wdterp.api.methods.purchase_settle
import wdterp.api.methods.sales_raw
import wdterp.api.methods.sales_sync
import wdterp.api.methods.sales_trade
import wdterp.api.methods.setting
import wdterp.api.methods.settle_other_in
import wdterp.api.methods.stock_cost
import wdterp.api.methods.virtual_warehouse
import wdterp.api.methods.virtual_warehouse_queries
import wdterp.api.methods.wms_base
import wdterp.api.methods.wms_ops
import wdterp.api.methods.wms_ops_positions
import wdterp.api.methods.wms_other
import wdterp.api.methods.wms_other_docs
import wdterp.api.methods.wms_outer
import wdterp.api.methods.wms_purchase
import wdterp.api.methods.wms_refund
import wdterp.api.methods.wms_refund_pre
import wdterp.api.methods.wms_sales
import wdterp.api.methods.wms_stock
import wdterp.api.methods.wms_transfer
import wdterp.api.methods.wms_transfer_query
import wdterp.api.ops
import wdterp.api.ops_aftersales
import wdterp.api.ops_documents
import wdterp.api.ops_finance
import wdterp.api.ops_goods
import wdterp.api.ops_jit
import wdterp.api.ops_process
import wdterp.api.ops_purchase
import wdterp.api.ops_sales
import wdterp.api.ops_sales_wms
import wdterp.api.ops_stock
import wdterp.api.ops_transfer
import wdterp.api.ops_warehouse
import wdterp.domain.aftersales.autopilot
import wdterp.domain.aftersales.exchange
import wdterp.domain.aftersales.models
import wdterp.domain.aftersales.service
import wdterp.domain.calllog.models
import wdterp.domain.catalog.loading
import wdterp.domain.catalog.models
import wdterp.domain.documents.models
import wdterp.domain.documents.stock_loading
import wdterp.domain.finance.models
import wdterp.domain.inventory.guards
import wdterp.domain.inventory.models
import wdterp.domain.jit.models
import wdterp.domain.masterdata.loading
import wdterp.domain.masterdata.models
import wdterp.domain.numbering.models
import wdterp.domain.outer.models
import wdterp.domain.process.loading
import wdterp.domain.process.models
import wdterp.domain.process.service
import wdterp.domain.purchase.loading
import wdterp.domain.purchase.models
import wdterp.domain.purchase.receiving
import wdterp.domain.purchase.returns
import wdterp.domain.sales.models
import wdterp.domain.sales_wms.hooks
import wdterp.domain.sales_wms.models
import wdterp.domain.stockother.models
import wdterp.domain.stockother.stockio
import wdterp.domain.sync.logistics
import wdterp.domain.sync.models
import wdterp.domain.tenancy.models
import wdterp.domain.transfer.models
import wdterp.domain.transfer.service
import wdterp.domain.virtual_warehouse.loading
import wdterp.domain.virtual_warehouse.models
import wdterp.domain.virtual_warehouse.orders
import wdterp.domain.virtual_warehouse.strategies
import wdterp.domain.warehouse_ops.models
from wdterp.domain.catalog import service as catalog
from wdterp.domain.masterdata import loader
from wdterp.domain.sales import autopilot as sales_autopilot
from wdterp.domain.sales import changes, flow
from wdterp.storage.base import Base

#: the tables of every context (Alembic autogenerate and the migration check, `create_all` in tests)
MODEL_MODULES = (
    wdterp.domain.tenancy.models,
    wdterp.domain.calllog.models,
    wdterp.domain.numbering.models,
    wdterp.domain.masterdata.models,
    wdterp.domain.catalog.models,
    wdterp.domain.inventory.models,
    wdterp.domain.documents.models,
    wdterp.domain.stockother.models,
    wdterp.domain.sales.models,
    wdterp.domain.sales_wms.models,
    wdterp.domain.sync.models,
    wdterp.domain.finance.models,
    wdterp.domain.jit.models,
    wdterp.domain.warehouse_ops.models,
    wdterp.domain.purchase.models,
    wdterp.domain.transfer.models,
    wdterp.domain.aftersales.models,
    wdterp.domain.outer.models,
    wdterp.domain.process.models,
    wdterp.domain.virtual_warehouse.models,
)

#: vendor methods: each module's `@declare`s register when it is imported (above)
METHOD_MODULES = (
    wdterp.api.methods.setting,
    wdterp.api.methods.goods,
    wdterp.api.methods.wms_base,
    wdterp.api.methods.wms_stock,
    wdterp.api.methods.stock_cost,
    wdterp.api.methods.wms_other,
    wdterp.api.methods.wms_other_docs,
    wdterp.api.methods.wms_ops,
    wdterp.api.methods.wms_ops_positions,
    wdterp.api.methods.sales_raw,
    wdterp.api.methods.sales_trade,
    wdterp.api.methods.sales_sync,
    wdterp.api.methods.wms_sales,
    wdterp.api.methods.finance,
    wdterp.api.methods.jit,
    wdterp.api.methods.purchase,
    wdterp.api.methods.wms_purchase,
    wdterp.api.methods.purchase_settle,
    wdterp.api.methods.wms_transfer,
    wdterp.api.methods.wms_transfer_query,
    wdterp.api.methods.aftersales,
    wdterp.api.methods.wms_refund,
    wdterp.api.methods.wms_refund_pre,
    wdterp.api.methods.wms_outer,
    wdterp.api.methods.process,
    wdterp.api.methods.process_docs,
    wdterp.api.methods.settle_other_in,
    wdterp.api.methods.virtual_warehouse,
    wdterp.api.methods.virtual_warehouse_queries,
)

#: ERP-side operations (`wdterp ops`, `/admin/ops`): each module's `@operation`s register when imported
OPERATION_MODULES = (
    wdterp.api.ops,
    wdterp.api.ops_goods,
    wdterp.api.ops_stock,
    wdterp.api.ops_documents,
    wdterp.api.ops_warehouse,
    wdterp.api.ops_sales,
    wdterp.api.ops_sales_wms,
    wdterp.api.ops_finance,
    wdterp.api.ops_jit,
    wdterp.api.ops_purchase,
    wdterp.api.ops_transfer,
    wdterp.api.ops_aftersales,
    wdterp.api.ops_process,
)

#: a kind's own rules when one of its documents is checked or cancelled (the document engine's hooks)
DOCUMENT_HOOKS = (
    *wdterp.domain.stockother.stockio.HOOKS,
    *wdterp.domain.sales_wms.hooks.HOOKS,
    *wdterp.domain.purchase.receiving.HOOKS,
    *wdterp.domain.purchase.returns.HOOKS,
    *wdterp.domain.transfer.service.HOOKS,
    *wdterp.domain.aftersales.service.HOOKS,
    *wdterp.domain.process.service.HOOKS,
    *wdterp.domain.virtual_warehouse.strategies.HOOKS,
)

#: the sections of a `wdterp load` file, in load order (master data before what refers to it)
LOAD_SECTIONS = (
    *wdterp.domain.masterdata.loading.SECTIONS,
    *wdterp.domain.catalog.loading.SECTIONS,
    *wdterp.domain.process.loading.SECTIONS,
    *wdterp.domain.virtual_warehouse.loading.SECTIONS,
    *wdterp.domain.documents.stock_loading.SECTIONS,
    *wdterp.domain.purchase.loading.SECTIONS,
)

#: checks before specs are deleted (catalog's registry)
SPEC_DELETION_GUARDS = (
    wdterp.domain.inventory.guards.refuse_if_stocked,
)

#: further steps of the autopilot's background round (the order autopilot's registry)
AUTOPILOT_ROUND_STEPS = (
    wdterp.domain.aftersales.autopilot.receive_due,
    wdterp.domain.virtual_warehouse.orders.run_due_everywhere,
)

#: told of a raw trade re-pushed after its trade shipped (the order flow's registry)
SHIPPED_CHANGE_LISTENERS = (
    wdterp.domain.aftersales.service.refund_after_shipment,
)

#: told of every raw trade of a trade that ships (the order flow's registry)
SHIPMENT_LISTENERS = (
    wdterp.domain.sync.logistics.queue_shipment,
    wdterp.domain.aftersales.exchange.swap_shipped,
)

#: told of every trade cancelled before shipment (the order flow's registry)
CANCEL_LISTENERS = (
    wdterp.domain.aftersales.exchange.swap_cancelled,
)

_wired = False


def wire() -> None:
    """Fill every registry once (idempotent): call it before serving, running a command or a test."""
    global _wired
    if _wired:
        return
    for hooks in DOCUMENT_HOOKS:
        hooks.register()
    for name, handler in LOAD_SECTIONS:
        loader.register_section(name, handler)
    for guard in SPEC_DELETION_GUARDS:
        catalog.register_deletion_guard(guard)
    for listener in SHIPMENT_LISTENERS:
        flow.register_shipment_listener(listener)
    for cancelled in CANCEL_LISTENERS:
        flow.register_cancel_listener(cancelled)
    for step in AUTOPILOT_ROUND_STEPS:
        sales_autopilot.register_round_step(step)
    for changed in SHIPPED_CHANGE_LISTENERS:
        changes.register_shipped_change_listener(changed)
    _wired = True


def metadata() -> MetaData:
    """Every context's tables (the model modules above are imported with this module)."""
    return Base.metadata
