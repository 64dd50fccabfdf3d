"""Demo data for assets, measures and money, added to the demo cases as officers would:
assets declared by the creditor, frozen, wages deducted, payments received and paid out, and
the money settled before a case is terminated as fully enforced."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from ejcms.cases import demo as cases_demo
from ejcms.cases.choices import (
    MONEY_OBLIGATIONS,
    ObligationStatus,
    PartyRole,
    State,
    TerminationGround,
)
from ejcms.cases.models import EnforcementCase
from ejcms.cases.services.obligations import obligation_mark_done
from ejcms.cases.workflow import TransitionInput
from ejcms.core.errors import ApplicationError
from ejcms.finance.choices import PaymentMethod
from ejcms.finance.selectors import case_balances
from ejcms.finance.services import PaymentData, payment_record, payout_distribute
from ejcms.measures.choices import AssetKind, DeclaredBy, RateBasis
from ejcms.measures.services.assets import AssetData, asset_record
from ejcms.measures.services.orders import deduction_order, freeze_order
from ejcms.org.models import StaffProfile

EMPLOYERS = ["ບໍລິສັດ ລາວໂທລະຄົມ", "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ", "ໂຮງງານຕັດຫຍິບ ວຽງຈັນ"]
BANKS = ["ທະນາຄານການຄ້າຕ່າງປະເທດລາວ (BCEL)", "ທະນາຄານພັດທະນາລາວ", "ທະນາຄານ ຈີດີບີ"]


class MeasuresDemo:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed * 7919 + 1)

    def before_step(
        self, case: EnforcementCase, name: str, data: TransitionInput, actor: User
    ) -> None:
        if name == "terminate" and data.ground == TerminationGround.FULLY_ENFORCED:
            self._settle(case, data.on, actor)

    def after_drive(self, case: EnforcementCase, as_of: date) -> None:
        if case.state != State.COMPULSORY:
            return
        actor = case.assigned_officer or _head(case)
        debtor = case.case_parties.filter(role=PartyRole.DEBTOR).select_related("party").first()
        if debtor is None:
            return
        on = min(case.state_since + timedelta(days=self.rng.randint(1, 10)), as_of)
        rng = self.rng
        try:
            land = asset_record(
                actor=actor,
                case=case,
                data=AssetData(
                    kind=AssetKind.LAND,
                    owner=debtor.party,
                    description="ທີ່ດິນ ແລະ ເຮືອນ " + str(rng.randint(200, 1200)) + " ຕາແມັດ",
                    title_number=f"{rng.randint(1000, 99999):05d}",
                    area_m2=Decimal(rng.randint(200, 1200)),
                    declared_by=DeclaredBy.CREDITOR,
                    declared_on=case.state_since,
                    estimated_value=Decimal(rng.randint(100, 900)) * Decimal("1000000"),
                    currency="LAK",
                ),
            )
            if rng.random() < 0.6:
                freeze_order(actor=actor, asset=land, on=on)
            if rng.random() < 0.5 and debtor.party.kind == "person":
                wages = asset_record(
                    actor=actor,
                    case=case,
                    data=AssetData(
                        kind=AssetKind.WAGES,
                        owner=debtor.party,
                        description="ເງິນເດືອນ",
                        payer_name=rng.choice(EMPLOYERS),
                        declared_by=DeclaredBy.CREDITOR,
                        declared_on=case.state_since,
                    ),
                )
                income = Decimal(rng.randint(3, 12)) * Decimal("1000000")
                rate = Decimal(rng.choice([20, 25, 30]))
                deduction_order(
                    actor=actor,
                    asset=wages,
                    on=on,
                    income=income,
                    currency="LAK",
                    rate=rate,
                    basis=RateBasis.LAW,
                )
                lak = case_balances(case).get("LAK")
                if lak is not None and lak.outstanding > 0:
                    amount = min(income * rate / 100, lak.outstanding)
                    payment_record(
                        actor=actor,
                        case=case,
                        data=PaymentData(
                            amount=amount.quantize(Decimal(1)),
                            currency="LAK",
                            method=PaymentMethod.WAGE_DEDUCTION,
                            on=on,
                        ),
                    )
        except ApplicationError:
            return

    def _settle(self, case: EnforcementCase, on: date, actor: User) -> None:
        for currency, balance in sorted(case_balances(case).items()):
            if balance.outstanding > 0:
                payment_record(
                    actor=actor,
                    case=case,
                    data=PaymentData(
                        amount=balance.outstanding,
                        currency=currency,
                        on=on,
                        method=self.rng.choice([PaymentMethod.CASH, PaymentMethod.BANK_TRANSFER]),
                    ),
                )
            if case_balances(case)[currency].to_pay_out > 0:
                payout_distribute(actor=actor, case=case, currency=currency, on=on)
        for obligation in case.obligations.exclude(kind__in=MONEY_OBLIGATIONS).filter(
            status=ObligationStatus.OPEN
        ):
            obligation_mark_done(
                actor=actor, obligation=obligation, on=on, note="ມອບຊັບ ແລະ ລົງລາຍເຊັນໃນບົດບັນທຶກແລ້ວ."
            )


def _head(case: EnforcementCase) -> User:
    return (
        StaffProfile.objects.select_related("user")
        .get(office=case.office, role="head", user__username=f"head-{case.office.code}")
        .user
    )


def demo_load(*, cases: int, seed: int, as_of: date | None = None) -> cases_demo.DemoResult:
    """The demo cases of every stage, with their assets, measures and money."""
    return cases_demo.demo_load(
        cases=cases, seed=seed, as_of=as_of or timezone.localdate(), hooks=MeasuresDemo(seed)
    )
