"""Two payments submitted at the same moment, on two database connections (PostgreSQL)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.finance.services import PaymentData, payment_record
from tests.conftest import Cast, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks between two connections are tested on PostgreSQL",
    ),
]

ON = date(2026, 3, 2)


def _at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads (each with its own database connection), released together."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def cast(committed_cast: Cast) -> Cast:
    return committed_cast


def _pay(case, cast, key=None):
    return lambda: payment_record(
        actor=cast.clerk,
        case=case,
        idempotency_key=key,
        data=PaymentData(amount=Decimal("1000000"), currency="LAK", method="cash", on=ON),
    )


def test_two_payments_at_once_get_two_consecutive_receipt_numbers(cast):
    first = register(cast.clerk, number="1/ສປ", allow_duplicate=True)
    second = register(cast.clerk, number="2/ສປ", allow_duplicate=True)
    for _round in range(5):
        results = _at_once(_pay(first, cast), _pay(second, cast), _pay(first, cast))
        assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(
        LedgerEntry.objects.filter(office=first.office, receipt_year=2026).values_list(
            "receipt_number", flat=True
        )
    )
    assert numbers == list(range(1, 16))


def test_a_double_submission_at_once_records_one_payment(cast):
    case = register(cast.clerk, number="3/ສປ", allow_duplicate=True)
    key = uuid.uuid4()
    results = _at_once(_pay(case, cast, key), _pay(case, cast, key))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0].pk == results[1].pk
    assert LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).count() == 1
