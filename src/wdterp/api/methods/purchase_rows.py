"""Wire rows of the purchase queries: the documents of a prepared search (Core rows), their lines
read in one statement per page, shaped column by column onto each page's documented names; the
figures come from `domain/purchase/searches.py`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Connection

from wdterp.api.wire import Columns, documented_fields, wire_column
from wdterp.domain.purchase import searches
from wdterp.storage.prepared import Search

#: per line (a Core row), its computed figures by name
LineFigures = Callable[[Any], Mapping[str, Any]]
#: per document (its head row and its lines), its computed figures by name
HeadFigures = Callable[[Any, Sequence[Any]], Mapping[str, Any]]


def _wire(values: Iterable[Any]) -> list[Any]:
    return [float(v) if isinstance(v, Decimal) else v for v in wire_column(values)]


@dataclass
class DocumentShape:
    """How one query's documents and lines become wire rows."""

    method: str
    head_table: str
    line_table: str
    search: Search
    lines: Any
    #: the head's key column and the lines' column naming their document
    key: str
    line_key: str
    head_figures: HeadFigures | None = None
    line_figures: LineFigures | None = None
    head_constants: dict[str, Any] = field(default_factory=dict)
    line_constants: dict[str, Any] = field(default_factory=dict)
    #: the name the lines go under in the head (the head table's list field)
    lines_as: tuple[str, ...] = ("detail_list",)
    head_computed: tuple[str, ...] = ()
    line_computed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.head = Columns(documented_fields(self.method, self.head_table), self.search.columns,
                            (*self.head_computed, *self.lines_as), self.head_constants)
        self.line = Columns(documented_fields(self.method, self.line_table), tuple(self.lines.selected_columns),
                            self.line_computed, self.line_constants)

    def computed(self, conn: Connection) -> Callable[[list[Any]], dict[str, list[Any]]]:
        at = self.search.index(self.key)

        def compute(rows: list[Any]) -> dict[str, list[Any]]:
            keys = [row[at] for row in rows]
            lines = searches.keyed_rows(conn, self.lines, keys, self.line_key)
            every = [line for key in keys for line in lines[key]]
            shaped = iter(self.line.rows(every, self._line_columns(every)))
            details = [[next(shaped) for _ in lines[key]] for key in keys]
            out: dict[str, list[Any]] = {name: details for name in self.lines_as}
            if self.head_figures is not None:
                figures = [self.head_figures(row, lines[key]) for row, key in zip(rows, keys, strict=True)]
                out.update({name: _wire(f[name] for f in figures) for name in self.head_computed})
            return out

        return compute

    def _line_columns(self, every: list[Any]) -> dict[str, list[Any]]:
        if self.line_figures is None or not every:
            return {}
        figures = [self.line_figures(line) for line in every]
        return {name: _wire(f[name] for f in figures) for name in self.line_computed}



# ---------------------------------------------------------------------------- the queries


@cache
def apply_shape() -> DocumentShape:
    return DocumentShape("purchase.PurchaseApply.search", "order_list", "detail_list", searches.APPLIES,
                         searches.APPLY_LINES, "apply_id", "apply_id")


def _order_head(head: Any, lines: Sequence[Any]) -> dict[str, Any]:
    return searches.order_figures((head[ORDER_FEES[0]], head[ORDER_FEES[1]]), lines)


ORDER_FEES = (searches.ORDERS.index("post_fee"), searches.ORDERS.index("other_fee"))
ORDER_FIGURES = ("goods_fee", "total_fee", "tax_fee", "goods_type_count", "goods_count", "goods_arrive_count",
                 "goods_stockin_count")
ORDER_LINE_FIGURES = ("num2", "arrive_more_num", "lack_num", "unit_ratio", "purchase_price", "aux_price",
                      "tax_price", "tax_amount", "dis_price", "amount", "weight", "aux_amount", "confirm_num")


def _order_line(line: Any) -> dict[str, Any]:
    figures = searches.line_figures(line)
    return {**figures, "confirm_num": line.num}


@cache
def order_shape() -> DocumentShape:
    return DocumentShape("purchase.PurchaseOrder.queryWithDetail", "order", "detail_list", searches.ORDERS,
                         searches.ORDER_LINES, "purchase_id", "purchase_id", _order_head, _order_line,
                         head_computed=ORDER_FIGURES, line_computed=ORDER_LINE_FIGURES)


@cache
def pre_order_shape() -> DocumentShape:
    return DocumentShape("purchase.StockInPreOrder.search", "order_list", "detail_list", searches.PRE_ORDERS,
                         searches.PRE_ORDER_LINES, "pre_order_id", "pre_order_id",
                         # the page's field list names the flag `flag_time` (标记名称)
                         lambda head, lines: {"flag_time": head[searches.PRE_ORDERS.index("flag_name")]},
                         lambda line: {"aux_num": line.num, "lack_num": max(searches.dec(line.num) - searches.dec(
                             line.arrived_num), searches.ZERO)},
                         # the field list names the lines `detail_List` (its example: detail_list); the
                         # documented name wins, as for every field
                         lines_as=("detail_List",), head_computed=("flag_time",),
                         line_computed=("aux_num", "lack_num"))


STOCKIN_LINE_FIGURES = ("discount", "cost_price", "src_price", "tax_price", "tax_amount", "tax", "total_cost",
                        "unit_ratio", "stockin_price", "unit_name")
