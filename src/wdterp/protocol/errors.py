"""The vendor's 80 error rows (code, message template, fixes, retryability) and the API error.

The rows live in the package data file `data/errors.json`, numbered E01..E80 in the order of the
vendor's error page; everything that answers with an error names its row.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

RATE_LIMIT_MESSAGE = "超过每分钟最大调用频率限制，请稍后重试"
CONCURRENCY_LIMIT_MESSAGE = "超过每分钟最大并发次数限制，请稍后重试"


@dataclass(frozen=True)
class ErrorRow:
    row: str
    name: str
    code: int
    message: str
    template: str
    fix_zh: str
    fix_en: str
    retryable: bool

    def format(self, **values: Any) -> str:
        return self.template.format(**values) if values else self.template


@cache
def catalog() -> dict[str, ErrorRow]:
    text = resources.files("wdterp.data").joinpath("errors.json").read_text("utf-8")
    rows = [ErrorRow(**{k: r[k] for k in ErrorRow.__dataclass_fields__}) for r in json.loads(text)]
    return {r.row: r for r in rows}


def row(row_id: str) -> ErrorRow:
    return catalog()[row_id]


def find_rows(code: int, message: str) -> list[ErrorRow]:
    """Rows that could have produced (code, message): exact template match first, then by shape."""
    rows = [r for r in catalog().values() if r.code == code]
    exact = [r for r in rows if r.template == message]
    if exact:
        return exact
    return [r for r in rows if "{" in r.template and _matches_template(r.template, message)]


def _matches_template(template: str, message: str) -> bool:
    pos = 0
    for i, piece in enumerate(_literal_pieces(template)):
        if not piece:
            continue
        found = message.find(piece, pos)
        if found < 0 or (i == 0 and not template.startswith("{") and found != 0):
            return False
        pos = found + len(piece)
    return template.endswith("}") or message.endswith(_literal_pieces(template)[-1])


def _literal_pieces(template: str) -> list[str]:
    pieces, rest = [], template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        pieces.append(head)
        rest = tail.partition("}")[2]
    pieces.append(rest)
    return pieces


class ApiError(Exception):
    """An error answered on the wire as {"status": code, "message": message}.

    `detail` is the full reason for the call log; it never reaches the wire.
    """

    def __init__(self, row_id: str, detail: str = "", **values: Any) -> None:
        self.row = row(row_id)
        self.message = self.row.format(**values)
        self.detail = detail or self.message
        super().__init__(f"{row_id}: {self.message}")

    @property
    def code(self) -> int:
        return self.row.code

    @property
    def explained(self) -> str:
        """The refusal as told outside the envelope (operations, `wdterp load`): the message a
        client would see and the full reason. The one text of a refusal besides the envelope."""
        return f"{self.message} ({self.detail})" if self.detail and self.detail != self.message else self.message


def business_error(message: str, detail: str = "") -> ApiError:
    """A code-100 business failure whose specific message no catalog row spells (row E18)."""
    return ApiError("E18", detail=detail or message, message=message)


def suggest(name: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The nearest names to a mistyped one ("did you mean"), case-insensitively."""
    by_lower = {c.lower(): c for c in choices}
    return [by_lower[m] for m in difflib.get_close_matches(name.lower(), list(by_lower), n=limit, cutoff=0.6)]
