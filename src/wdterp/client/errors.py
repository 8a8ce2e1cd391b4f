"""The client-side error: a non-zero envelope (or an unreadable response) mapped to its catalog row."""

from __future__ import annotations

from wdterp.protocol.errors import (
    CONCURRENCY_LIMIT_MESSAGE,
    RATE_LIMIT_MESSAGE,
    ErrorRow,
    find_rows,
)

#: status given to a response that is not a JSON envelope (proxy error page, HTML 404, ...).
UNREADABLE_STATUS = 99
#: status of a rejected timestamp (row E15).
CLOCK_STATUS = 7
#: status of business errors, including the two limit messages.
BUSINESS_STATUS = 100
LIMIT_MESSAGES = frozenset({RATE_LIMIT_MESSAGE, CONCURRENCY_LIMIT_MESSAGE})
_GENERIC_ROW = "E18"


def lookup_row(status: int, message: str) -> ErrorRow | None:
    """The catalog row for a wire error: a specific row when one matches, else the generic one."""
    rows = find_rows(status, message)
    specific = [r for r in rows if r.row != _GENERIC_ROW]
    candidates = specific or rows
    return candidates[0] if candidates else None


class WdtError(Exception):
    """An error answered by the server (status != 0) or a response that could not be read.

    `str()` gives the status, the message, the request id and the vendor's fix text, so a log line
    or a traceback already says what to do. `row` is the catalog row (E01..E80) the answer matches.
    """

    def __init__(
        self,
        status: int,
        message: str,
        *,
        request_id: str | None = None,
        row: ErrorRow | None = None,
        lookup: bool = True,
    ) -> None:
        self.status = status
        self.message = message
        self.request_id = request_id
        self.row = row if row is not None or not lookup else lookup_row(status, message)
        super().__init__(f"[{status}] {message}" + (f" (request {request_id})" if request_id else ""))

    def __str__(self) -> str:
        head = f"[{self.status}] {self.message}" + (f" (request {self.request_id})" if self.request_id else "")
        if self.row is None:
            return head
        return f"{head}\nrow {self.row.row} ({self.row.name}); fix: {self.row.fix_zh}\n{self.row.fix_en}"

    @classmethod
    def unreadable(cls, text: str, request_id: str | None = None) -> WdtError:
        """A response that is not a JSON envelope; never retried (a re-sent push is a duplicate)."""
        return cls(UNREADABLE_STATUS, text, request_id=request_id, lookup=False)

    @property
    def fix(self) -> str:
        """The vendor's fix text of the row, Chinese then English ('' when no row matches)."""
        return f"{self.row.fix_zh}\n{self.row.fix_en}" if self.row else ""

    @property
    def retryable(self) -> bool:
        """Whether sending the same call again can help (the row's retryability)."""
        return self.row.retryable if self.row else False

    @property
    def is_limit(self) -> bool:
        """A per-minute rate or concurrency limit: the only status 100 a client may retry."""
        return self.status == BUSINESS_STATUS and self.message in LIMIT_MESSAGES


#: status of a call that got no answer at all (no server status is negative)
TRANSPORT_STATUS = -1


class WdtTransportError(WdtError):
    """The call got no answer: connection refused or reset, timeout, DNS failure (an httpx error).

    Retryable only when nothing was sent (a connect failure): a timed-out push may have been saved.
    """

    def __init__(self, message: str, *, sent: bool) -> None:
        super().__init__(TRANSPORT_STATUS, message, lookup=False)
        self.sent = sent

    def __str__(self) -> str:
        return f"no answer: {self.message}"

    @property
    def retryable(self) -> bool:
        return not self.sent
