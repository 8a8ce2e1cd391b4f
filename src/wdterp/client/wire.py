"""Building a signed request and reading the response envelope (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote_plus, urlencode

import httpx
import orjson

from wdterp.protocol.clock import WIRE_TIME_FORMAT
from wdterp.protocol.sign import SIGN_PARAM, compute_sign, split_app_secret

from .errors import WdtError

API_VERSION = "1.0"
ENDPOINT_PATH = "/openapi"
CONTENT_TYPE = "application/json; charset=utf-8"
REQUEST_ID_HEADER = "X-Request-Id"
_UNREADABLE_TEXT_LIMIT = 2000


@dataclass(frozen=True)
class Pager:
    """The paging query params of one call: page size, page number from 0, whether to count."""

    page_size: int
    page_no: int = 0
    calc_total: bool = True

    def params(self) -> dict[str, str]:
        """As query params: page_size, page_no, calc_total (1/0)."""
        return {
            "page_size": str(self.page_size),
            "page_no": str(self.page_no),
            "calc_total": "1" if self.calc_total else "0",
        }


@dataclass(frozen=True)
class Credentials:
    """sid, app key, the secret and salt of an issued `secret:salt`."""

    sid: str
    key: str
    secret: str
    salt: str
    send_salt: bool

    @classmethod
    def parse(cls, sid: str, key: str, app_secret: str) -> Credentials:
        """`app_secret` is the issued `secret:salt`; without a colon no salt param is sent."""
        secret, salt = split_app_secret(app_secret)
        return cls(sid, key, secret, salt, ":" in app_secret)


def endpoint_url(base: str) -> str:
    """The /openapi URL of a server's base URL (given with or without it)."""
    base = base.rstrip("/")
    return base if base.endswith(ENDPOINT_PATH) else base + ENDPOINT_PATH


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime(WIRE_TIME_FORMAT)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode_body(args: Sequence[Any]) -> bytes:
    """The JSON array of positional arguments, raw UTF-8; encoded once and signed as is."""
    return orjson.dumps(list(args), default=_default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def build_request(
    endpoint: str,
    creds: Credentials,
    method: str,
    body: bytes,
    timestamp: int,
    pager: Pager | None = None,
) -> httpx.Request:
    """A signed POST of one call: public params and sign in the query string, the body as is."""
    params = {"sid": creds.sid, "key": creds.key, "method": method, "v": API_VERSION}
    if creds.send_salt:
        params["salt"] = creds.salt
    params["timestamp"] = str(timestamp)
    if pager is not None:
        params.update(pager.params())
    params[SIGN_PARAM] = compute_sign(creds.secret, params, body)
    query = urlencode(params, quote_via=quote_plus)
    return httpx.Request(
        "POST", f"{endpoint}?{query}", content=body, headers={"Content-Type": CONTENT_TYPE}
    )


def parse_response(response: httpx.Response) -> Any:
    """`data` of a status-0 envelope; raise WdtError for any other envelope or an unreadable body."""
    request_id = response.headers.get(REQUEST_ID_HEADER)
    try:
        envelope = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        envelope = None
    status = envelope.get("status") if isinstance(envelope, dict) else None
    if not isinstance(status, int) or isinstance(status, bool):
        text = response.content.decode("utf-8", "replace")[:_UNREADABLE_TEXT_LIMIT]
        raise WdtError.unreadable(f"HTTP {response.status_code}: {text}", request_id)
    assert isinstance(envelope, dict)
    if status == 0:
        return envelope.get("data")
    raise WdtError(status, str(envelope.get("message", "")), request_id=request_id)


def server_clock_offset(response: httpx.Response, local_now: float) -> float | None:
    """Server time − local time in seconds, from the response `Date` header (None if absent/bad)."""
    header = response.headers.get("Date")
    if not header:
        return None
    try:
        server = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    return server.timestamp() - local_now
