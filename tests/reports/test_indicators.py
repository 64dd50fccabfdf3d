"""Each indicator on a small hand-built caseload. The expected figures are worked out below from
the formulas (DOMAIN.md "Statistics", docs/statistics.md), case by case, not taken from the code.

The period is the first quarter of 2025 (1 January – 31 March, 90 days); the backlog standard
is 365 days, so a pending case is old if it was received before 31 March 2024; "today" is
10 April 2025.

Chanthabouly (0101), officers `officer` (O1) and `officer2` (O2):
  A1 received 2023-06-01, open (O1)                   pending at start and end, backlog
  A2 received 2024-10-15, closed 2025-02-10 fully (O1) pending at start, resolved
  A3 received 2025-01-20, open (O1)                   incoming, pending at end
  A4 received 2025-02-01, closed 2025-03-15 partly (O2) incoming, resolved
  A5 received 2024-01-01, closed 2024-12-31           before the period: nowhere
  A6 received 2025-04-02                              after the period: nowhere
  A7 received 2024-12-01, closed 2025-03-31 impossible (O2) pending at start, resolved
  A8 received 2025-03-31, open, not assigned          incoming, pending at end
Sikhottabong (0102):
  B1 received 2025-02-15, open                        incoming, pending at end
  B2 received 2022-05-05, closed 2025-01-01 waived    pending at start, resolved
Luang Prabang (0601, another province):
  C1 received 2025-03-01, open                        incoming, pending at end
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from ejcms.cases.choices import (
    Outcome,
    State,
)
from ejcms.core.errors import AccessDenied
from ejcms.org.models import Office, Province
from ejcms.reports import periods
from ejcms.reports.selectors import indicators, nearest_rank, unit_for
from tests.reports.conftest import Book

Q1 = periods.parse("2025-Q1")
TODAY = date(2025, 4, 10)
STANDARD = 365


def unit(user: User, key: str | None = None) -> Any:
    return unit_for(user, key)


def flow(row: Any) -> tuple[int, int, int, int, int]:
    return (row.incoming, row.resolved, row.pending_start, row.pending_end, row.backlog)


def test_office_counts_and_rates(book: Book) -> None:
    office = indicators(
        unit(book.cast.dej, f"office-{book.offices['0101'].pk}"),
        Q1,
        standard_days=STANDARD,
        today=TODAY,
    ).total
    # incoming A3 A4 A8; resolved A2 A4 A7; pending at start A1 A2 A7; at end A1 A3 A8;
    # backlog: of A1 A3 A8, A1 only was received before 31 March 2024.
    assert flow(office) == (3, 3, 3, 3, 1)
    assert office.pending_end == office.pending_start + office.incoming - office.resolved
    assert office.clearance_rate == Decimal("100.0")  # 3 ÷ 3 × 100
    assert office.disposition_days == Decimal("90")  # 3 ÷ 3 × 90 days
    assert office.backlog_rate == Decimal("33.3")  # 1 ÷ 3 × 100
    # Deadlines due in the quarter, the office's, not cancelled: A2 and A3 met on time; A4
    # met late and A1 still open on 10 April: missed.
    assert (office.deadlines_met, office.deadlines_missed) == (2, 2)
    assert office.deadlines_met_rate == Decimal("50.0")
    assert office.complaints == 2
    assert office.complaints_per_100 == Decimal("66.7")  # 2 ÷ 3 × 100
    assert office.evictions == 1
    assert office.officers == 2
    assert office.caseload == Decimal("1.5")  # 3 pending ÷ 2 officers


def test_national_and_drill_down_rows(book: Book) -> None:
    ind = indicators(unit(book.cast.dej), Q1, standard_days=STANDARD, today=TODAY)
    total = ind.total
    # incoming A3 A4 A8 B1 C1; resolved A2 A4 A7 B2; start A1 A2 A7 B2; end A1 A3 A8 B1 C1.
    assert flow(total) == (5, 4, 4, 5, 1)
    assert total.clearance_rate == Decimal("80.0")  # 4 ÷ 5 × 100
    assert total.disposition_days == Decimal("113")  # 5 ÷ 4 × 90 = 112.5
    assert total.backlog_rate == Decimal("20.0")  # 1 ÷ 5 × 100
    assert total.complaints_per_100 == Decimal("50.0")  # 2 ÷ 4 × 100
    assert total.officers == 4
    assert total.caseload == Decimal("1.3")  # 5 ÷ 4 = 1.25
    rows = {row.unit.name: row for row in ind.rows if row.unit}
    capital = Province.objects.get(code="01").name
    luang_prabang = Province.objects.get(code="06").name
    assert flow(rows[capital]) == (4, 4, 4, 4, 1)
    assert rows[capital].caseload == Decimal("1.3")  # 4 ÷ 3
    assert flow(rows[luang_prabang]) == (1, 0, 0, 1, 0)
    assert rows[luang_prabang].clearance_rate == Decimal("0.0")
    assert rows[luang_prabang].disposition_days is None  # nothing resolved: "—"
    # Every province is listed (quiet ones with zeros), and the rows add up to the total.
    assert len(ind.rows) == Province.objects.count()
    assert sum(row.incoming for row in ind.rows) == total.incoming


def test_province_drills_to_offices_and_office_to_officers(book: Book) -> None:
    province = indicators(
        unit(book.cast.dej, f"province-{Province.objects.get(code='01').pk}"),
        Q1,
        standard_days=STANDARD,
        today=TODAY,
    )
    by_code = {Office.objects.get(pk=row.unit.id).code: row for row in province.rows if row.unit}
    assert flow(by_code["0101"]) == (3, 3, 3, 3, 1)
    assert flow(by_code["0102"]) == (1, 1, 1, 1, 0)
    assert flow(province.total) == (4, 4, 4, 4, 1)

    office = indicators(
        unit(book.cast.dej, f"office-{book.offices['0101'].pk}"),
        Q1,
        standard_days=STANDARD,
        today=TODAY,
    )
    by_officer = {row.unit.id: row for row in office.rows if row.unit}
    # O1: incoming A3; resolved A2; start A1 A2; end A1 A3; backlog A1.
    assert flow(by_officer[book.o1.pk]) == (1, 1, 2, 2, 1)
    # O2: incoming A4; resolved A4 A7; start A7; end none.
    assert flow(by_officer[book.o2.pk]) == (1, 2, 1, 0, 0)
    assert by_officer[book.o2.pk].disposition_days == Decimal("0")
    # A8 is nobody's yet.
    assert flow(by_officer[None]) == (1, 0, 0, 1, 0)

    own = indicators(unit(book.o1), Q1, standard_days=STANDARD, today=TODAY)
    assert own.unit.id == book.o1.pk
    assert flow(own.total) == (1, 1, 2, 2, 1)
    assert own.total.caseload == Decimal("2.0")


def test_outcome_mix_money_and_stages(book: Book) -> None:
    ind = indicators(unit(book.cast.dej), Q1, standard_days=STANDARD, today=TODAY)
    mix = {value: count for value, _label, count in ind.outcomes}
    assert mix == {
        Outcome.FULLY_ENFORCED: 1,  # A2 (A5 was closed before the period)
        Outcome.PARTLY_ENFORCED: 1,  # A4
        Outcome.IMPOSSIBLE: 1,  # A7
        Outcome.WAIVED: 1,  # B2
        Outcome.ANNULLED: 0,
        Outcome.REFUSED: 0,
    }
    money = {line.currency: line for line in ind.money}
    # Resolved cases' LAK: due 10,000,000 (A2) + 4,000,000 + 80,000 (A4) = 14,080,000;
    # recovered 10,000,000 (A2) + 1,000,000 (A4; the 500,000 was reversed) = 11,000,000.
    assert money["LAK"].due == Decimal("14080000")
    assert money["LAK"].recovered == Decimal("11000000")
    assert money["LAK"].recovery_rate == Decimal("78.1")  # 11,000,000 ÷ 14,080,000 × 100
    # Collected in the quarter, any case: 10,000,000 + 1,000,000 + 500,000 − 500,000 + 300,000.
    assert money["LAK"].collected == Decimal("11300000")
    # A7's 250 USD were paid in December: recovered for the case, not collected in the quarter.
    assert (money["USD"].due, money["USD"].recovered) == (Decimal("1000"), Decimal("250"))
    assert money["USD"].recovery_rate == Decimal("25.0")
    assert money["USD"].collected == Decimal("0")

    stages = {stage.state: stage for stage in ind.stages}
    # Left "received" in the quarter after 2, 3, 3, 10, 40 days: the median is the 3rd of 5
    # (3), the 90th percentile the ⌈4.5⌉ = 5th (40). The 99 days of December are outside.
    assert (stages[State.RECEIVED].exits, stages[State.RECEIVED].median) == (5, 3)
    assert stages[State.RECEIVED].p90 == 40
    assert (stages[State.COMPULSORY].median, stages[State.COMPULSORY].p90) == (100, 100)
    capital = indicators(
        unit(book.cast.dej, f"province-{Province.objects.get(code='01').pk}"),
        Q1,
        standard_days=STANDARD,
        today=TODAY,
    )
    received = next(s for s in capital.stages if s.state == State.RECEIVED)
    # Without Luang Prabang's 40: 2, 3, 3, 10 → median the 2nd (3), p90 the ⌈3.6⌉ = 4th (10).
    assert (received.exits, received.median, received.p90) == (4, 3, 10)


def test_backlog_follows_the_standard(book: Book) -> None:
    office_key = f"office-{book.offices['0101'].pk}"
    # With 60 days (old if received before 30 January 2025), A1 and A3 are old; A8 is not.
    short = indicators(unit(book.cast.dej, office_key), Q1, standard_days=60, today=TODAY).total
    assert short.backlog == 2
    assert short.backlog_rate == Decimal("66.7")


def test_an_empty_period_divides_by_nothing(book: Book) -> None:
    empty = indicators(
        unit(book.cast.dej), periods.parse("2019-03"), standard_days=STANDARD, today=TODAY
    )
    total = empty.total
    assert flow(total) == (0, 0, 0, 0, 0)
    assert total.clearance_rate is None
    assert total.disposition_days is None
    assert total.backlog_rate is None
    assert total.complaints_per_100 is None
    assert total.deadlines_met_rate is None
    assert empty.money == []
    assert empty.stages == []


def test_the_page_shows_a_dash_for_an_empty_period(book: Book) -> None:
    page = book.cast.client("dej").get("/statistics/", {"period": "2019-03"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-figure="clearance_rate">—<' in html
    assert 'data-figure="disposition_days">—<' in html
    assert 'data-figure="incoming">0<' in html


def test_the_page_shows_the_figures_in_lao_digits_grouping(book: Book) -> None:
    page = book.cast.client("dej").get("/statistics/", {"period": "2025-Q1", "standard": "365"})
    html = page.content.decode()
    assert 'data-figure="incoming">5<' in html
    assert 'data-figure="clearance_rate">80,0<' in html  # Lao decimal comma
    assert 'data-figure="disposition_days">113<' in html


def test_nearest_rank() -> None:
    # 1, 1, 2, 5, 5, 5, 9 (7 values): median the 4th (5), p90 the ⌈6.3⌉ = 7th (9).
    histogram = [(1, 2), (2, 1), (5, 3), (9, 1)]
    assert nearest_rank(histogram, 7, 0.5) == 5
    assert nearest_rank(histogram, 7, 0.9) == 9
    assert nearest_rank([], 0, 0.5) is None


def test_an_unknown_unit_is_not_found(book: Book) -> None:
    with pytest.raises(AccessDenied):
        unit(book.cast.dej, "office-999999")
    with pytest.raises(AccessDenied):
        unit(book.cast.dej, "district-1")
    with pytest.raises(AccessDenied):
        unit(book.cast.trainer)
