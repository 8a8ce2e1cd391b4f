def test_warehouse_query_empty(tenant):
    data = tenant.caller.ok("setting.Warehouse.queryWarehouse", {}, page=(10, 0))
    assert data == {"total_count": 0, "details": []}
