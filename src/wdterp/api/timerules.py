"""Time-window rules of query methods: required windows (E23), maximum spans (E24/E25), and the
narrowing condition some queries need (E44)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from wdterp.api.docs import MethodDoc
from wdterp.protocol.errors import ApiError, business_error

#: (start, end) field pairs the pages use for a time window, in order of preference
WINDOW_PAIRS = (
    ("start_time", "end_time"),
    ("modified_begin", "modified_end"),
    ("created_begin", "created_end"),
    ("start_modified", "end_modified"),
    ("begin_time", "end_time"),
)

_SPAN_ROWS = {timedelta(days=30): "E24", timedelta(minutes=60): "E25"}


def span_text(span: timedelta) -> str:
    if span % timedelta(days=1) == timedelta(0):
        return f"{span.days}天"
    if span % timedelta(hours=1) == timedelta(0) and span >= timedelta(hours=2):
        return f"{span // timedelta(hours=1)}小时"
    return f"{span // timedelta(minutes=1)}分钟"


@dataclass(frozen=True)
class TimeRule:
    start: str | None
    end: str | None
    span: timedelta | None
    required: bool
    narrowing: tuple[str, ...]
    #: document numbers that, when one is given, make the required window unnecessary
    window_unless: tuple[str, ...] = ()

    @classmethod
    def for_method(cls, method: MethodDoc, span: timedelta | None, fields: tuple[str, str] | None,
                   required: bool | None, narrowing: tuple[str, ...],
                   window_unless: tuple[str, ...] = ()) -> TimeRule | None:
        first = method.arg_table(method.args[0].name) if method.args else None
        names = {f.name: f for f in first or ()}
        pair = fields or next((p for p in WINDOW_PAIRS if p[0] in names and p[1] in names), None)
        if pair is None and not narrowing:
            return None
        if window_unless:
            required = pair is not None
        elif required is None:
            required = pair is not None and any(names[n].required for n in pair if n in names)
        start, end = pair if pair else (None, None)
        return cls(start, end, span if pair else None, required, narrowing, window_unless)

    def check(self, params: dict[str, Any]) -> None:
        start = params.get(self.start) if self.start else None
        end = params.get(self.end) if self.end else None
        if self.required and (start is None or end is None) and not any(params.get(n) for n in self.window_unless):
            unless = f" without {'/'.join(self.window_unless)}" if self.window_unless else ""
            raise ApiError("E23", f"{self.start}/{self.end} are required{unless}")
        if self.narrowing and not any(params.get(n) not in (None, "", []) for n in self.narrowing):
            raise ApiError("E44", f"one of {', '.join(self.narrowing)} is required")
        if self.span and isinstance(start, datetime) and isinstance(end, datetime):
            self._check_span(start, end)

    def _check_span(self, start: datetime, end: datetime) -> None:
        assert self.span is not None
        if end - start <= self.span:
            return
        detail = f"{self.start}..{self.end} spans {end - start}, more than {self.span}"
        row = _SPAN_ROWS.get(self.span)
        if row:
            raise ApiError(row, detail)
        raise business_error(f"您的查询时间过宽,查询时间不能大于{span_text(self.span)}", detail)
