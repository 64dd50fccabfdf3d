"""Demo data: realistic, in every stage, and the same for the same seed and date."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from ejcms.cases.choices import State
from ejcms.cases.models import Complaint, EnforcementCase, Party, TimelineEvent
from ejcms.measures.demo import demo_load


def _snapshot():
    rows = EnforcementCase.objects.order_by(
        "office__code", "register_year", "register_number"
    ).values_list(
        "office__code",
        "register_number",
        "state",
        "received_on",
        "decision__number",
        "assigned_officer__username",
        "state_since",
    )
    parties = list(Party.objects.order_by("pk").values_list("name_lo", "village__code"))
    return list(rows), parties


@pytest.mark.django_db
def test_demo_cases_cover_every_stage_with_lao_names_and_several_currencies():
    result = demo_load(cases=90, seed=7, as_of=date(2026, 11, 30))
    assert result.cases == 90
    assert set(result.by_state) == set(State)
    assert all(
        "\u0e80" <= name[0] <= "\u0eff" for name in Party.objects.values_list("name_lo", flat=True)
    )
    currencies = set(EnforcementCase.objects.values_list("obligations__currency", flat=True))
    assert {"LAK", "USD", "THB"} <= currencies
    assert EnforcementCase.objects.values("office__province").distinct().count() >= 3
    # A few complaints, one decided, and the days spent in each stage left behind.
    assert Complaint.objects.count() == 3
    assert Complaint.objects.exclude(decision="").count() == 1
    assert TimelineEvent.objects.filter(stage_days__isnull=False).exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    demo_load(cases=25, seed=3, as_of=date(2026, 11, 30))
    first = _snapshot()
    from ejcms.finance.models import LedgerEntry, ReceiptCounter

    # The ledger is append-only for the application; a test wipes it wholesale.
    from ejcms.measures.models import Asset, Bid, Measure

    Bid.objects.all().delete()
    Measure.objects.all().delete()
    Asset.objects.all().delete()
    LedgerEntry.objects.filter(reverses__isnull=False).delete()
    LedgerEntry.objects.filter(charge__isnull=False).delete()
    LedgerEntry.objects.all().delete()
    ReceiptCounter.objects.all().delete()
    EnforcementCase.objects.all().delete()
    Party.objects.all().delete()
    from ejcms.cases.models import Decision, RegisterCounter

    Decision.objects.all().delete()
    RegisterCounter.objects.all().delete()
    demo_load(cases=25, seed=3, as_of=date(2026, 11, 30))
    assert _snapshot() == first


@pytest.mark.django_db
def test_the_demo_command_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo", cases=1)
