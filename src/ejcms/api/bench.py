"""`ejcms bench` for intake: a court's decision registered through the API (checks, register
number, parties, the decision's PDF kept, audit), rolled back each time, against the same SQL
run bare."""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from ejcms.api.services import api_client_create
from ejcms.core.api_actions import ApiAction
from ejcms.core.bench import Rollback, against_bare, header
from ejcms.org.bench import bench_client
from ejcms.org.models import Court, Office
from ejcms.org.roles import Position, Role

# The smallest document the intake accepts as a PDF.
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _body(court: int, number: int) -> dict[str, Any]:
    return {
        "decision": {
            "court": court,
            "number": f"{number}/ສປ-ທົດສອບ",
            "decided_on": "2026-01-10",
            "final_on": "2026-02-10",
            "kind": "civil",
            "operative_part": "ໃຫ້ ທ່ານ ສີສະຫວາດ ພົມມະຈັນ ຊຳລະເງິນ 15.000.000 ກີບ ໃຫ້ ທະນາຄານ",
        },
        "parties": [
            {"role": "creditor", "kind": "organisation", "name_lo": "ທະນາຄານ ພັດທະນາລາວ"},
            {
                "role": "debtor",
                "kind": "person",
                "name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
                "name_latin": "Sisavath Phommachanh",
                "province": "01",
                "district": "0101",
            },
        ],
        "obligations": [{"kind": "pay_money", "amount": "15000000", "currency": "LAK"}],
        "decision_pdf": base64.b64encode(PDF).decode(),
    }


def _register(client: Client, body: dict[str, Any]) -> None:
    response = client.post("/api/v1/intake/decisions/", body, content_type="application/json")
    if response.status_code != 201:
        raise AssertionError(f"intake: {response.status_code} {response.content[:300]!r}")


def bench_intake(runs: int = 30) -> list[str]:
    lines = [header("intake (whole stack)")]
    court = Court.objects.filter(level=Court.Level.PROVINCIAL, province__code="01").first()
    central = Office.objects.filter(level=Office.Level.CENTRAL).first()
    if court is None or central is None:
        return [*lines, "no reference data: run `ejcms setup`"]
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                # An officer to be given the case, as in an office.
                bench_client("bench-intake-officer", "0101", Role.OFFICER, Position.OFFICER)
                new = api_client_create(
                    actor=None,
                    name="ລະບົບ ສານປະຊາຊົນ ນະຄອນຫຼວງວຽງຈັນ",
                    office=central,
                    role=Role.CLERK,
                    actions=[ApiAction.INTAKE],
                )
                client = Client(HTTP_AUTHORIZATION=f"Bearer {new.token}", HTTP_HOST="localhost")
                calls: list[Callable[[], object]] = [
                    partial(_register, client, _body(court.pk, 900000 + n)) for n in range(runs)
                ]
                line, most = against_bare("court decision (API)", calls, writes=True)
                lines.append(line)
                raise Rollback
        except Rollback:
            pass
    lines.append(f"{most} queries at most; each registration rolled back")
    return lines