STOCKIN_FIGURES = ("goods_amount", "total_price", "tax_amount", "total_stockin_price", "stockin_id")


@cache
def stockin_shape() -> DocumentShape:
    at = searches.STOCKINS.index("doc_id")
    return DocumentShape("wms.stockin.Purchase.queryWithDetail", "order", "details_list", searches.STOCKINS,
                         searches.STOCKIN_LINES, "doc_id", "doc_id",
                         lambda head, lines: {**searches.stockin_figures(lines), "stockin_id": head[at]},
                         lambda line: {**searches.stockin_line_figures(line), "unit_name": line.base_unit_name},
                         lines_as=("details_list",), head_computed=STOCKIN_FIGURES,
                         line_computed=STOCKIN_LINE_FIGURES)


RETURN_FIGURES = ("goods_count", "goods_fee", "goods_out_count", "goods_type_count", "purchase_no", "note_count")
RETURN_LINE_FIGURES = ("num2", "unit_ratio", "tax_price", "amount", "out_amount")


def _return_head(head: Any, lines: Sequence[Any]) -> dict[str, Any]:
    refs = [r for r in str(head[searches.RETURNS.index("ref_purchase_nos")] or "").split(",") if r]
    return {**searches.return_figures(lines), "purchase_no": refs[0] if len(refs) == 1 else "", "note_count": 0}


@cache
def return_shape() -> DocumentShape:
    return DocumentShape("purchase.PurchaseReturn.queryWithDetail", "order", "detail_list", searches.RETURNS,
                         searches.RETURN_LINES, "return_id", "return_id", _return_head,
                         searches.return_line_figures, head_computed=RETURN_FIGURES,
                         line_computed=RETURN_LINE_FIGURES)


STOCKOUT_FIGURES = ("goods_total_cost", "checked_goods_total_cost", "goods_total_amount", "weight", "stockout_id",
                    "last_load_purchase_no", "create_time", "prop1", "prop2")
STOCKOUT_LINE_FIGURES = ("goods_count", "total_amount", "sell_price", "weight", "total_checked_cost_price",
                         "goods_unit", "stockout_id", "position_details_list")


def _stockout_head(head: Any, lines: Sequence[Any]) -> dict[str, Any]:
    refs = [r for r in str(head[_AT["ref_purchase_nos"]] or "").split(",") if r]
    return {**searches.stockout_figures(lines), "stockout_id": head[_AT["doc_id"]],
            "last_load_purchase_no": refs[-1] if refs else "", "create_time": head[_AT["created_time"]],
            "prop1": head[_AT["return_prop1"]], "prop2": head[_AT["return_prop2"]]}


_AT = {name: searches.RETURN_STOCKOUTS.index(name) for name in ("ref_purchase_nos", "doc_id", "created_time",
                                                                 "return_prop1", "return_prop2")}
_POSITION_FIELDS = documented_fields("wms.stockout.PurchaseReturn.queryWithDetail", "position_details_list")


def _stockout_line(line: Any) -> dict[str, Any]:
    place = {"rec_id": line.rec_id, "stockout_detail_id": line.rec_id, "position_id": line.position_id or 0,
             "position_no": line.position_no, "expire_date": line.expire_date.isoformat() if line.expire_date else "",
             "batch_no": line.batch_no, "position_goods_count": float(line.num)}
    return {**searches.stockout_line_figures(line), "goods_unit": line.base_unit_name, "stockout_id": line.doc_id,
            "position_details_list": [{name: place[name] for name in _POSITION_FIELDS}]}


@cache
def stockout_shape() -> DocumentShape:
    return DocumentShape("wms.stockout.PurchaseReturn.queryWithDetail", "order", "details_list",
                         searches.RETURN_STOCKOUTS, searches.STOCKOUT_LINES, "doc_id", "doc_id", _stockout_head,
                         _stockout_line, lines_as=("details_list",), head_computed=STOCKOUT_FIGURES,
                         line_computed=STOCKOUT_LINE_FIGURES)


SETTLE_FIGURES = ("tax_amount", "goods_amount", "tax_goods_amount", "total_cost", "goods_count", "other_total",
                  "is_share_post_fee", "is_share_other", "stockin_no")
SETTLE_LINE_FIGURES = ("dis_price", "tax_price", "total_tax_amount", "total_amount", "tax_total_amount", "unit_ratio",
                       "unit_name")
_SETTLE_AT = {name: searches.SETTLES.index(name) for name in ("post_fee", "other_fee")}


def _settle_head(head: Any, lines: Sequence[Any]) -> dict[str, Any]:
    post, other = head[_SETTLE_AT["post_fee"]], head[_SETTLE_AT["other_fee"]]
    return {**searches.settle_figures((post, other), lines), "other_total": searches.dec(other),
            "is_share_post_fee": any(searches.dec(x.share_post_fee) for x in lines),
            "is_share_other": any(searches.dec(x.share_other) for x in lines),
            "stockin_no": ""}  # the page's stockins: `purchase_settle.search_settles` reads them per page


@cache
def settle_shape() -> DocumentShape:
    return DocumentShape("finance.settle.Purchase.search", "order", "detail_list", searches.SETTLES,
                         searches.SETTLE_LINES, "settle_id", "settle_id", _settle_head,
                         lambda line: {**searches.settle_line_figures(line), "unit_name": line.base_unit_name},
                         head_computed=SETTLE_FIGURES, line_computed=SETTLE_LINE_FIGURES)
