"""Shared fixtures: the reference data loaded once, and a cast of named users.

The cast follows the hierarchy: an office in Vientiane Capital (Chanthabouly, 0101) with its
officers, head and clerk; another district of the same province (Sikhottabong, 0102); a district
of another province (Luang Prabang city, 0601); the capital's division (01) and the DEJ (00).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.test import Client

from ejcms.cases.choices import CaseSource, DecisionKind, ObligationKind, PartyKind, PartyRole
from ejcms.cases.models import EnforcementCase
from ejcms.cases.services import DecisionData, ObligationData, PartyData, case_register
from ejcms.org.models import Court, Office
from ejcms.org.roles import Position, Role
from ejcms.org.services import reference_load, staff_create
from ejcms.org.two_factor import client_login

PASSWORD = "ລະຫັດ-test-2026"


def seed_reference_data() -> None:
    from ejcms.guidelines.services import law_load

    reference_load()
    law_load()
    # The legal rules are seeded by a data migration; transactional tests flush them.
    for name in (
        "cases.migrations.0002_legal_rules",
        "cases.migrations.0006_measure_rules",
        "training.migrations.0002_framework_v1",
        "training.migrations.0005_modules",
        "training.migrations.0006_module_articles",
    ):
        importlib.import_module(f"ejcms.{name}").seed(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        seed_reference_data()


@pytest.fixture(autouse=True)
def _lao_by_default(settings: Any) -> None:
    settings.LANGUAGE_CODE = "lo"


class Cast:
    """Named users, created on demand: cast.officer, cast.head, cast.outsider_province …"""

    PLAN: dict[str, tuple[str, Role, str, str]] = {
        "officer": ("0101", Role.OFFICER, "ທ່ານ ສົມສັກ ພົມມະຈັນ", "Somsak Phommachanh"),
        "officer2": ("0101", Role.OFFICER, "ນາງ ມະນີວັນ ສີຫາລາດ", "Manivanh Sihalath"),
        "head": ("0101", Role.HEAD, "ທ່ານ ບຸນມີ ວົງສາ", "Bounmy Vongsa"),
        "clerk": ("0101", Role.CLERK, "ນາງ ບົວພັນ ແກ້ວວົງສາ", "Bouaphanh Keovongsa"),
        "auditor_district": ("0101", Role.AUDITOR, "ທ່ານ ວັນໄຊ ອິນທະວົງ", "Vanxay Inthavong"),
        "trainer": ("00", Role.TRAINER, "ນາງ ຈັນທະລາ ພິມມະສອນ", "Chanthala Phimmasone"),
        "admin": ("00", Role.ADMIN, "ທ່ານ ທອງລາ ຈັນທະວົງ", "Thongla Chanthavong"),
        "admin_province": ("06", Role.ADMIN, "ທ່ານ ພູວົງ ລາດສະວົງ", "Phouvong Latsavong"),
        "outsider_district": ("0102", Role.OFFICER, "ທ່ານ ແສງທອງ ສີສຸລາດ", "Sengthong Sisoulath"),
        "head_other_district": ("0102", Role.HEAD, "ນາງ ດາວເຮືອງ ມະໂນທຳ", "Daoheuang Manotham"),
        "outsider_province": ("0601", Role.OFFICER, "ທ່ານ ອຳພອນ ໄຊຍະສານ", "Amphone Xayasane"),
        "head_province": ("01", Role.HEAD, "ນາງ ສຸດາລັດ ດວງມະນີ", "Soudalath Douangmany"),
        "head_other_province": ("06", Role.HEAD, "ທ່ານ ບຸນເຫຼືອ ຫຼວງລາດ", "Bounleua Louanglath"),
        "dej": ("00", Role.SUPERVISOR, "ທ່ານ ຄຳພອນ ສຸວັນນະວົງ", "Khamphone Souvannavong"),
    }

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    def __getattr__(self, name: str) -> User:
        if name.startswith("_") or name not in self.PLAN:
            raise AttributeError(name)
        if name not in self._users:
            office_code, role, name_lo, name_en = self.PLAN[name]
            profile = staff_create(
                actor=None,
                username=name.replace("_", "-"),
                password=PASSWORD,
                office=Office.objects.get(code=office_code),
                role=role,
                position=Position.HEAD if role == Role.HEAD else Position.OFFICER,
                full_name_lo=name_lo,
                full_name_en=name_en,
            )
            self._users[name] = profile.user
        return self._users[name]

    def client(self, name: str) -> Client:
        client = Client()
        client_login(client, getattr(self, name))
        return client


@pytest.fixture
def cast(db: None) -> Cast:
    return Cast()


@pytest.fixture
def committed_cast(transactional_db: None) -> Cast:
    """The cast on committed data (tests of several connections, or of a worker): the reference
    data is seeded again after a transactional test has flushed it."""
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018 - created first, so the least-loaded officer is always this one
    return cast


def court(code: str = "01") -> Court:
    """The people's court of a province (seeded from the reference data)."""
    return Court.objects.get(level=Court.Level.PROVINCIAL, province__code=code)


