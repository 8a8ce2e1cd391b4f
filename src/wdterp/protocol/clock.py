"""The vendor's timestamp epoch and wire time format (Asia/Shanghai, UTC+8)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

#: unix time of 2012-01-01 00:00:00 UTC+8; the wire `timestamp` is seconds since then.
EPOCH_OFFSET = 1325347200
#: how far a request timestamp may be from server time, in seconds.
TIMESTAMP_WINDOW = 120
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
WIRE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def wire_timestamp(now: float | None = None) -> int:
    return int(time.time() if now is None else now) - EPOCH_OFFSET


def timestamp_in_window(timestamp: int, now: float | None = None) -> bool:
    return abs(wire_timestamp(now) - timestamp) <= TIMESTAMP_WINDOW


def now_china() -> datetime:
    """Current time in UTC+8 as a naive datetime, the form stored and compared everywhere."""
    return datetime.now(CHINA_TZ).replace(tzinfo=None, microsecond=0)


def format_wire_time(value: datetime | None) -> str:
    return "" if value is None else value.strftime(WIRE_TIME_FORMAT)


def wire_millis(value: datetime | str | None) -> int | str:
    """A stored time as the pages' millisecond timestamp (毫秒级时间戳), "" when there is none. Stored
    times are naive China time; a driver may hand them over as ISO text (SQLite)."""
    if value is None or value == "":
        return ""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return int(when.replace(tzinfo=CHINA_TZ).timestamp() * 1000)


def parse_wire_time(text: str) -> datetime:
    """Parse `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`; raise ValueError otherwise."""
    text = text.strip()
    if len(text) == 10:
        return datetime.strptime(text, "%Y-%m-%d")
    return datetime.strptime(text, WIRE_TIME_FORMAT)
