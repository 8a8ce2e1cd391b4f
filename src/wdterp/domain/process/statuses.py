"""Production order and settlement codes (states.md §16)."""

from __future__ import annotations

from enum import IntEnum


class ProcessStatus(IntEnum):
    CANCELLED = 10
    EDITING = 20
    AWAITING_CHECK = 30
    #: checked: materials reserved on a 待审核 material stockout
    AWAITING_PICK = 40
    #: the material stockout is done
    PICKED = 45
    RUNNING = 50
    ENDED = 60
    COMPLETED = 70


class SettleStatus(IntEnum):
    NOT_SETTLEABLE = 0
    AWAITING = 1
    SETTLED = 3


class SettlementStatus(IntEnum):
    EDITING = 10
    AWAITING_CHECK = 20
    CHECKED = 30
    CANCELLED = 40


#: Process.upload `type`
STEPWISE, QUICK = 0, 1
CANCELLABLE = frozenset({ProcessStatus.EDITING, ProcessStatus.AWAITING_CHECK, ProcessStatus.AWAITING_PICK})
