"""The documented numeric types' bounds: Decimal(19,4) and 32/64-bit integers.

Every number a call can write is one of these, checked before anything is written (issue 7: an
unbounded 1e308 once reached the stock ledger). Which contract row a violation answers:
- not finite, or not a number at all: E07 (the value cannot be read as the declared type);
- an integer part above 15 digits, or an integer outside its range: E69 with the bound as `max`;
- more than 4 decimals: E78 (MySQL's decimal(19,4) column would truncate it: the nearest row).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from wdterp.protocol.errors import ApiError

#: Decimal(19,4): 15 integer digits and 4 decimals
DECIMAL_SCALE = 4
DECIMAL_MAX = Decimal("999999999999999.9999")
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def as_decimal(value: Any, default: Decimal = Decimal(0)) -> Decimal:
    """A stored or validated number as a Decimal (SQLite hands over floats and ints, PostgreSQL
    Decimals); `default` for none (None or "")."""
    if value is None or value == "":
        return default
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _decimal_of(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip()
        if not text or not text.isascii():
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return None


def bounded_decimal(value: Any, name: str) -> Decimal:
    """`value` as a Decimal(19,4), or the contract row its violation answers."""
    number = _decimal_of(value)
    if number is None or not number.is_finite():
        raise ApiError("E07", f"{name}: {str(value)[:40]!r} is not a finite Decimal(19,4)")
    if abs(number) > DECIMAL_MAX:
        raise ApiError("E69", f"{name}: {str(value)[:40]} has more than 15 integer digits", field=name,
                       max=DECIMAL_MAX)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_SCALE and number != round(number, DECIMAL_SCALE):
        raise ApiError("E78", f"{name}: {str(value)[:40]} has more than 4 decimals", field=name)
    return number


def bounded_int(value: int, name: str, wide: bool = False) -> int:
    """`value` within Int (32-bit) or, `wide`, Long (64-bit)."""
    low, high = (INT64_MIN, INT64_MAX) if wide else (INT32_MIN, INT32_MAX)
    if value > high:
        raise ApiError("E69", f"{name}: {value} above {high}", field=name, max=high)
    if value < low:
        raise ApiError("E07", f"{name}: {value} below {low}")
    return value


def is_ascii_digits(text: str) -> bool:
    """Plain ASCII digits, as the vendor's Java parser reads an integer (no `+`, `_`, other scripts)."""
    return text.isascii() and text.isdigit()


def plain_int(value: Any, name: str) -> int:
    """A code a page types as String but means as an integer: plain ASCII digits (E07 else)."""
    text = str(value).strip()
    if isinstance(value, bool) or not is_ascii_digits(text.removeprefix("-")):
        raise ApiError("E07", f"{name}: {text[:40]!r} is not an integer")
    return bounded_int(int(text), name)
