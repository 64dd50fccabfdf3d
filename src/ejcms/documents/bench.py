"""`ejcms bench` for documents: how many PDFs a second the office can issue (the receipt and the
seizure minutes), through the real service, against the bare Typst render of the same data.

Everything it creates is rolled back and its files go to a temporary folder: the database it
runs on is left as it was."""

from __future__ import annotations

import resource
import tempfile
import time
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

from ejcms.cases.choices import CaseSource, DecisionKind, ObligationKind, PartyKind, PartyRole
from ejcms.cases.services.intake import DecisionData, ObligationData, PartyData, case_register
from ejcms.core.bench import Rollback, header, row
from ejcms.documents.kinds import KINDS, envelope, find_subject
from ejcms.documents.render import render_source
from ejcms.documents.services import current_template, document_issue
from ejcms.org.models import Court, Office, StaffProfile
from ejcms.org.roles import Role

HEADER = header("PDF (service, SQL, file)", "PDF/s")


def _setup_case() -> tuple[Any, Any]:
    office = Office.objects.filter(level=Office.Level.DISTRICT, code="0101").first()
    if office is None:
        raise SystemExit("No reference data: run `ejcms setup` first.")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench-head-0101", password=None)
    StaffProfile.objects.create(
        user=user,
        office=office,
        role=Role.HEAD,
        position="head",
        full_name_lo="ທ່ານ ບຸນມີ ວົງສາ",
        full_name_en="Bounmy Vongsa",
    )
    court = Court.objects.filter(level=Court.Level.PROVINCIAL, province__code="01").first()
    assert court is not None
    case = case_register(
        actor=user,
        office=office,
        decision=DecisionData(
            court=court,
            number="999/ສປ",
            decided_on=date(2025, 1, 10),
            final_on=date(2025, 2, 14),
            kind=DecisionKind.CIVIL,
            operative_part="ໃຫ້ຊຳລະໜີ້ 15.000.000 ກີບ.",
        ),
        parties=[
            PartyData(
                role=PartyRole.CREDITOR,
                kind=PartyKind.PERSON,
                name_lo="ນາງ ແສງເດືອນ ວົງສາ",
                name_latin="Sengdeuane Vongsa",
            ),
            PartyData(
                role=PartyRole.DEBTOR,
                kind=PartyKind.PERSON,
                name_lo="ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
                name_latin="Sisavath Phommachanh",
            ),
        ],
        obligations=[
            ObligationData(
                kind=ObligationKind.PAY_MONEY, amount=Decimal("15000000"), currency="LAK"
            )
        ],
        source=CaseSource.COURT,
        received_on=date(2025, 3, 3),
        allow_duplicate=True,
    )
    return case, user


def _bench_kind(case: Any, user: Any, kind: str, subjects: list[str]) -> str:
    spec = KINDS[kind]
    template = current_template(kind, date.today())
    samples: list[float] = []
    bare: list[float] = []
    for key in subjects:
        start = time.perf_counter()
        document_issue(actor=user, case=case, kind=kind, subject=key)
        samples.append(time.perf_counter() - start)
        subject = find_subject(spec, case, key)
        assert subject is not None
        data = envelope(
            case,
            spec,
            number="1/0101/2026",
            issued_on=date.today(),
            subject=subject,
            extra={},
            replaces=None,
        )
        start = time.perf_counter()
        render_source(template.source, data)
        bare.append(time.perf_counter() - start)
    return row(spec.key, samples, bare, rate=True)


def bench_documents(n: int = 40) -> list[str]:
    """Issue `n` receipts and `n` seizure minutes; return the table's lines."""
    from ejcms.finance.services import PaymentData, payment_record
    from ejcms.measures.services.orders import ItemData, seizure_order

    lines: list[str] = [HEADER]
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                case, user = _setup_case()
                payments = []
                for day in range(n):
                    entry = payment_record(
                        actor=user,
                        case=case,
                        data=PaymentData(
                            amount=Decimal(100000 + day),
                            currency="LAK",
                            method="cash",
                            on=date(2025, 3, 3),
                            accept_overpayment=True,
                        ),
                    )
                    payments.append(f"entry:{entry.pk}")
                seizures = []
                for number in range(n):
                    measure = seizure_order(
                        actor=user,
                        case=case,
                        on=date(2025, 4, 29),
                        items=[
                            ItemData(f"ໂທລະທັດ ຊຳຊຸງ ເຄື່ອງທີ {number}", Decimal(4500000), "LAK"),
                            ItemData("ຕູ້ເຢັນ ພານາໂຊນິກ", Decimal(3200000), "LAK", quantity=2),
                        ],
                    )
                    seizures.append(f"measure:{measure.pk}")
                lines.append(_bench_kind(case, user, "receipt", payments))
                lines.append(_bench_kind(case, user, "seizure_minutes", seizures))
                raise Rollback
        except Rollback:
            pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append(f"peak memory of the process: {peak:.0f} MB; target ≥ 20 PDF/s")
    return lines
