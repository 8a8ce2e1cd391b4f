"""Wire rows of the sales stockout queries (wms.stockout.Sales.queryWithDetail / queryHistoryWithDetail)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from wdterp.api.methods.sales_rows import millis
from wdterp.api.wire import documented_fields, project
from wdterp.domain.documents.models import StockDocument, StockDocumentLine
from wdterp.domain.documents.statuses import StockoutStatus
from wdterp.domain.masterdata.regions import regions
from wdterp.domain.sales.models import Trade, TradeOrder
from wdterp.domain.sales_wms.facts import StockoutFacts, goods_amount, goods_cost, share_post
from wdterp.domain.sales_wms.models import Allocation, Package
from wdterp.domain.sales_wms.statuses import PACKAGING_GOODS_TYPE, ConsignBit

ZERO = Decimal(0)
SYSTEM = "系统"
#: 截停原因 bits the stockout shows (states.md §3): its trade asked for a refund / was refunded / was reverted
BLOCK_REFUND_ASKED, BLOCK_REFUNDED, BLOCK_REVERTED = 1, 2, 1073741824
_PRIVATE = ("receiver_name", "receiver_address", "receiver_mobile", "receiver_telno", "nick_name",
            "customer_name", "id_card")


def _block_reason(doc: StockDocument, trade: Trade) -> int:
    if trade.refund_status == 3:
        return BLOCK_REFUNDED
    if trade.refund_status in (1, 2):
        return BLOCK_REFUND_ASKED
    if doc.status == StockoutStatus.CANCELLED and trade.revert_reason and trade.trade_status < 55:
        return BLOCK_REVERTED
    return 0


def _area(trade: Trade) -> str:
    table = regions()
    return trade.receiver_area or " ".join(n for n in (
        table.name_of("province", trade.receiver_province), table.name_of("city", trade.receiver_city),
        table.name_of("district", trade.receiver_district)) if n)


#: fields the stockouts always answer empty
_EMPTY_TEXT = ("fenxiao_tid", "fenxiao_nick_no", "anchor_name", "assist_achor_name", "control_achor_name",
               "operation_anchor_name", "pick_group_name", "fenxiao_shop_name", "wms_code")


def stockout_mapper(facts: StockoutFacts, method: str, params: dict[str, Any],
                    page_start: int = 0) -> Callable[[StockDocument], dict[str, Any]]:
    head, lines = documented_fields(method, "order"), documented_fields(method, "details_list")
    parcels = documented_fields(method, "logistics_list")
    positions = documented_fields(method, "position_details_list")
    picks = documented_fields(method, "pick_position_details_list")
    counter = iter(range(page_start + 1, 1 << 31))

    def to_row(doc: StockDocument) -> dict[str, Any]:
        trade, shop = facts.trade(doc), facts.shop(doc)
        warehouse = facts.base.warehouse(doc.warehouse_id)
        code, carrier, carrier_type = facts.base.carrier(doc.logistics_id)
        wms = facts.wms.get(doc.doc_id)
        salesman, checker = facts.employee(trade.salesman_name), facts.employee(trade.checker_name)
        operator = facts.employee(doc.operator_name)
        pick_no, pick_seq = facts.picks.get(doc.doc_id, ("", 0))
        shipped = doc.status in (StockoutStatus.SHIPPED, StockoutStatus.COMPLETED)
        details = [_line(facts, doc, trade, line, lines, positions, picks, params) for line in doc.lines]
        if params.get("position"):
            details.sort(key=lambda d: str((d.get("position_details_list") or [{}])[0].get("position_no", "")))
        hidden = {name: "" for name in _PRIVATE} if facts.private(doc) else {}
        return project(doc, head, **{
            "stockout_id": doc.doc_id, "order_no": doc.doc_no, "virtual_warehouse_no": "",
            "virtual_warehouse_name": "", "warehouse_no": warehouse.warehouse_no, "warehouse_name": warehouse.name,
            "consign_time": doc.consign_time if shipped else "", "order_type": 1,
            **_receiver(trade),
            "block_reason": _block_reason(doc, trade), "logistics_type": carrier_type if code else 0,
            "logistics_code": code, "logistics_name": carrier, "shop_id": shop.shop_id, "bad_reason": 0,
            "receiver_dtb": trade.receiver_dtb, "refund_status": trade.refund_status, "trade_type": trade.trade_type,
            "salesman_no": salesman.employee_no if salesman else "",
            "fullname": (salesman.name if salesman else trade.salesman_name) if trade.salesman_name != SYSTEM else "",
            "picker_name": wms.picker_name if wms else "", "examiner_name": "",
            "consigner_name": doc.checker_name if shipped else "", "printer_name": "",
            "packager_name": wms.packager_name if wms else "", "trade_status": trade.trade_status,
            "trade_no": trade.trade_no, "src_trade_no": ",".join(sorted(set(trade.src_tids.split(","))))[:255],
            "nick_name": trade.buyer_nick, "customer_no": "", "customer_name": trade.receiver_name or trade.buyer_nick,
            "trade_time": millis(trade.trade_time), "pay_time": millis(trade.pay_time), "flag_name": trade.flag_name,
            "post_amount": trade.post_amount, "id_card_type": trade.id_card_type, "is_card_type": trade.id_card_type,
            "id_card": "", **_shop_fields(shop),
            "invoice_type": trade.invoice_type, "invoice_id": 0, "cod_amount": trade.cod_amount,
            "delivery_term": trade.delivery_term, "platform_id": trade.platform_id, "trade_id": trade.trade_id,
            "employee_no": checker.employee_no if checker else "", "discount": trade.discount, "tax": ZERO,
            "tax_rate": ZERO, "currency": "", "created": millis(trade.created),
            "stock_check_time": millis(doc.created), "print_remark": trade.print_remark,
            "buyer_message": trade.buyer_message, "cs_remark": trade.cs_remark,
            "invoice_title": trade.invoice_title, "invoice_content": trade.invoice_content, "post_fee": ZERO,
            "package_fee": wms.package_fee if wms else ZERO, "receivable": trade.receivable,
            "goods_total_cost": goods_cost(doc), "goods_total_amount": goods_amount(doc),
            "fenxiao_nick": trade.fenxiao_nick, "trade_label": facts.label_text(trade), "trade_from": trade.trade_from,
            "picklist_no": pick_no, "picklist_seq": pick_seq, "logistics_print_status": 0, "paid": trade.paid,
            "error_info": "",
            "custom_type": 0, "sendbill_template_id": 0, "customer_id": 0, "warehouse_type": warehouse.type,
            "operator_id": operator.employee_id if operator else 0, "calc_post_cost": ZERO, "batch_no": "",
            "created_date": doc.created, **dict.fromkeys(_EMPTY_TEXT, ""),
            "logistics_list": [_parcel(facts, p, parcels) for p in facts.packages.get(doc.doc_id, [])],
            "details_list": details, "stockout_flag_name": doc.flag_name, "gov_subsidy_info": [],
            "seq_no": next(counter), **hidden,
        })

    return to_row


def _receiver(trade: Any) -> dict[str, Any]:
    return {"receiver_name": trade.receiver_name, "receiver_country": 0,
            "receiver_province": trade.receiver_province, "receiver_city": trade.receiver_city,
            "receiver_district": trade.receiver_district, "receiver_address": trade.receiver_address,
            "receiver_mobile": trade.receiver_mobile, "receiver_telno": trade.receiver_telno,
            "receiver_zip": trade.receiver_zip, "receiver_area": _area(trade)}


def _shop_fields(shop: Any) -> dict[str, Any]:
    return {"shop_name": shop.shop_name, "shop_no": shop.shop_no, "shop_remark": shop.remark,
            "shop_platform_id": shop.platform_id, "sub_platform_id": shop.sub_platform_id}


def _parcel(facts: StockoutFacts, package: Package, names: tuple[str, ...]) -> dict[str, Any]:
    _, carrier, _ = facts.base.carrier(package.logistics_id)
    return project(package, names, stockout_id=package.doc_id, logistics_name=carrier,
                   volume=package.length * package.width * package.height,
                   package_name=package.package_name or "无包装")


def _line(facts: StockoutFacts, doc: StockDocument, trade: Trade, line: StockDocumentLine, names: tuple[str, ...],
          position_names: tuple[str, ...], pick_names: tuple[str, ...], params: dict[str, Any]) -> dict[str, Any]:
    spec = facts.base.specs[line.spec_id]
    goods = facts.base.goods[spec.goods_id]
    fields = facts.base.spec_fields(line.spec_id)
    order: TradeOrder | None = facts.order(line)
    allocated = facts.allocations.get(line.rec_id, [])
    places = [_place(facts, a, line, position_names) for a in allocated]
    batch_id, _ = facts.base.batch(line.batch_no or (allocated[0].batch_no if allocated else ""))
    unit, aux = spec.unit_name or goods.unit_name, spec.aux_unit_name or goods.aux_unit_name
    return project(line, names, **{
        **{k: v for k, v in fields.items() if k in names}, "stockout_id": doc.doc_id,
        "src_order_detail_id": order.rec_id if order else 0, "goods_count": line.num,
        "total_amount": line.cost_price * line.num, "sell_price": line.price,
        "weight": Decimal(spec.weight or 0) * line.num, "prop1": spec.prop1, "prop2": spec.prop2,
        "prop3": spec.prop3, "prop4": spec.prop4, "prop5": spec.prop5, "prop6": spec.prop6,
        "platform_id": order.platform_id if order else trade.platform_id,
        "refund_status": order.refund_status if order else 0, "market_price": order.price if order else line.price,
        "discount": order.discount if order else ZERO, "share_price": order.share_price if order else line.price,
        "share_amount": order.share_amount if order else line.price * line.num, "tax_rate": spec.tax_rate,
        "unit_name": unit, "sale_order_id": order.rec_id if order else 0,
        "gift_type": order.gift_type if order else 0, "src_oid": order.src_oid if order else "",
        "src_tid": order.src_tid if order else "", "from_mask": 0, "goods_type": goods.goods_type,
        "good_prop1": goods.prop1, "good_prop2": goods.prop2, "good_prop3": goods.prop3, "good_prop4": goods.prop4,
        "good_prop5": goods.prop5, "good_prop6": goods.prop6,
        "sn_list": ",".join(facts.sns.get(line.rec_id, [])) if params.get("need_sn") else "",
        "suite_no": order.suite_no if order else "", "suite_num": order.suite_num if order else ZERO,
        "share_post_amount": share_post(trade, order, trade.orders), "paid": order.paid if order else ZERO,
        "is_package": goods.goods_type == PACKAGING_GOODS_TYPE, "src_order_type": 1,
        "base_unit_id": facts.units.get(unit, 0), "unit_id": facts.units.get(aux, 0), "unit_ratio": Decimal(1),
        "num2": line.num, "position_id": allocated[0].position_id if allocated else (line.position_id or 0),
        "batch_id": batch_id, "is_examined": 1 if (doc.consign_status or 0) & ConsignBit.EXAMINED else 0,
        "expire_date": line.expire_date or (allocated[0].expire_date if allocated else None), "scan_type": 0,
        "modified_date": doc.modified, "created_date": doc.created,
        "class_name": facts.classes.get(goods.class_id, "无"), "api_goods_id": order.api_goods_id if order else "",
        "api_spec_id": order.api_spec_id if order else "", "api_goods_name": order.api_goods_name if order else "",
        "pack_score": spec.pack_score, "pick_score": spec.pick_score, "scan_score": spec.scan_score,
        "position_details_list": places,
        "pick_position_details_list": [_place(facts, a, line, pick_names) for a in allocated]
        if params.get("need_pick_position") else [],
    })


def _place(facts: StockoutFacts, a: Allocation, line: StockDocumentLine, names: tuple[str, ...]) -> dict[str, Any]:
    return project(a, names, stockout_detail_id=line.rec_id, position_no=facts.base.position_no(a.position_id),
                   position_goods_count=a.num, spec_no=facts.base.specs[line.spec_id].spec_no)
