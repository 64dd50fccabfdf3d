"""Pages of long lists without counting the whole table: the national case list of a decade is
a million rows, and COUNT(*) over them costs more than the page itself."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Beyond this many rows a list says "more than 10,000": nobody pages that far, they filter.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows (one query that stops there); `capped` says whether the
    list is longer, and the pages end at the cap."""

    def __init__(self, object_list: Any, per_page: int, cap: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        # The ids only, unordered: the rows' annotations and order do not change how many.
        rows: Any = self.object_list  # a QuerySet
        return int(rows.order_by().values("pk")[: self.cap + 1].count())

    @property
    def capped(self) -> bool:
        return self.count > self.cap
