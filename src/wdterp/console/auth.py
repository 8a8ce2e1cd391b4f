"""Console sign-in and CSRF: an HMAC-signed session cookie derived from the admin token.

`/console/login?token=T&next=PATH` (or the login form) sets an HttpOnly, SameSite=Strict cookie; a
changed admin token signs everybody out. Every POST carries a CSRF token (form field `csrf` or header
`X-CSRF-Token`) bound to the session, so another site can neither read nor forge an action.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request

COOKIE = "wdterp_console"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
COOKIE_PATH = "/console"
SESSION_SECONDS = 12 * 3600


def _mac(token: str, purpose: str, value: str) -> str:
    return hmac.new(token.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def new_session(token: str) -> str:
    nonce = secrets.token_hex(16)
    return f"{nonce}.{_mac(token, 'session', nonce)}"


def session_nonce(token: str | None, cookie: str | None) -> str | None:
    """The session's nonce when the cookie was signed with this token, else None."""
    if not token or not cookie or "." not in cookie:
        return None
    nonce, mac = cookie.split(".", 1)
    return nonce if hmac.compare_digest(mac, _mac(token, "session", nonce)) else None


def token_matches(token: str | None, given: str | None) -> bool:
    return bool(token and given) and hmac.compare_digest(str(given).encode(), str(token).encode())


def csrf_token(token: str, nonce: str) -> str:
    return _mac(token, "csrf", nonce)


def csrf_ok(token: str, nonce: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(str(given), csrf_token(token, nonce))


def safe_next(path: str | None) -> str:
    """Only a path inside the console is a redirect target (no open redirect)."""
    if path and path.startswith(COOKIE_PATH) and not path.startswith("//") and "\\" not in path:
        return path
    return COOKIE_PATH + "/"


def current_path(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
