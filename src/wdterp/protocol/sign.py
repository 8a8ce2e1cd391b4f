"""The md5 sign over the query params and the raw body, as the vendor's clients compute it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

SIGN_PARAM = "sign"
BODY_FIELD = "body"


def split_app_secret(app_secret: str) -> tuple[str, str]:
    """Split an issued app secret `secret:salt` on the first colon (no colon: empty salt)."""
    secret, _, salt = app_secret.partition(":")
    return secret, salt


def canonical_string(params: Mapping[str, str], body: bytes) -> bytes:
    """Concatenate key+value for all params but sign, plus `body`, sorted bytewise by key.

    The result does not include the secret; it is what the call log may show for a sign failure.
    """
    fields: dict[bytes, bytes] = {
        k.encode(): v.encode() for k, v in params.items() if k != SIGN_PARAM
    }
    fields[BODY_FIELD.encode()] = body
    if b"salt" not in fields:
        fields[b"salt"] = b""
    return b"".join(k + fields[k] for k in sorted(fields))


def compute_sign(secret: str, params: Mapping[str, str], body: bytes) -> str:
    secret_bytes = secret.encode()
    return hashlib.md5(secret_bytes + canonical_string(params, body) + secret_bytes).hexdigest()