def party(role: PartyRole, name_lo: str, **extra: Any) -> PartyData:
    return PartyData(role=role, kind=PartyKind.PERSON, name_lo=name_lo, **extra)


def register(
    actor: User,
    *,
    number: str = "125/ສປ",
    received_on: date = date(2025, 3, 3),
    source: CaseSource = CaseSource.COURT,
    parties: list[PartyData] | None = None,
    obligations: list[ObligationData] | None = None,
    allow_duplicate: bool = False,
    court_code: str = "01",
) -> EnforcementCase:
    """A civil case with a creditor, a debtor and a money obligation, through the real service."""
    return case_register(
        actor=actor,
        decision=DecisionData(
            court=court(court_code),
            number=number,
            decided_on=date(2025, 1, 10),
            final_on=date(2025, 2, 14),
            kind=DecisionKind.CIVIL,
            operative_part="ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະໜີ້ 15.000.000 ກີບ ໃຫ້ແກ່ເຈົ້າໜີ້.",
        ),
        parties=parties
        or [
            party(PartyRole.CREDITOR, "ນາງ ແສງເດືອນ ວົງສາ", name_latin="Sengdeuane Vongsa"),
            party(PartyRole.DEBTOR, "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ", name_latin="Sisavath Phommachanh"),
        ],
        obligations=obligations
        or [
            ObligationData(
                kind=ObligationKind.PAY_MONEY, amount=Decimal("15000000"), currency="LAK"
            )
        ],
        source=source,
        received_on=received_on,
        allow_duplicate=allow_duplicate,
    )


@pytest.fixture
def make_case(cast: Cast) -> Callable[..., EnforcementCase]:
    """Register a case in Chanthabouly (0101); the officer `cast.officer` is assigned to it."""

    def _make(**kwargs: Any) -> EnforcementCase:
        cast.officer  # noqa: B018 - created first, so the least-loaded officer is always this one
        return register(kwargs.pop("actor", cast.clerk), **kwargs)

    return _make


# The usual path of a case registered on Monday 3 March 2025, with the date of each act and
# who takes it. Tests move a case along it with `advance`.
STANDARD_PATH: list[tuple[str, date, str, dict[str, str]]] = [
    ("call_parties", date(2025, 3, 5), "officer", {}),
    ("record_noncompliance", date(2025, 3, 11), "officer", {}),
    ("issue_order", date(2025, 3, 12), "head", {}),
    ("complete_study", date(2025, 3, 20), "officer", {}),
    ("notify", date(2025, 3, 24), "officer", {"notice_method": "in_person"}),
    ("start_compliance", date(2025, 3, 24), "officer", {}),
    ("start_compulsory", date(2025, 4, 25), "officer", {}),
    ("terminate", date(2025, 5, 5), "head", {"ground": "fully_enforced"}),
    ("close", date(2025, 5, 6), "head", {}),
    ("record_closure_notice", date(2025, 5, 8), "officer", {}),
]


def settle(case: EnforcementCase, actor: Any, on: date) -> None:
    """Pay what is due in cash and pay it out to the creditors, as a fully enforced case is."""
    from ejcms.finance.selectors import case_balances
    from ejcms.finance.services import PaymentData, payment_record, payout_distribute

    for currency, balance in sorted(case_balances(case).items()):
        if balance.outstanding > 0:
            payment_record(
                actor=actor,
                case=case,
                data=PaymentData(
                    amount=balance.outstanding, currency=currency, method="cash", on=on
                ),
            )
        if case_balances(case)[currency].to_pay_out > 0:
            payout_distribute(actor=actor, case=case, currency=currency, on=on)


def advance(case: EnforcementCase, cast: Cast, until: str) -> EnforcementCase:
    """Take the standard steps not yet taken, in order, up to and including step `until`."""
    from ejcms.cases.services import case_transition
    from ejcms.cases.workflow import TransitionInput

    taken = set(case.events.values_list("transition", flat=True))
    for name, on, who, extra in STANDARD_PATH:
        if name in taken:
            if name == until:
                return case
            continue
        if extra.get("ground") == "fully_enforced":
            settle(case, cast.head, on)
        case = case_transition(
            actor=getattr(cast, who), case=case, name=name, data=TransitionInput(on=on, **extra)
        )
        if name == until:
            return case
    raise AssertionError(f"{until} is not on the standard path")
