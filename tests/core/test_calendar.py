"""Deadline arithmetic in Lao working days: weekends, public holidays, government overrides."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ejcms.core.calendar import WorkingCalendar, add_calendar_days, public_holiday_name
from ejcms.org.models import HolidayOverride, Province
from ejcms.org.selectors import calendar_for

NATIONAL = WorkingCalendar()


def test_lao_new_year_is_a_public_holiday_with_its_lao_name():
    assert public_holiday_name(date(2025, 4, 14)) == "ບຸນປີໃໝ່ລາວ"
    assert not NATIONAL.is_working_day(date(2025, 4, 15))


def test_five_working_days_across_lao_new_year_and_a_weekend():
    # Friday 11 April 2025; Sat 12 and Sun 13 are the weekend, Mon 14 – Wed 16 April Pi Mai.
    # Working days after it: Thu 17, Fri 18, Mon 21, Tue 22, Wed 23.
    assert NATIONAL.add_working_days(date(2025, 4, 11), 5) == date(2025, 4, 23)


def test_a_time_limit_is_counted_from_the_day_after_the_act():
    # Monday 2 June 2025 + 1 working day = Tuesday 3 June; + 0 = the same day.
    assert NATIONAL.add_working_days(date(2025, 6, 2), 1) == date(2025, 6, 3)
    assert NATIONAL.add_working_days(date(2025, 6, 2), 0) == date(2025, 6, 2)


def test_a_substitute_day_off_counts_as_a_holiday():
    # Women's Day fell on Saturday 8 March 2025; Monday 10 March was given in lieu.
    assert not NATIONAL.is_working_day(date(2025, 3, 10))
    assert NATIONAL.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 11)


def test_calendar_days_ignore_holidays():
    assert add_calendar_days(date(2025, 4, 11), 30) == date(2025, 5, 11)


@pytest.mark.django_db
def test_an_extra_pi_mai_day_announced_nationally_moves_the_deadline():
    HolidayOverride.objects.create(
        date=date(2025, 4, 17), kind=HolidayOverride.Kind.DAY_OFF, name_lo="ພັກບຸນປີໃໝ່ລາວ ເພີ່ມເຕີມ"
    )
    calendar = calendar_for(None)
    assert not calendar.is_working_day(date(2025, 4, 17))
    # Thursday 17 April no longer counts: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24.
    assert calendar.add_working_days(date(2025, 4, 11), 5) == date(2025, 4, 24)


@pytest.mark.django_db
def test_a_provincial_override_applies_in_that_province_only():
    luang_prabang = Province.objects.get(code="06")
    capital = Province.objects.get(code="01")
    HolidayOverride.objects.create(
        date=date(2025, 4, 17),
        kind=HolidayOverride.Kind.DAY_OFF,
        province=luang_prabang,
        name_lo="ບຸນປີໃໝ່ ຫຼວງພະບາງ",
    )
    assert not calendar_for(luang_prabang.pk).is_working_day(date(2025, 4, 17))
    assert calendar_for(capital.pk).is_working_day(date(2025, 4, 17))


@pytest.mark.django_db
def test_a_holiday_turned_into_a_working_day_counts():
    HolidayOverride.objects.create(
        date=date(2025, 4, 16), kind=HolidayOverride.Kind.WORKING_DAY, name_lo="ວັນເຮັດວຽກຊົດເຊີຍ"
    )
    calendar = calendar_for(None)
    assert calendar.is_working_day(date(2025, 4, 16))
    # Wed 16, Thu 17, Fri 18, Mon 21, Tue 22.
    assert calendar.add_working_days(date(2025, 4, 11), 5) == date(2025, 4, 22)


@pytest.mark.django_db
def test_a_province_may_keep_working_on_a_national_extra_day_off():
    savannakhet = Province.objects.get(code="13")
    HolidayOverride.objects.create(
        date=date(2025, 4, 17), kind=HolidayOverride.Kind.DAY_OFF, name_lo="ພັກເພີ່ມ"
    )
    HolidayOverride.objects.create(
        date=date(2025, 4, 17),
        kind=HolidayOverride.Kind.WORKING_DAY,
        province=savannakhet,
        name_lo="ສະຫວັນນະເຂດ ເຮັດວຽກ",
    )
    assert calendar_for(savannakhet.pk).is_working_day(date(2025, 4, 17))
    assert not calendar_for(None).is_working_day(date(2025, 4, 17))


@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    count=st.integers(min_value=1, max_value=40),
)
def test_the_end_of_a_time_limit_is_a_working_day_and_counts_exactly(start: date, count: int):
    end = NATIONAL.add_working_days(start, count)
    assert NATIONAL.is_working_day(end)
    assert NATIONAL.working_days_between(start, end) == count
