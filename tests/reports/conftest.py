"""The hand-built caseload of the statistics tests (its cases are described in
test_indicators.py, with the figures each indicator must give)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from ejcms.cases.choices import (
    CaseSource,
    DeadlineBearer,
    DecisionKind,
    Outcome,
    State,
    TimelineKind,
)
from ejcms.cases.models import (
    Complaint,
    Deadline,
    Decision,
    EnforcementCase,
    LegalRule,
    TimelineEvent,
)
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import MeasureKind, MeasureStatus
from ejcms.measures.models import Measure
from ejcms.org.models import Office
from tests.conftest import Cast, court

D = date


class Book:
    """The hand-built caseload: cases by name."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.cases: dict[str, EnforcementCase] = {}
        self.offices = {code: Office.objects.get(code=code) for code in ("0101", "0102", "0601")}
        # The officers of the data set (heads are not counted as officers).
        self.o1, self.o2 = cast.officer, cast.officer2
        cast.outsider_district  # noqa: B018 - an officer of 0102
        cast.outsider_province  # noqa: B018 - an officer of 0601

    def case(
        self,
        name: str,
        office: str,
        received: date,
        closed: date | None = None,
        outcome: str = "",
        officer: User | None = None,
    ) -> EnforcementCase:
        decision = Decision.objects.create(
            court=court("06" if office == "0601" else "01"),
            number=f"{name}/ສປ",
            number_key=f"{name}/ສປ",
            decided_on=received,
            final_on=received,
            kind=DecisionKind.CIVIL,
            operative_part="ໃຫ້ຊຳລະໜີ້ ໃຫ້ແກ່ເຈົ້າໜີ້",
        )
        case = EnforcementCase.objects.create(
            office=self.offices[office],
            register_year=received.year,
            register_number=len(self.cases) + 1,
            decision=decision,
            source=CaseSource.COURT,
            received_on=received,
            state=State.CLOSED if closed else State.COMPULSORY,
            state_since=closed or received,
            closed_on=closed,
            outcome=outcome,
            assigned_officer=officer,
        )
        self.cases[name] = case
        return case

    def money(self, name: str, kind: str, amount: str, currency: str, on: date) -> LedgerEntry:
        case = self.cases[name]
        return LedgerEntry.objects.create(
            case=case,
            office=case.office,
            kind=kind,
            amount=Decimal(amount),
            currency=currency,
            on=on,
        )

    def reverse(self, entry: LedgerEntry, on: date) -> None:
        LedgerEntry.objects.create(
            case=entry.case,
            office=entry.office,
            kind=entry.kind,
            amount=-entry.amount,
            currency=entry.currency,
            on=on,
            reverses=entry,
        )

    def exit(self, name: str, stage: str, on: date, days: int) -> None:
        TimelineEvent.objects.create(
            case=self.cases[name],
            kind=TimelineKind.TRANSITION,
            transition="test",
            from_state=stage,
            to_state=State.COMPULSORY,
            on=on,
            at=on.isoformat() + "T09:00:00+07:00",
            stage_days=days,
        )

    def deadline(
        self,
        name: str,
        due: date,
        met: date | None = None,
        *,
        bearer: str = DeadlineBearer.OFFICE,
        cancelled: date | None = None,
    ) -> None:
        Deadline.objects.create(
            case=self.cases[name],
            key="order",
            bearer=bearer,
            rule=LegalRule.objects.first(),
            started_on=D(2024, 12, 1),
            due_on=due,
            met_on=met,
            cancelled_on=cancelled,
        )

    def complaint(self, name: str, filed: date) -> None:
        Complaint.objects.create(
            case=self.cases[name],
            filed_on=filed,
            complainant="debtor",
            against="order",
            summary="ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ບໍ່ເຫັນດີນຳຄຳສັ່ງ",
        )

    def eviction(self, name: str, status: str, done: date | None) -> None:
        Measure.objects.create(
            case=self.cases[name],
            kind=MeasureKind.EVICTION,
            status=status,
            ordered_on=D(2024, 12, 15),
            done_on=done,
        )


