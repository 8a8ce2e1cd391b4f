"""The page a query reads: one definition for the gateway's paging parameters and the domain's queries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    size: int
    no: int
    calc_total: bool

    @property
    def offset(self) -> int:
        return self.size * self.no


#: the page of a paged query reached without paging parameters (internal callers)
DEFAULT_PAGE = Page(size=1000, no=0, calc_total=True)
