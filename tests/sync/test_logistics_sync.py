"""Logistics sync: queued at consign → listed → the mall reports success / again / failure."""

from __future__ import annotations

from typing import Any

from sync_seed import Seeded, seed_sync

from support import TenantHandle
from wdterp.api.wire import documented_fields
from wdterp.domain.sync.logistics import queue_logistics_sync

LIST = "sales.LogisticsSync.getSyncListExt"
UPDATE = "sales.LogisticsSync.update"


def _queue(tenant: TenantHandle, seeded: Seeded, tid: str, no: str, **kw: Any) -> int:
    with tenant.db.transaction() as session:
        row = queue_logistics_sync(session, tenant.tenant_id, shop_id=seeded.mall_shop_id, trade_id=100,
                                   trade_no=f"JY{tid}", tid=tid, oids=kw.pop("oids", []),
                                   logistics_id=seeded.logistics_id, logistics_no=no, **kw)
        return row.sync_id


def _pending(tenant: TenantHandle, **params: Any) -> dict[str, Any]:
    envelope = tenant.caller.call(LIST, {"is_own_platform": True, **params}, {}, page=(100, 0))
    assert envelope["status"] == 0, envelope
    return envelope


def test_lifecycle(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    first = _queue(tenant, seeded, "T1", "SF1")
    second = _queue(tenant, seeded, "T2", "SF2", oids=["o1", "o2"], is_part_sync=True)
    third = _queue(tenant, seeded, "T3", "SF3")

    envelope = _pending(tenant, shop_no="mall")
    assert envelope["total"] == 3
    row = envelope["data"][0]
    assert set(row) == set(documented_fields(LIST, "data"))
    assert row["sync_id"] == first and row["tid"] == "T1" and row["logistics_no"] == "SF1"
    assert row["logistics_code"] == "YZBK" and row["logistics_name"] == "中国邮政"
    assert row["platform_id"] == 127 and row["trade_id"] == 100 and row["is_part_sync"] == 0
    assert row["oids"] == "" and len(row["created"]) == 19
    split = envelope["data"][1]
    assert split["is_part_sync"] == 1 and split["oids"] == "o1,o2"
    assert [r["sync_id"] for r in _pending(tenant, is_part_sync=1)["data"]] == [second]
    assert [r["sync_id"] for r in _pending(tenant, tid="T3")["data"]] == [third]
    assert [r["sync_id"] for r in _pending(tenant, logistics_no="SF2")["data"]] == [second]

    data = tenant.caller.ok(UPDATE, [
        {"sync_id": first, "status": "0", "error_msg": ""},
        {"sync_id": second, "status": -100, "error_msg": "稍后再试"},
        {"sync_id": third, "status": 2, "error_msg": "商城订单已关闭"},
    ])
    assert data == []
    envelope = _pending(tenant)
    assert envelope["total"] == 1 and envelope["data"][0]["sync_id"] == second

    # a repeated success is idempotent; changing a success is refused per row
    assert tenant.caller.ok(UPDATE, [{"sync_id": first, "status": 0}]) == []
    assert tenant.caller.ok(UPDATE, [{"sync_id": first, "status": 2, "error_msg": "x"}]) == [
        f"物流同步id:{first} 已同步成功,不能修改同步结果"]
    assert tenant.caller.ok(UPDATE, [{"sync_id": second, "status": 1}]) == [
        f"物流同步id:{second} 同步结果状态不正确:1"]

    # the failure keeps its message (visible to the ERP user; requeue puts it back)
    from wdterp.domain.sync.logistics import requeue
    from wdterp.domain.sync.models import LogisticsSync
    with tenant.db.transaction() as session:
        failed = session.get(LogisticsSync, third)
        assert failed is not None and failed.sync_status == 2 and failed.error_msg == "商城订单已关闭"
        requeue(session, tenant.tenant_id, third)
    assert {r["sync_id"] for r in _pending(tenant)["data"]} == {second, third}


def test_paging_and_one_number_per_oid(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    ids = [_queue(tenant, seeded, f"P{i}", f"N{i}") for i in range(3)]
    # re-consigning the same trade line with a new number replaces the pending number
    assert _queue(tenant, seeded, "P0", "N0-new") == ids[0]
    envelope = tenant.caller.call(LIST, {}, {}, page=(2, 1))
    assert envelope["total"] == 3 and [r["sync_id"] for r in envelope["data"]] == [ids[2]]
    assert _pending(tenant, tid="P0")["data"][0]["logistics_no"] == "N0-new"


def test_errors(tenant: TenantHandle) -> None:
    seeded = seed_sync(tenant)
    _queue(tenant, seeded, "E1", "X1")
    call = tenant.caller.call
    assert call(LIST, {"shop_no": "nope"}, {}, page=(10, 0)) == {"status": 100, "message": "店铺编号不存在或已停用"}
    assert call(LIST, {"shop_no": "tb"}, {}, page=(10, 0)) == {"status": 100, "message": "店铺平台不是自有平台"}
    assert call(LIST, {"tid": "x" * 41}, {}, page=(10, 0)) == {
        "status": 100, "message": "Data truncation: Data too long for column 'tid' at row 1"}
    assert call(LIST, {"bogus": 1}, {}, page=(10, 0)) == {"status": 2, "message": "bogus"}
    assert call(LIST, {}, {}, page=(1001, 0)) == \
        {"status": 100,
                                                  "message": "page_sizemust be less than or equal to 1000"}
    assert call(LIST, {}, {}) == {"status": 100, "message": f"此方法仅支持分页查询：{LIST}"}
    assert call(UPDATE, [{"sync_id": 999999, "status": 0}]) == {"status": 100, "message": "未找到符合条件的订单"}
    assert call(UPDATE, [{"sync_id": 1, "error_msg": ""}]) == {"status": 100, "message": "status不能为空"}
    assert call(UPDATE, [{"sync_id": 1, "status": 5}]) == \
        {"status": 100,
                                                           "message": "statusmust be less than or equal to 2"}
    # shop permission: an app limited to other shops cannot see or update the mall's rows
    tenant.update_app(shops=["tb"])
    assert _pending(tenant)["total"] == 0
