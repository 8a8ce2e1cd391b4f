"""An order the autopilot cannot submit says why (issue 13: it only said 自动递交失败)."""

from __future__ import annotations

from salestools import SF, push2, raw_line, seed
from sqlalchemy import select

from helpers import op
from support import TenantHandle
from wdterp.domain.sales.models import RawTrade


def test_unknown_spec_no_is_the_reason_of_a_failed_auto_submit(tenant: TenantHandle) -> None:
    seed(tenant)
    op(tenant, "autopilot.set", auto_submit=True, auto_check=True, auto_consign_after_seconds=3600, logistics_no=SF)
    push2(tenant, "BAD1", [raw_line("BAD1", "BAD1-1", spec_no="NO-SUCH-SPEC")])
    with tenant.db.sessions() as session:
        reason = session.scalar(select(RawTrade.bad_reason).where(RawTrade.tenant_id == tenant.tenant_id,
                                                                  RawTrade.tid == "BAD1"))
    assert reason == "自动递交失败: 商家编码NO-SUCH-SPEC未匹配到系统货品"
