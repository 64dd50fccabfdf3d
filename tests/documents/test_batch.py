"""A month's receipts asked for at once: made by the background worker, with progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.documents.models import BatchStatus, DocumentBatch, IssuedDocument
from ejcms.documents.services import batch_start, document_issue
from ejcms.finance.models import LedgerEntry
from ejcms.finance.services import PaymentData, payment_record
from tests.conftest import register
from tests.documents.conftest import pdf_text


def _pay(case, cast, on, amount="1000000"):
    return payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(amount=Decimal(amount), currency="LAK", method="cash", on=on),
    )


@pytest.mark.django_db(transaction=True)
def test_a_batch_of_receipts_runs_in_the_worker(committed_cast):
    cast = committed_cast
    first = register(cast.clerk)
    second = register(cast.clerk, number="88/ສປ")
    for day in (3, 10, 17):
        _pay(first, cast, date(2025, 3, day))
    _pay(second, cast, date(2025, 3, 20), "2000000")
    _pay(second, cast, date(2025, 4, 2))  # outside the period
    already = LedgerEntry.objects.get(case=first, on=date(2025, 3, 10))
    document_issue(actor=cast.officer, case=first, kind="receipt", subject=f"entry:{already.pk}")

    batch = batch_start(
        actor=cast.head,
        kind="receipt",
        period_from=date(2025, 3, 1),
        period_to=date(2025, 3, 31),
    )
    assert batch.total == 3
    batch.refresh_from_db()
    assert batch.status == BatchStatus.QUEUED
    page = cast.client("head").get(reverse("documents:batch", args=[batch.pk]))
    assert 'http-equiv="refresh"' in page.content.decode()

    call_command("worker", "--batch", verbosity=0)

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE, batch.error
    assert (batch.done, batch.total, batch.percent) == (3, 3, 100)
    made = IssuedDocument.objects.filter(batch=batch).order_by("number")
    entries = LedgerEntry.objects.filter(kind="payment", on__month=3).exclude(pk=already.pk)
    assert [d.number for d in made] == sorted(e.receipt_number for e in entries)
    assert "2.000.000" in pdf_text(made.get(case=second))
    page = cast.client("head").get(reverse("documents:batch", args=[batch.pk]))
    assert 'http-equiv="refresh"' not in page.content.decode()
    assert page.content.decode().count("/pdf/") == 3
    # Asked again, there is nothing left to issue.
    with pytest.raises(ApplicationError):
        batch_start(
            actor=cast.head,
            kind="receipt",
            period_from=date(2025, 3, 1),
            period_to=date(2025, 3, 31),
        )


@pytest.mark.django_db
def test_only_a_head_starts_a_batch_and_sees_only_their_offices(make_case, cast):
    case = make_case()
    _pay(case, cast, date(2025, 3, 3))
    with pytest.raises(AccessDenied):
        batch_start(
            actor=cast.officer,
            kind="receipt",
            period_from=date(2025, 3, 1),
            period_to=date(2025, 3, 31),
        )
    batch = batch_start(
        actor=cast.head, kind="receipt", period_from=date(2025, 3, 1), period_to=date(2025, 3, 31)
    )
    url = reverse("documents:batch", args=[batch.pk])
    assert cast.client("head_other_district").get(url).status_code == 404
    assert cast.client("head_province").get(url).status_code == 200
    assert DocumentBatch.objects.count() == 1


@pytest.mark.django_db
def test_the_batch_form_names_bad_fields(cast):
    response = cast.client("head").post(
        reverse("documents:register"),
        {"kind": "receipt", "period_from": "31/03/2025", "period_to": "01/03/2025"},
    )
    assert response.status_code == 400
    assert not DocumentBatch.objects.exists()