def build_book(cast: Cast) -> Book:
    """The caseload described in test_indicators.py."""
    b = Book(cast)
    b.case("A1", "0101", D(2023, 6, 1), officer=b.o1)
    b.case("A2", "0101", D(2024, 10, 15), D(2025, 2, 10), Outcome.FULLY_ENFORCED, b.o1)
    b.case("A3", "0101", D(2025, 1, 20), officer=b.o1)
    b.case("A4", "0101", D(2025, 2, 1), D(2025, 3, 15), Outcome.PARTLY_ENFORCED, b.o2)
    b.case("A5", "0101", D(2024, 1, 1), D(2024, 12, 31), Outcome.FULLY_ENFORCED, b.o1)
    b.case("A6", "0101", D(2025, 4, 2), officer=b.o1)
    b.case("A7", "0101", D(2024, 12, 1), D(2025, 3, 31), Outcome.IMPOSSIBLE, b.o2)
    b.case("A8", "0101", D(2025, 3, 31))
    b.case("B1", "0102", D(2025, 2, 15))
    b.case("B2", "0102", D(2022, 5, 5), D(2025, 1, 1), Outcome.WAIVED)
    b.case("C1", "0601", D(2025, 3, 1))

    b.money("A2", EntryKind.PRINCIPAL, "10000000", "LAK", D(2024, 10, 15))
    b.money("A2", EntryKind.PAYMENT, "10000000", "LAK", D(2025, 2, 5))
    b.money("A4", EntryKind.PRINCIPAL, "4000000", "LAK", D(2025, 2, 1))
    b.money("A4", EntryKind.COURT_FEE, "80000", "LAK", D(2025, 2, 1))
    b.money("A4", EntryKind.PAYMENT, "1000000", "LAK", D(2025, 3, 1))
    wrong = b.money("A4", EntryKind.PAYMENT, "500000", "LAK", D(2025, 3, 1))
    b.reverse(wrong, D(2025, 3, 2))
    b.money("A7", EntryKind.PRINCIPAL, "1000", "USD", D(2024, 12, 1))
    b.money("A7", EntryKind.PAYMENT, "250", "USD", D(2024, 12, 20))
    b.money("A1", EntryKind.PRINCIPAL, "2000000", "LAK", D(2023, 6, 1))
    b.money("A1", EntryKind.PAYMENT, "300000", "LAK", D(2025, 1, 10))

    for name, days in (("A2", 2), ("A3", 3), ("A4", 3), ("B1", 10), ("C1", 40)):
        b.exit(name, State.RECEIVED, D(2025, 2, 20), days)
    b.exit("A1", State.RECEIVED, D(2024, 12, 30), 99)  # before the period
    b.exit("A2", State.COMPULSORY, D(2025, 2, 10), 100)

    b.deadline("A2", D(2025, 1, 10), D(2025, 1, 9))  # met
    b.deadline("A3", D(2025, 1, 25), D(2025, 1, 25))  # met on the day
    b.deadline("A4", D(2025, 2, 5), D(2025, 2, 7))  # missed: met late
    b.deadline("A1", D(2025, 3, 20))  # missed: still open after the day
    b.deadline("A8", D(2025, 4, 15))  # due after the period
    b.deadline("A3", D(2025, 3, 28), cancelled=D(2025, 3, 1))  # cancelled
    b.deadline("A3", D(2025, 2, 1), bearer=DeadlineBearer.DEBTOR)  # the debtor's

    b.complaint("A2", D(2025, 2, 20))
    b.complaint("A1", D(2025, 3, 5))
    b.complaint("A1", D(2024, 11, 1))  # before the period

    b.eviction("A4", MeasureStatus.DONE, D(2025, 3, 10))
    b.eviction("A1", MeasureStatus.DONE, D(2025, 4, 5))  # after the period
    b.eviction("A3", MeasureStatus.ORDERED, None)  # not carried out
    return b


@pytest.fixture
def book(cast: Cast) -> Book:
    return build_book(cast)
