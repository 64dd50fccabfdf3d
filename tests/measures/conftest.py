"""Fixtures of the measures tests: a case under compulsory enforcement since Friday
25 April 2025, its debtor and creditor, and a helper that records an asset of each kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from ejcms.cases.choices import PartyRole, State
from ejcms.cases.models import Deadline, EnforcementCase, Party
from ejcms.cases.services.deadlines import case_calendar
from ejcms.core.calendar import WorkingCalendar
from ejcms.measures.choices import AssetKind, DeclaredBy
from ejcms.measures.models import Asset
from ejcms.measures.services.assets import AssetData, asset_record
from tests.conftest import Cast, advance

# Monday 28 April 2025: the creditor's written information on the debtor's assets (Art. 24).
DECLARED_ON = date(2025, 4, 28)

# What identifies an asset of each kind, with real Lao descriptions.
ASSET_DEFAULTS: dict[str, dict[str, Any]] = {
    AssetKind.LAND: {
        "description": "ທີ່ດິນ ບ້ານໂພນສະອາດ ເມືອງສີສັດຕະນາກ",
        "title_number": "01-0345/2019",
        "area_m2": Decimal("600"),
    },
    AssetKind.BUILDING: {"description": "ເຮືອນ 2 ຊັ້ນ ບ້ານໂພນສະອາດ"},
    AssetKind.VEHICLE: {"description": "ລົດຈັກ ຮອນດ້າ ເວບ 110", "plate": "ກຂ 4521"},
    AssetKind.BANK_ACCOUNT: {
        "description": "ບັນຊີເງິນຝາກປະຢັດ",
        "bank": "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ (BCEL)",
        "branch": "ສາຂາ ຈັນທະບູລີ",
        "account_number": "010-12-00-00123456-001",
    },
    AssetKind.WAGES: {"description": "ເງິນເດືອນ ປະຈຳເດືອນ", "payer_name": "ບໍລິສັດ ລາວໂທລະຄົມ"},
    AssetKind.BUSINESS_INCOME: {
        "description": "ລາຍໄດ້ຈາກຮ້ານຂາຍເຄື່ອງ",
        "payer_name": "ຮ້ານ ສີສະຫວາດ ມິນິມາດ",
    },
    AssetKind.RECEIVABLE: {
        "description": "ເງິນກູ້ທີ່ ທ້າວ ບຸນທັນ ຕິດຄ້າງ",
        "payer_name": "ທ້າວ ບຸນທັນ ແສງສຸລິຍາ",
    },
    AssetKind.MOVABLE: {"description": "ຕູ້ເຢັນ ຊຳຊຸງ 2 ປະຕູ"},
}


def asset_data(kind: str, owner: Party | None, **fields: Any) -> AssetData:
    values: dict[str, Any] = {
        "kind": kind,
        "owner": owner,
        "declared_by": DeclaredBy.CREDITOR,
        "declared_on": DECLARED_ON,
        **ASSET_DEFAULTS[kind],
    }
    values.update(fields)
    return AssetData(**values)


def open_deadlines(case: EnforcementCase, key: str) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            case=case, key=key, met_on__isnull=True, cancelled_on__isnull=True
        ).order_by("pk")
    )


def last_deadline(case: EnforcementCase, key: str) -> Deadline:
    deadline = Deadline.objects.filter(case=case, key=key).order_by("-pk").first()
    assert deadline is not None, f"no {key} deadline"
    return deadline


@pytest.fixture
def case(make_case: Callable[..., EnforcementCase], cast: Cast) -> EnforcementCase:
    """A case of 15.000.000 ກີບ under compulsory enforcement since 25 April 2025."""
    case = advance(make_case(), cast, "start_compulsory")
    assert case.state == State.COMPULSORY
    return case


@pytest.fixture
def calendar(case: EnforcementCase) -> WorkingCalendar:
    return case_calendar(case)


@pytest.fixture
def debtor(case: EnforcementCase) -> Party:
    return case.case_parties.get(role=PartyRole.DEBTOR).party


@pytest.fixture
def creditor(case: EnforcementCase) -> Party:
    return case.case_parties.get(role=PartyRole.CREDITOR).party


@pytest.fixture
def add_asset(case: EnforcementCase, debtor: Party, cast: Cast) -> Callable[..., Asset]:
    """Record an asset of the debtor in `case` through the real service."""

    def _add(kind: str, *, actor: User | None = None, **fields: Any) -> Asset:
        return asset_record(
            actor=actor or cast.officer, case=case, data=asset_data(kind, debtor, **fields)
        )

    return _add
