"""The documents writes name by number, for the `owner=` of a method declaration (`api/scope.py: Owner`).

A transfer order is owned by both its warehouses for the order's own writes (cancel, pending): an
app must have both to act on it; its stockout by the source warehouse, its stockin by the target.
"""

from __future__ import annotations

from wdterp.api.scope import Owner
from wdterp.domain.documents.models import StockDocument
from wdterp.domain.masterdata.scope import RowsByNumber
from wdterp.domain.purchase.models import PurchaseApply, PurchaseOrder, PurchaseReturn
from wdterp.domain.transfer.models import TransferOrder

APPLY = RowsByNumber(PurchaseApply, "apply_no", what="purchase apply")
ORDER = RowsByNumber(PurchaseOrder, "purchase_no", what="purchase order")
RETURN = RowsByNumber(PurchaseReturn, "return_no", what="purchase return")
TRANSFER = RowsByNumber(TransferOrder, "transfer_no", ("from_warehouse_id", "to_warehouse_id"), what="transfer")
DOCUMENT = RowsByNumber(StockDocument, "doc_no", what="stock document")


def owner(rows: RowsByNumber, *fields: str) -> Owner:
    return Owner(fields, rows)


TRANSFER_OUT = owner(RowsByNumber(TransferOrder, "transfer_no", ("from_warehouse_id",), what="transfer"),
                     "src_order_no")
TRANSFER_IN = owner(RowsByNumber(TransferOrder, "transfer_no", ("to_warehouse_id",), what="transfer"),
                    "src_order_no")
