"""Working days in the Lao PDR.

A working day (ວັນລັດຖະການ) is Monday to Friday, minus the public holidays of the `holidays`
package (country LA, category public), adjusted by the days the government announces each year
(extra Pi Mai days, substitute days) which an administrator records as overrides.

The law counts a time limit "from the day" of the act (ນັບແຕ່ວັນ): the day of the act itself is
not counted, so 5 working days from a Monday with no holiday end on the next Monday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    """Lao public holidays of one year, with their Lao names."""
    return dict(holidays.country_holidays("LA", years=year, language="lo"))


def public_holidays(year: int) -> list[tuple[date, str]]:
    return sorted(_public_holidays(year).items())


def public_holiday_name(day: date) -> str | None:
    return _public_holidays(day.year).get(day)


@dataclass(frozen=True)
class WorkingCalendar:
    """The calendar of one place: national holidays plus the overrides that apply there."""

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_overrides(
        cls, days_off: Iterable[date], working_days: Iterable[date]
    ) -> WorkingCalendar:
        return cls(frozenset(days_off), frozenset(working_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in _public_holidays(day.year)

    def add_working_days(self, start: date, count: int) -> date:
        """The day on which a time limit of `count` working days counted from `start` ends."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def add_calendar_days(start: date, count: int) -> date:
    """The day on which a time limit of `count` calendar days (ວັນ) counted from `start` ends."""
    return start + timedelta(days=count)
