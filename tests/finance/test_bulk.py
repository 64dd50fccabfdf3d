"""The national caseload written in bulk for benchmarks: complete cases, register numbers that
follow each office's register, the same data for the same seed, and found by search."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Max
from django.utils import timezone

from ejcms.cases.choices import Outcome, PartyRole, TimelineKind
from ejcms.cases.models import (
    CaseParty,
    EnforcementCase,
    Party,
    RegisterCounter,
    TimelineEvent,
)
from ejcms.finance.bulk import bulk_cases
from ejcms.finance.choices import EntryKind as LedgerKind
from ejcms.finance.models import LedgerEntry
from ejcms.search.models import EntryKind, SearchEntry

AS_OF = date(2026, 11, 30)


def _names() -> list[str]:
    return list(Party.objects.order_by("pk").values_list("name_lo", flat=True))


@pytest.mark.django_db
def test_every_case_is_complete_and_numbered_in_its_office_register():
    result = bulk_cases(cases=300, seed=5, as_of=AS_OF, batch=120)
    assert result.cases == 300
    assert EnforcementCase.objects.count() == 300
    roles = CaseParty.objects.values("case").annotate(n=Count("pk")).values_list("n", flat=True)
    assert set(roles) == {2}
    assert CaseParty.objects.filter(role=PartyRole.DEBTOR).count() == 300
    assert not EnforcementCase.objects.filter(obligations__isnull=True).exists()
    assert not EnforcementCase.objects.filter(events__isnull=True).exists()
    for row in EnforcementCase.objects.values("office", "register_year").annotate(
        n=Count("pk"), top=Max("register_number")
    ):
        # Numbers 1..n in each office's register for the year, none skipped.
        assert row["top"] == row["n"]
        counter = RegisterCounter.objects.get(office=row["office"], year=row["register_year"])
        assert counter.last_number == row["n"]
    oldest = EnforcementCase.objects.order_by("received_on").first()
    assert oldest is not None
    assert (AS_OF - oldest.received_on).days < 3650
    # What the statistics count: closed cases have a date and an outcome; each case owes its
    # obligation in the ledger; the fully enforced paid it all; steps carry their days.
    closed = EnforcementCase.objects.filter(closed_on__isnull=False)
    assert closed.exists()
    assert not closed.filter(outcome="").exists()
    assert not EnforcementCase.objects.filter(closed_on__isnull=True).exclude(outcome="").exists()
    old = EnforcementCase.objects.filter(received_on__lt=date(2025, 1, 1))
    assert closed.filter(received_on__lt=date(2025, 1, 1)).count() > old.count() / 2
    for case in EnforcementCase.objects.filter(outcome=Outcome.FULLY_ENFORCED)[:20]:
        due = LedgerEntry.objects.get(case=case, kind=LedgerKind.PRINCIPAL)
        paid = LedgerEntry.objects.get(case=case, kind=LedgerKind.PAYMENT)
        assert due.amount == case.obligations.get().amount == paid.amount
    assert LedgerEntry.objects.filter(kind=LedgerKind.PRINCIPAL).count() == 300
    left = TimelineEvent.objects.filter(kind=TimelineKind.TRANSITION)
    assert left.exists()
    assert not left.filter(stage_days__isnull=True).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_names_and_search_finds_them():
    bulk_cases(cases=50, seed=9, as_of=AS_OF)
    first = _names()
    CaseParty.objects.all().delete()
    Party.objects.all().delete()
    bulk_cases(cases=50, seed=9, as_of=AS_OF)
    assert _names()[-100:] == first
    call_command("search_reindex", missing=True, verbosity=0)
    assert (
        SearchEntry.objects.filter(kind=EntryKind.CASE).count() == EnforcementCase.objects.count()
    )
    debtor = Party.objects.order_by("pk").last()
    assert debtor is not None
    assert SearchEntry.objects.filter(kind=EntryKind.PARTY, title=debtor.name_lo).exists()


@pytest.mark.django_db
def test_rows_written_below_the_orm_read_back_as_the_services_would_write_them():
    from django.contrib.auth.models import User

    from ejcms.cases.models import Decision
    from ejcms.core.text import number_key, search_key
    from ejcms.documents.models import IssuedDocument
    from ejcms.documents.models import RegisterCounter as DocumentCounter

    signer = User.objects.create_user("ສົມພອນ")
    bulk_cases(cases=200, seed=3, as_of=AS_OF, batch=70)
    for decision in Decision.objects.all():
        assert decision.number_key == number_key(decision.number)
        assert "ສປ" in decision.number
    for party in Party.objects.all():
        assert party.search_text == search_key(f"{party.name_lo} {party.name_latin}")
    case = EnforcementCase.objects.select_related("decision").order_by("pk").first()
    assert case is not None
    assert case.created_at.date() == case.received_on
    event = case.events.get(kind=TimelineKind.REGISTERED)
    assert event.payload == {"register": case.register_label}
    # A notice to the debtor was issued in every case that left its first stage, numbered in
    # its office's register of notices for the year.
    moved = EnforcementCase.objects.exclude(state="received")
    assert IssuedDocument.objects.count() == moved.count() > 0
    for row in IssuedDocument.objects.values("office", "year").annotate(
        n=Count("pk"), top=Max("number")
    ):
        assert row["top"] == row["n"]
        counter = DocumentCounter.objects.get(
            office=row["office"], kind="notice_to_debtor", year=row["year"]
        )
        assert counter.last_number == row["n"]
    assert set(IssuedDocument.objects.values_list("issued_by", flat=True)) == {signer.pk}
    # Each case's first time limit, met once it moved on; an open stage's time limit running.
    from ejcms.cases.models import Deadline

    calls = Deadline.objects.filter(key="call_parties")
    assert calls.count() == 200
    assert not Deadline.objects.exclude(office=F("case__office")).exists()
    assert not calls.filter(met_on__isnull=True).exclude(case__state="received").exists()
    running = Deadline.objects.filter(met_on__isnull=True).exclude(key="call_parties")
    assert set(running.values_list("case__state", flat=True)) <= {
        "ordered",
        "planned",
        "notified",
        "compliance",
        "compulsory",
        "suspended",
    }
    assert (
        running.count()
        == EnforcementCase.objects.filter(
            state__in=["ordered", "planned", "notified", "compliance", "compulsory", "suspended"]
        ).count()
    )
    # The ids were given by hand: the database's own numbering continues after them.
    extra = Decision.objects.create(
        court=case.decision.court,
        number="1/ສປ-99",
        number_key=number_key("1/ສປ-99"),
        decided_on=AS_OF,
        final_on=AS_OF,
        kind=case.decision.kind,
    )
    assert extra.pk > case.decision.pk
    assert LedgerEntry.objects.values("pk").count() == LedgerEntry.objects.count()


@pytest.mark.django_db
def test_made_in_a_second_process_the_data_are_the_same():
    from ejcms.cases.models import Decision

    def rows() -> list[tuple[object, ...]]:
        return list(
            EnforcementCase.objects.order_by("pk").values_list(
                "office__code",
                "register_number",
                "received_on",
                "state",
                "outcome",
                "decision__number",
                "case_parties__party__name_lo",
            )
        )

    bulk_cases(cases=120, seed=4, as_of=AS_OF, batch=50, parallel=False)
    alone = rows()
    LedgerEntry.objects.all().delete()
    TimelineEvent.objects.all().delete()
    EnforcementCase.objects.all().delete()
    Decision.objects.all().delete()
    Party.objects.all().delete()
    RegisterCounter.objects.all().delete()
    bulk_cases(cases=120, seed=4, as_of=AS_OF, batch=50, parallel=True)
    assert rows() == alone
    assert len(alone) == 240


@pytest.mark.django_db
def test_values_that_need_escaping_are_written_as_they_are():
    from ejcms.core.bulk_insert import BulkTable, next_id, reset_sequences

    names = ["ທ່ານ ກ\tຂ", "back\\slash \\N", "two\nlines\r", "ບໍລິສັດ 'ຄຳ' \"ແສງ\""]
    first = next_id(Party)
    table = BulkTable(Party, ["id", "created_at", "modified_at", "kind", "name_lo"])
    at = timezone.now()
    table.write([(first + n, at, at, "person", name) for n, name in enumerate(names)])
    reset_sequences([Party])
    assert list(Party.objects.order_by("pk").values_list("name_lo", flat=True)) == names
    assert Party.objects.create(kind="person", name_lo="ນາງ ດາວ").pk == first + len(names)
