"""Every failure of a call becomes a contract row here, and nowhere else.

A handler or a check raises `ApiError` for a row it knows; everything else that can escape a
call, by its exception class, has its row below. What is left is a defect of ours: E17 (status
99), logged with the request id and a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DataError, DBAPIError
from starlette.requests import ClientDisconnect

from wdterp.protocol.errors import ApiError

log = logging.getLogger("wdterp.gateway")
#: how much of a database error's text the call log keeps
DB_REASON_LIMIT = 300
#: SQLSTATE class 22, "data exception" (value too long, out of range, invalid text)
DATA_EXCEPTION = "22"


@dataclass(frozen=True)
class Failure:
    """The answer to a failed call and the full reason for the call log."""

    payload: dict[str, Any]
    detail: str


def db_reason(err: DBAPIError) -> str:
    text = str(err.orig).splitlines()[0][:DB_REASON_LIMIT] if str(err.orig) else ""
    return f"{type(err.orig).__name__}: {text}"


def _database(err: DBAPIError, reachable: Callable[[], bool]) -> ApiError:
    state = str(getattr(err.orig, "sqlstate", None) or getattr(err.orig, "pgcode", None) or "")
    if isinstance(err, DataError) or state.startswith(DATA_EXCEPTION):
        # a value the validator let through that the column cannot hold (a string longer than
        # the column where the page gives no length): the value's fault, not the database's
        return ApiError("E07", f"a value the database cannot store: {db_reason(err)}")
    if not reachable():
        return ApiError("E12", f"database unreachable: {db_reason(err)}")
    return ApiError("E13", f"transaction failed: {db_reason(err)}")


def as_api_error(exc: BaseException, reachable: Callable[[], bool]) -> ApiError | None:
    """The contract row of an exception, or None for a defect of ours."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, DBAPIError):
        return _database(exc, reachable)
    if isinstance(exc, RecursionError):
        # JSON nested deeper than Python can walk (a 1000-level array): not a body we can read
        return ApiError("E01", "body nested too deeply to be read")
    if isinstance(exc, ClientDisconnect):
        return ApiError("E01", "the client disconnected before the body was complete")
    if isinstance(exc, OverflowError):
        # an integer past the database's 64 bits that no declared type stopped
        return ApiError("E07", f"a number out of range: {str(exc)[:DB_REASON_LIMIT]}")
    return None


def failure_of(exc: BaseException, request_id: str, reachable: Callable[[], bool]) -> Failure:
    err = as_api_error(exc, reachable)
    if err is not None:
        if isinstance(exc, ClientDisconnect):
            log.info("request %s: the client disconnected mid-body (not an error of ours)", request_id)
        return Failure({"status": err.code, "message": err.message}, err.detail)
    log.exception("unexpected error in request %s", request_id, exc_info=exc)
    unexpected = ApiError("E17")
    return Failure({"status": unexpected.code, "message": unexpected.message},
                   f"{type(exc).__name__}: {str(exc)[:DB_REASON_LIMIT]}")
