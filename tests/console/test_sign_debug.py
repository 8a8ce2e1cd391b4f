"""The sign debugger's diagnosis: each known client mistake is named; a right sign matches."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from wdterp.protocol.sign import canonical_string, compute_sign
from wdterp.protocol.sign_debug import diagnose

SECRET, SALT = "s3cret", "salt1"
PARAMS = {"sid": "demo", "key": "demo-api", "salt": SALT, "method": "setting.Shop.queryShop", "v": "1.0",
          "timestamp": "470000000", "page_size": "10", "page_no": "0"}


def _query(sign: str) -> str:
    return "http://h/openapi?" + urlencode({**PARAMS, "sign": sign})


@given(st.dictionaries(st.text("abc", min_size=1, max_size=3), st.text(max_size=5), max_size=3))
def test_a_right_sign_matches(args: dict[str, str]) -> None:
    body = json.dumps([args], separators=(",", ":"), ensure_ascii=False).encode()
    report = diagnose(_query(compute_sign(SECRET, PARAMS, body)), body, SECRET, SALT)
    assert report.matches is True and report.differs is None
    assert report.canonical == canonical_string(PARAMS, body).decode()


def test_each_mistake_is_named() -> None:
    body = '[{"name":"店"}]'.encode()
    unsorted = b"".join(k.encode() + v.encode() for k, v in PARAMS.items()) + b"body" + body
    mistakes = {
        "without the body": compute_sign(SECRET, PARAMS, b""),
        "secret:salt as the secret": compute_sign(f"{SECRET}:{SALT}", PARAMS, body),
        "one end only": hashlib.md5(SECRET.encode() + canonical_string(PARAMS, body)).hexdigest(),
        "not sorted": hashlib.md5(SECRET.encode() + unsorted + SECRET.encode()).hexdigest(),
        "spaces after": compute_sign(SECRET, PARAMS, json.dumps([{"name": "店"}]).encode()),
        "non-ASCII escaped": compute_sign(SECRET, PARAMS, json.dumps([{"name": "店"}], separators=(",", ":"))
                                          .encode()),
    }
    for words, sign in mistakes.items():
        report = diagnose(_query(sign), body, SECRET, SALT)
        assert report.matches is False and report.differs and words in report.differs, (words, report.differs)
    other = diagnose(_query(compute_sign("another", PARAMS, body)), body, SECRET, SALT)
    assert other.differs and other.differs.startswith("none of the known mistakes")


def test_without_a_secret_only_the_canonical_string() -> None:
    report = diagnose("sid=demo&key=k&method=m", b"[]", None)
    assert report.expected is None and report.matches is None
    assert "missing public params: salt, v, timestamp" in report.notes[0]
    assert report.canonical == "bodykeykmethodmsaltsiddemo".replace("body", "body[]", 1)
