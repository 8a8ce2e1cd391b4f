"""What went wrong with a sign: the canonical string, the expected sign and, when the given sign
differs, which part of the request a client most likely signed differently.

Each known client mistake is tried in turn; the first variant whose sign equals the given one names
the part that differs. None matching means the secret itself (or the bytes sent) differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from wdterp.protocol.sign import SIGN_PARAM, canonical_string, compute_sign

PUBLIC = ("sid", "key", "salt", "method", "v", "timestamp")


@dataclass
class SignReport:
    params: dict[str, str]
    body: bytes
    canonical: str
    parts: list[tuple[str, str]]
    given: str | None
    expected: str | None = None
    matches: bool | None = None
    #: the part that differs, in words, when a known mistake reproduces the given sign
    differs: str | None = None
    notes: list[str] = field(default_factory=list)


def parse_query(text: str) -> dict[str, str]:
    """A full URL or just its query string, as the server parses it."""
    text = text.strip()
    query = urlsplit(text).query if "?" in text or text.startswith("http") else text
    return dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))


def _md5(secret: str, text: bytes) -> str:
    return hashlib.md5(secret.encode() + text + secret.encode()).hexdigest()


def _reformatted(body: bytes) -> list[tuple[str, bytes]]:
    try:
        value = json.loads(body)
    except ValueError:
        return []
    forms = [("the body with spaces after , and : (json.dumps default)", json.dumps(value).encode()),
             ("the body with non-ASCII escaped (\\uXXXX)", json.dumps(value, separators=(",", ":")).encode()),
             ("the body compact UTF-8", json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())]
    return [(why, form) for why, form in forms if form != body]


def _variants(secret: str, params: dict[str, str], body: bytes, salt: str | None) -> list[tuple[str, str]]:
    unsigned = {k: v for k, v in params.items() if k != SIGN_PARAM}
    tries: list[tuple[str, Callable[[], str]]] = [
        ("the body: it was signed without the body", lambda: compute_sign(secret, params, b"")),
        ("the secret: it was signed with secret:salt as the secret", lambda: compute_sign(
            f"{secret}:{salt}", params, body) if salt is not None else ""),
        ("the secret: it was put at one end only", lambda: hashlib.md5(
            secret.encode() + canonical_string(params, body)).hexdigest()),
        ("the order: params were joined in the order sent, not sorted", lambda: _md5(secret, b"".join(
            k.encode() + v.encode() for k, v in unsigned.items()) + b"body" + body)),
        ("the salt: it was signed without the salt param", lambda: compute_sign(
            secret, {k: v for k, v in params.items() if k != "salt"} | {"salt": ""}, body)),
    ]
    found = [(why, make()) for why, make in tries]
    found += [(why, compute_sign(secret, params, form)) for why, form in _reformatted(body)]
    return found


def diagnose(query: str, body: bytes, secret: str | None, app_salt: str | None = None) -> SignReport:
    """`secret` is the app's secret (without the salt); `app_salt` the salt the app was issued."""
    params = parse_query(query)
    canonical = canonical_string(params, body)
    parts = [(k, v) for k, v in sorted({**{k: v for k, v in params.items() if k != SIGN_PARAM},
                                        "body": body.decode("utf-8", "replace")}.items())]
    report = SignReport(params, body, canonical.decode("utf-8", "replace"), parts, params.get(SIGN_PARAM))
    missing = [p for p in PUBLIC if p not in params]
    if missing:
        report.notes.append(f"missing public params: {', '.join(missing)} (answered with E04 before any sign check)")
    if app_salt is not None and params.get("salt") not in (None, app_salt):
        report.notes.append("the salt sent is not the app's salt (answered with E09)")
    if secret is None:
        return report
    report.expected = compute_sign(secret, params, body)
    if report.given is None:
        report.notes.append("no sign param in the query string")
        return report
    report.matches = report.given.lower() == report.expected
    if not report.matches:
        for why, variant in _variants(secret, params, body, app_salt or params.get("salt")):
            if variant and variant == report.given.lower():
                report.differs = why
                break
        else:
            report.differs = ("none of the known mistakes reproduces it: the secret differs, or the query "
                              "or body bytes changed after signing (a proxy re-encoding them)")
    return report
