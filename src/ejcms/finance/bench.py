"""`ejcms bench` for money: recording a payment through the real form (its receipt number,
ledger entry and audit record), rolled back each time, against the same SQL run bare."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from functools import partial

from django.db import transaction
from django.test import Client
from django.utils import timezone

from ejcms.cases.choices import State
from ejcms.cases.models import EnforcementCase
from ejcms.core.bench import Rollback, against_bare, header
from ejcms.core.ids import ref
from ejcms.org.bench import bench_client
from ejcms.org.roles import Position, Role

OFFICE = "0101"


def _pay(client: Client, case_id: int) -> None:
    response = client.post(
        f"/cases/{ref(case_id)}/money/payment/",
        {
            "on": timezone.localdate().strftime("%d/%m/%Y"),
            "amount": "1.500.000",
            "currency": "LAK",
            "method": "cash",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    if response.status_code != 302:
        raise AssertionError(f"payment: {response.status_code}")


def bench_payment(runs: int = 30) -> list[str]:
    lines = [header("money (whole stack)")]
    ids = list(
        EnforcementCase.objects.filter(office__code=OFFICE, state=State.COMPULSORY)
        .order_by("-pk")
        .values_list("pk", flat=True)[:500]
    )
    if not ids:
        return [*lines, f"no case in compulsory enforcement in office {OFFICE}"]
    rng = random.Random(13)
    try:
        with transaction.atomic():
            head = bench_client("bench-cashier", OFFICE, Role.HEAD, Position.HEAD)
            calls: list[Callable[[], object]] = [
                partial(_pay, head, rng.choice(ids)) for _ in range(runs)
            ]
            line, most = against_bare("payment (form)", calls, writes=True)
            lines.append(line)
            raise Rollback
    except Rollback:
        pass
    lines.append(f"{most} queries at most; each payment rolled back")
    return lines
