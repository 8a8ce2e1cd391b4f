"""Walking a paged query page by page (shared by the sync and async iterators)."""

from __future__ import annotations

from typing import Any

from .wire import Pager

TOTAL_KEY = "total_count"


def page_rows(data: Any, list_key: str | None) -> list[Any]:
    """The rows of one page's `data`; the list key is the single list-valued key but total_count."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return []
    if list_key is not None:
        rows = data.get(list_key)
        return rows if isinstance(rows, list) else []
    lists = [k for k, v in data.items() if k != TOTAL_KEY and isinstance(v, list)]
    if len(lists) > 1:
        raise ValueError(f"page data has several lists {sorted(lists)}; pass list_key")
    return data[lists[0]] if lists else []


def split_pager(args: tuple[Any, ...], pager: Pager | None, page_size: int | None, page_no: int,
                calc_total: bool) -> tuple[Pager, tuple[Any, ...]]:
    """The pager of a `page_call` and its positional arguments.

    One order everywhere: the method, its arguments, then paging as keywords (`pager=` or
    `page_size=`/`page_no=`/`calc_total=`), as `iter_rows` takes it. A Pager as the first argument
    (the order of earlier releases) is still taken.
    """
    if pager is None and args and isinstance(args[0], Pager):
        pager, args = args[0], args[1:]
    if pager is None:
        if page_size is None:
            raise ValueError("page_call needs pager=Pager(...) or page_size=")
        pager = Pager(page_size, page_no, calc_total)
    return pager, args


class PageWalker:
    """Hands out pagers from page 0 and decides, after each page, whether another one is needed.

    Only the first page asks the server to count (calc_total=1); the total it gives is kept.
    """

    def __init__(self, page_size: int, list_key: str | None = None) -> None:
        if page_size <= 0:
            raise ValueError("page_size must be positive")
        self.page_size = page_size
        self.list_key = list_key
        self.page_no = 0
        self.seen = 0
        self.total: int | None = None
        self.done = False

    def pager(self) -> Pager:
        """The pager of the next page."""
        return Pager(self.page_size, self.page_no, calc_total=self.page_no == 0)

    def feed(self, data: Any) -> list[Any]:
        """Take one page's data; returns its rows and decides whether another page is needed."""
        rows = page_rows(data, self.list_key)
        if self.total is None and isinstance(data, dict) and isinstance(data.get(TOTAL_KEY), int):
            self.total = data[TOTAL_KEY]
        self.seen += len(rows)
        self.page_no += 1
        reached = self.total is not None and self.seen >= self.total
        self.done = len(rows) < self.page_size or reached
        return rows
