"""The periods the statistics are counted over: a month, a quarter, a calendar year, a Lao
fiscal year, or any span of days. A period is written in URLs as a short key ("2026-03",
"2026-Q1", "2026", "FY2016", "2026-01-05..2026-02-20") and shown with a label in the user's
language."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date as babel_format_date
from django.utils.translation import gettext as _

from ejcms.core.formatting import babel_locale, format_date

# The Lao state's fiscal year ran from 1 October to 30 September until 2015/16 and is the
# calendar year since 2017 (Law on State Budget, amended 2015). The change is the first
# year of the calendar rule: fiscal year 2017 is taken to begin on 1 October 2016, so that
# no day falls outside a fiscal year.
CALENDAR_FISCAL_FROM = 2017

# A period of more than this many days is refused: ten years of national caseload is what
# the statistics are built for.
MAX_DAYS = 366 * 10 + 3

KEY = re.compile(
    r"^(?:(?P<month>\d{4}-\d{2})|(?P<quarter>\d{4})-Q(?P<q>[1-4])|(?P<year>\d{4})"
    r"|FY(?P<fy>\d{4})|(?P<start>\d{4}-\d{2}-\d{2})\.\.(?P<end>\d{4}-\d{2}-\d{2}))$"
)


class PeriodError(ValueError):
    """The period asked for cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class Period:
    kind: str  # month, quarter, year, fiscal, custom
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "fiscal":
            return f"FY{self.end.year}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return babel_format_date(self.start, "LLLL y", locale=babel_locale())
        if self.kind == "quarter":
            return _("Quarter %(quarter)s of %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == "year":
            return _("Year %(year)s") % {"year": self.start.year}
        if self.kind == "fiscal":
            return _("Fiscal year %(year)s (%(start)s – %(end)s)") % {
                "year": self.end.year,
                "start": format_date(self.start, "medium"),
                "end": format_date(self.end, "medium"),
            }
        return f"{format_date(self.start, 'medium')} – {format_date(self.end, 'medium')}"

    def previous(self) -> Period:
        """The period of the same kind just before this one (the same length, if custom)."""
        if self.kind == "custom":
            return custom(self.start - timedelta(days=self.days), self.start - timedelta(days=1))
        return period_containing(self.kind, self.start - timedelta(days=1))


def fiscal_year(year: int) -> Period:
    """Lao fiscal year `year` (named after the year it ends in)."""
    if year > CALENDAR_FISCAL_FROM:
        return Period("fiscal", date(year, 1, 1), date(year, 12, 31))
    if year == CALENDAR_FISCAL_FROM:
        return Period("fiscal", date(year - 1, 10, 1), date(year, 12, 31))
    return Period("fiscal", date(year - 1, 10, 1), date(year, 9, 30))


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period("month", date(year, number, 1), date(year, number, last))


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    last = calendar.monthrange(year, first + 2)[1]
    return Period("quarter", date(year, first, 1), date(year, first + 2, last))


def custom(start: date, end: date) -> Period:
    if end < start:
        raise PeriodError(_("The period ends before it starts."))
    if (end - start).days + 1 > MAX_DAYS:
        raise PeriodError(_("A period may not be longer than ten years."))
    return Period("custom", start, end)


def period_containing(kind: str, day: date) -> Period:
    if kind == "month":
        return month(day.year, day.month)
    if kind == "quarter":
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "year":
        return Period("year", date(day.year, 1, 1), date(day.year, 12, 31))
    if kind == "fiscal":
        for year in (day.year, day.year + 1):
            candidate = fiscal_year(year)
            if candidate.start <= day <= candidate.end:
                return candidate
    raise PeriodError(_("Unknown kind of period."))


def parse(key: str) -> Period:
    """The period written as `key`; PeriodError with a message for the user if it is not one."""
    found = KEY.match((key or "").strip())
    if found is None:
        raise PeriodError(_("“%(key)s” is not a period.") % {"key": key[:40]})
    try:
        if found["month"]:
            year, number = (int(part) for part in found["month"].split("-"))
            return month(year, number)
        if found["quarter"]:
            return quarter(int(found["quarter"]), int(found["q"]))
        if found["year"]:
            year = int(found["year"])
            return Period("year", date(year, 1, 1), date(year, 12, 31))
        if found["fy"]:
            return fiscal_year(int(found["fy"]))
        return custom(date.fromisoformat(found["start"]), date.fromisoformat(found["end"]))
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(_("“%(key)s” is not a period.") % {"key": key[:40]}) from error


def choices_around(today: date) -> list[Period]:
    """The periods offered in the picker: recent months, quarters, years and fiscal years."""
    offered: list[Period] = []
    current = period_containing("month", today)
    for _step in range(6):
        offered.append(current)
        current = current.previous()
    current = period_containing("quarter", today)
    for _step in range(4):
        offered.append(current)
        current = current.previous()
    for year in range(today.year, today.year - 4, -1):
        offered.append(Period("year", date(year, 1, 1), date(year, 12, 31)))
    for year in range(today.year, today.year - 3, -1):
        offered.append(fiscal_year(year))
    return offered
