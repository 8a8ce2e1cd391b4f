"""The vendor's region code table (provinces, cities, districts), shipped as package data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

#: the code table's own modification time: it changes only with a new release of the table
TABLE_MODIFIED = datetime(2022, 3, 8, 10, 16, 1)


@dataclass(frozen=True)
class Regions:
    provinces: list[dict[str, Any]]
    cities: list[dict[str, Any]]
    districts: list[dict[str, Any]]

    def name_of(self, kind: str, code: int | None) -> str:
        if not code:
            return ""
        rows = {"province": self.provinces, "city": self.cities, "district": self.districts}[kind]
        key = f"{kind}_id"
        return next((r["name"] for r in rows if r[key] == code), "")


@cache
def regions() -> Regions:
    text = resources.files("wdterp.data").joinpath("regions.json").read_text("utf-8")
    raw = json.loads(text)
    return Regions(raw["provinces"], raw["cities"], raw["districts"])


def in_window(start: datetime | None, end: datetime | None) -> bool:
    """Whether the table's modification time lies in a requested [start, end] window."""
    return (start is None or start <= TABLE_MODIFIED) and (end is None or end >= TABLE_MODIFIED)
