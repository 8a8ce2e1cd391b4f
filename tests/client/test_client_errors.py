"""WdtError fields: status, message, catalog row, fix text, retryability, request id."""

from __future__ import annotations

import pytest
from clientfake import KEY, NOW, SALT, SECRET, SID, FakeServer, envelope

from wdterp.client import Client, WdtError
from wdterp.protocol.errors import row


def call_error(server: FakeServer, status: int, message: str, **headers: str) -> WdtError:
    server.replies.append(envelope(status, message=message, **headers))
    c = Client(
        "http://wdt.test", SID, KEY, f"{SECRET}:{SALT}",
        transport=server.transport, clock=lambda: NOW, max_retries=0,
    )
    with pytest.raises(WdtError) as info:
        c.call("m.x")
    return info.value


def test_sign_failure_fields(server: FakeServer) -> None:
    err = call_error(server, 1, "验证失败", **{"X-Request-Id": "req-123"})
    assert (err.status, err.message, err.request_id) == (1, "验证失败", "req-123")
    assert err.row == row("E06")
    assert err.fix == f"{row('E06').fix_zh}\n{row('E06').fix_en}"
    assert err.retryable is False
    assert "验证失败" in str(err) and "req-123" in str(err)


def test_no_request_id_header(server: FakeServer) -> None:
    assert call_error(server, 6, "ip限制").request_id is None


@pytest.mark.parametrize(
    "status,message,row_id",
    [
        (100, "店铺编号不存在或已停用", "E20"),
        (100, "仓库 W1 是委外仓库,包含委外仓时只能选一个入库仓库", "E79"),
        (100, "此方法仅支持分页查询：setting.Shop.queryShop", "E19"),
        (1, 'For input string: "1665947116495"', "E08"),
        (100, "一个没有专门行的业务错误", "E18"),
        (5, "数据库错误", "E13"),
        (100, "超过每分钟最大并发次数限制，请稍后重试", "E63"),
    ],
)
def test_row_lookup(server: FakeServer, status: int, message: str, row_id: str) -> None:
    err = call_error(server, status, message)
    assert err.row == row(row_id)
    assert err.retryable is row(row_id).retryable
    assert err.fix.split("\n") == [row(row_id).fix_zh, row(row_id).fix_en]


def test_unknown_code_has_no_row(server: FakeServer) -> None:
    err = call_error(server, 42, "mystery")
    assert err.row is None and err.fix == "" and err.retryable is False
