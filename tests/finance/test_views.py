"""The money tab, the measures tabs and their action pages, through the real views."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ejcms.cases.choices import PartyRole
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.measures.actions import ACTIONS as MEASURE_ACTIONS
from ejcms.measures.choices import AssetKind, DeclaredBy
from ejcms.measures.services.assets import AssetData, asset_record
from tests.conftest import advance

pytestmark = pytest.mark.django_db

TABS = [
    "measures:assets",
    "measures:measures",
    "measures:valuation",
    "measures:sale",
    "finance:money",
]


@pytest.fixture
def case(make_case, cast):
    return advance(make_case(), cast, "start_compulsory")


@pytest.fixture
def land(case, cast):
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    return asset_record(
        actor=cast.officer,
        case=case,
        data=AssetData(
            kind=AssetKind.LAND,
            owner=debtor,
            description="ທີ່ດິນ ບ້ານໂພນສະອາດ 600 ຕາແມັດ",
            title_number="01234",
            declared_by=DeclaredBy.CREDITOR,
            declared_on=date(2025, 4, 28),
        ),
    )


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_shows_the_case_to_those_who_see_it_and_hides_it_from_others(
    case, land, cast, tab
):
    url = reverse(tab, args=[case.pk])
    page = cast.client("officer").get(url)
    assert page.status_code == 200
    assert case.register_label in page.content.decode()
    assert cast.client("outsider_district").get(url).status_code == 404
    # The province sees the case but acts in nothing.
    province = cast.client("head_province").get(url).content.decode()
    assert "data-action=" not in province


def test_every_measure_action_page_opens_for_the_officer(case, land, cast):
    client = cast.client("officer")
    for name, action in MEASURE_ACTIONS.items():
        if action.lookup is None:
            url = reverse("measures:action", args=[case.pk, name])
        elif name in ("freeze", "valuation_plan", "owner_sale", "advertise", "hand_over"):
            url = reverse("measures:action_on", args=[case.pk, name, land.pk])
        else:
            continue
        response = client.get(url)
        assert response.status_code == 200, name
        assert str(action.label) in response.content.decode()


def test_an_asset_is_recorded_and_frozen_through_the_forms(case, cast):
    client = cast.client("officer")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    url = reverse("measures:action", args=[case.pk, "asset_new"])
    # The land title number is required for land: the form says so and nothing is saved.
    bad = client.post(
        url,
        {
            "kind": "land",
            "owner": debtor.pk,
            "description": "ທີ່ດິນ",
            "declared_by": "creditor",
            "declared_on": "28/04/2025",
            "currency": "LAK",
        },
    )
    assert bad.status_code == 400
    assert case.assets.count() == 0
    assert "title_number" in bad.context["form"].errors
    good = client.post(
        url,
        {
            "kind": "land",
            "owner": debtor.pk,
            "description": "ທີ່ດິນ",
            "title_number": "5566",
            "declared_by": "creditor",
            "declared_on": "28/04/2025",
            "estimated_value": "250.000.000",
            "currency": "LAK",
        },
    )
    assert good.status_code == 302
    asset = case.assets.get()
    assert asset.estimated_value == Decimal("250000000")
    freeze = client.post(
        reverse("measures:action_on", args=[case.pk, "freeze", asset.pk]), {"on": "30/04/2025"}
    )
    assert freeze.status_code == 302
    asset.refresh_from_db()
    assert asset.status == "frozen"


def test_a_payment_form_submitted_twice_records_one_payment(case, cast):
    client = cast.client("clerk")
    url = reverse("finance:action", args=[case.pk, "payment"])
    form = client.get(url).context["form"]
    key = form["idempotency_key"].value()
    data = {
        "on": "02/05/2025",
        "amount": "5.000.000",
        "currency": "LAK",
        "method": "cash",
        "idempotency_key": str(key),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    payments = LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT)
    assert payments.count() == 1
    assert payments.get().amount == Decimal("5000000")


def test_a_refused_payment_names_the_field_in_lao(case, cast):
    client = cast.client("clerk")
    url = reverse("finance:action", args=[case.pk, "payment"])
    response = client.post(
        url, {"on": "02/05/2025", "amount": "100", "currency": "USD", "method": "cash"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "into_currency" in errors
    assert "USD" in errors["into_currency"][0]
    assert not LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).exists()


def test_the_money_tab_offers_termination_once_everything_is_paid_out(case, cast):
    client = cast.client("head")
    money = reverse("finance:money", args=[case.pk])
    assert "fully-enforced" not in client.get(money).content.decode()
    pay = reverse("finance:action", args=[case.pk, "payment"])
    client.post(
        pay,
        {"on": "02/05/2025", "amount": "15.000.000", "currency": "LAK", "method": "bank_transfer"},
    )
    payout = reverse("finance:action", args=[case.pk, "payout"])
    assert client.post(payout, {"on": "05/05/2025", "currency": "LAK"}).status_code == 302
    page = client.get(money).content.decode()
    assert 'id="fully-enforced"' in page
    step = client.get(reverse("cases:step", args=[case.pk, "terminate"]) + "?ground=fully_enforced")
    assert step.context["form"]["ground"].value() == "fully_enforced"


def test_the_cash_book_totals_a_day_per_currency(case, cast):
    client = cast.client("clerk")
    pay = reverse("finance:action", args=[case.pk, "payment"])
    client.post(
        pay, {"on": "02/05/2025", "amount": "5.000.000", "currency": "LAK", "method": "cash"}
    )
    client.post(
        pay, {"on": "02/05/2025", "amount": "1.000.000", "currency": "LAK", "method": "cash"}
    )
    client.post(
        pay, {"on": "03/05/2025", "amount": "2.000.000", "currency": "LAK", "method": "cash"}
    )
    page = cast.client("head").get(reverse("finance:cash_book") + "?day=2025-05-02")
    assert page.status_code == 200
    assert page.context["book"].totals["LAK"] == (Decimal("6000000"), Decimal(0))
    month = cast.client("head").get(reverse("finance:cash_book") + "?day=02/05/2025&period=month")
    assert month.context["book"].totals["LAK"] == (Decimal("8000000"), Decimal(0))
    assert cast.client("officer").get(reverse("finance:cash_book")).status_code == 403


def test_evidence_is_served_only_to_those_who_see_the_case(case, cast, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = cast.client("officer")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    scan = SimpleUploadedFile("ໜັງສືແຈ້ງຊັບ.pdf", b"%PDF-1.4 evidence", "application/pdf")
    response = client.post(
        reverse("measures:action", args=[case.pk, "asset_new"]),
        {
            "kind": "vehicle",
            "owner": debtor.pk,
            "description": "ລົດຈັກ ຮອນດ້າ ເວບ 110",
            "plate": "ກຂ 4521",
            "declared_by": "creditor",
            "declared_on": "28/04/2025",
            "currency": "LAK",
            "evidence": scan,
        },
    )
    assert response.status_code == 302
    asset = case.assets.get()
    url = reverse("measures:evidence", args=[case.pk, asset.pk])
    served = client.get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4 evidence"
    assert cast.client("outsider_district").get(url).status_code == 404
    assert client.get("/media/" + asset.evidence.name).status_code == 404
    # Not a PDF or an image: refused, nothing saved.
    bad = SimpleUploadedFile("x.pdf", b"MZ\x90\x00", "application/pdf")  # a program named .pdf
    refused = client.post(
        reverse("measures:action", args=[case.pk, "asset_new"]),
        {
            "kind": "movable",
            "owner": debtor.pk,
            "description": "ຕູ້ເຢັນ",
            "declared_by": "creditor",
            "declared_on": "28/04/2025",
            "currency": "LAK",
            "evidence": bad,
        },
    )
    assert refused.status_code == 400
    assert "evidence" in refused.context["form"].errors
    assert case.assets.count() == 1


def test_the_money_tab_does_not_query_per_entry(case, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ejcms.finance.services import PaymentData, payment_record

    client = cast.client("head")
    url = reverse("finance:money", args=[case.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def pay() -> None:
        payment_record(
            actor=cast.clerk,
            case=case,
            data=PaymentData(
                amount=Decimal("1000"), currency="LAK", method="cash", on=date(2025, 5, 2)
            ),
        )

    pay()
    few = queries()
    for _ in range(10):
        pay()
    assert queries() == few
