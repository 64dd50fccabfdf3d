"""API v1, money: the ledger of a case and a payment recorded through the money tab's service."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ejcms.cases.choices import PartyRole
from ejcms.cases.models import CaseParty, TimelineEvent
from ejcms.core.audit import audit_verify
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.finance.models import LedgerEntry
from ejcms.finance.selectors import case_balances
from ejcms.finance.services import PaymentData, entry_reverse, payment_record
from ejcms.org.roles import Role
from tests.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(cast: Any) -> Any:
    cast.officer  # noqa: B018 - assigned to the case
    return register(cast.clerk, number="211/ສປ")


def _url(case: Any) -> str:
    return f"/api/v1/cases/{ref(case.pk)}/payments/"


def _debtor_link(case: Any) -> CaseParty:
    return case.case_parties.get(role=PartyRole.DEBTOR)


def test_the_ledger_lists_what_is_due_paid_and_reversed(
    cast: Any, case: Any, api_client: Any
) -> None:
    paid = payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(
            amount=Decimal("4000000"),
            currency="LAK",
            method="cash",
            on=date(2025, 4, 2),
            payer=_debtor_link(case).party,
        ),
    )
    entry_reverse(actor=cast.head, entry=paid, on=date(2025, 4, 3), reason="ບັນທຶກຊ້ຳ")
    response = api_client(actions=["money.read"]).get(_url(case))
    assert response.status_code == 200
    rows = response.json()
    assert [(r["kind"], r["amount"], r["currency"]) for r in rows] == [
        ("principal", "15000000.00", "LAK"),
        ("payment", "4000000.00", "LAK"),
        ("payment", "-4000000.00", "LAK"),
    ]
    principal, payment, reversal = rows
    assert principal["receipt"] == ""
    assert principal["reversed"] is False
    assert payment["receipt"] == f"{paid.receipt_number}/2025"
    assert payment["receipt_number"] == paid.receipt_number
    assert payment["on"] == "2025-04-02"
    assert payment["payer"] == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
    assert payment["reversed"] is True
    assert payment["reversed_by"] == reversal["id"]
    assert reversal["reverses"] == payment["id"] == ref(paid.pk)
    assert reversal["reason"] == "ບັນທຶກຊ້ຳ"


def test_a_payment_recorded_through_the_api(cast: Any, case: Any, api_client: Any) -> None:
    api = api_client(actions=["money.read", "money.write"])
    link = _debtor_link(case)
    response = api.post(
        _url(case),
        {
            "amount": "2500000",
            "currency": "LAK",
            "method": "bank_transfer",
            "on": "2025-04-10",
            "payer": ref(link.pk),
            "note": "ໂອນຜ່ານ ທະນາຄານການຄ້າ",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    entry = LedgerEntry.objects.get(case=case, kind="payment")
    assert body["id"] == ref(entry.pk)
    assert body["receipt"] == entry.receipt_label != ""
    assert (body["amount"], body["method"], body["payer"]) == (
        "2500000.00",
        "bank_transfer",
        "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
    )
    assert entry.recorded_by == api.new.client.user
    assert entry.payer == link.party
    assert case_balances(case)["LAK"].outstanding == Decimal("12500000")
    # In the ledger, with its audit record and its timeline entry.
    ledger = api.get(_url(case)).json()
    assert ref(entry.pk) in [row["id"] for row in ledger]
    record = AuditRecord.objects.get(action="finance.payment", object_id=str(entry.pk))
    assert record.actor == api.new.client.user
    assert record.payload["receipt"] == entry.receipt_label
    assert TimelineEvent.objects.filter(case=case, kind="money").exists()
    assert audit_verify().intact


def test_the_same_idempotency_key_records_one_payment(case: Any, api_client: Any) -> None:
    api = api_client(actions=["money.write"])
    body = {
        "amount": "1000000",
        "currency": "LAK",
        "method": "cash",
        "on": "2025-04-10",
        "idempotency_key": str(uuid.uuid4()),
    }
    first = api.post(_url(case), body)
    again = api.post(_url(case), body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert LedgerEntry.objects.filter(case=case, kind="payment").count() == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "Enter an amount greater than zero."),
        ("-500", "Enter an amount greater than zero."),
        ("12.5", "LAK has at most 0 decimals."),
        ("ສິບລ້ານ", "A valid number is required."),
    ],
)
def test_a_bad_amount_is_named(case: Any, api_client: Any, amount: str, message: str) -> None:
    api = api_client(actions=["money.write"], language="en")
    response = api.post(
        _url(case), {"amount": amount, "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["fields"] == {"amount": [message]}
    assert body["message"] == message
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()


def test_the_services_refusals_name_their_field_in_lao(case: Any, api_client: Any) -> None:
    api = api_client(actions=["money.write"])
    future = api.post(
        _url(case), {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2099-01-01"}
    )
    assert future.status_code == 400
    assert list(future.json()["fields"]) == ["on"]
    assert future["Content-Language"] == "lo"
    too_much = api.post(
        _url(case), {"amount": "16000000", "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    )
    assert too_much.status_code == 400
    assert list(too_much.json()["fields"]) == ["amount"]
    assert "15000000" in too_much.json()["fields"]["amount"][0]
    stranger = api.post(
        _url(case),
        {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2025-04-10", "payer": "x"},
    )
    assert stranger.status_code == 400
    assert list(stranger.json()["fields"]) == ["payer"]
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()


def test_another_province_case_is_not_found(case: Any, api_client: Any) -> None:
    far = api_client(office="0601", actions=["money.read", "money.write"])
    assert far.get(_url(case)).status_code == 404
    response = far.post(
        _url(case), {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()
    assert api_client().get(_url(case)).status_code == 200


def test_each_method_needs_its_action(case: Any, api_client: Any) -> None:
    reader = api_client(actions=["money.read"])
    payment = {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    refused = reader.post(_url(case), payment)
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    writer = api_client(actions=["money.write"], name="ລະບົບ ການເງິນ")
    assert writer.get(_url(case)).status_code == 403
    assert api_client(actions=["cases.read"], name="ລະບົບ ຄະດີ").get(_url(case)).status_code == 403
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()


def test_a_role_that_may_not_cash_is_refused(case: Any, api_client: Any) -> None:
    auditor = api_client(role=Role.AUDITOR, actions=["money.read", "money.write"])
    assert auditor.get(_url(case)).status_code == 200
    response = auditor.post(
        _url(case), {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    )
    assert response.status_code == 403
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()


def test_the_browser_session_records_like_the_page(cast: Any, case: Any) -> None:
    clerk = cast.client("clerk")
    response = clerk.post(
        _url(case),
        {"amount": "1000000", "currency": "LAK", "method": "cash", "on": "2025-04-10"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert LedgerEntry.objects.get(case=case, kind="payment").recorded_by == cast.clerk
    assert cast.client("outsider_province").get(_url(case)).status_code == 404


def test_the_province_reads_the_ledger_but_records_nothing(case: Any, api_client: Any) -> None:
    division = api_client(office="01", actions=["money.read", "money.write"])
    assert division.get(_url(case)).status_code == 200
    response = division.post(
        _url(case), {"amount": "1000", "currency": "LAK", "method": "cash", "on": "2025-04-10"}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not LedgerEntry.objects.filter(case=case, kind="payment").exists()
