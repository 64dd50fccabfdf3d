"""Demonstration data: staff in a few offices and realistic cases in every stage.

Cases are created and moved through the real services, as officers would, so the demo shows
exactly what the system does. The result is the same for the same seed and reference date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from ejcms.cases.choices import (
    CaseSource,
    ComplaintAgainst,
    ComplaintDecision,
    DecisionKind,
    IdDocumentType,
    NoticeMethod,
    ObligationKind,
    PartyKind,
    PartyRole,
    RefusalGround,
    State,
    SuspensionGround,
    TerminationGround,
)
from ejcms.cases.models import Deadline, EnforcementCase
from ejcms.cases.services import (
    DecisionData,
    ObligationData,
    PartyData,
    case_register,
    case_transition,
    complaint_decide,
    complaint_record,
)
from ejcms.cases.workflow import TransitionInput
from ejcms.core.calendar import WorkingCalendar
from ejcms.core.errors import ApplicationError
from ejcms.org.models import Court, Office, StaffProfile, Village
from ejcms.org.roles import Position, Role
from ejcms.org.selectors import calendar_for
from ejcms.org.services import staff_create

DEMO_PASSWORD = "ejcms-demo-2026"

# District offices with staff in the demo: the capital, Luang Prabang, Savannakhet, Pakse.
DEMO_DISTRICTS = ["0101", "0102", "0104", "0601", "1301", "1601"]
DEMO_PROVINCES = ["01", "06", "13", "16"]

MALE = [
    ("ສົມສັກ", "Somsak"),
    ("ບຸນມີ", "Bounmy"),
    ("ຄຳພອນ", "Khamphone"),
    ("ສີສະຫວາດ", "Sisavath"),
    ("ພູວົງ", "Phouvong"),
    ("ວັນໄຊ", "Vanxay"),
    ("ທອງລາ", "Thongla"),
    ("ສຸກສະຫວັນ", "Souksavanh"),
    ("ແສງທອງ", "Sengthong"),
    ("ບຸນເຫຼືອ", "Bounleua"),
    ("ໄຊສົມພອນ", "Xaysomphone"),
    ("ອຳພອນ", "Amphone"),
]
FEMALE = [
    ("ມະນີວັນ", "Manivanh"),
    ("ບົວພັນ", "Bouaphanh"),
    ("ແສງເດືອນ", "Sengdeuane"),
    ("ຈັນທະລາ", "Chanthala"),
    ("ວຽງສະໄໝ", "Viengsamay"),
    ("ພອນສະຫວັນ", "Phonesavanh"),
    ("ດາວເຮືອງ", "Daoheuang"),
    ("ສຸດາລັດ", "Soudalath"),
    ("ນິດຕະຍາ", "Nittaya"),
    ("ແກ້ວມະນີ", "Keomany"),
    ("ຄຳແພງ", "Khampheng"),
]
FAMILY = [
    ("ພົມມະຈັນ", "Phommachanh"),
    ("ສີຫາລາດ", "Sihalath"),
    ("ວົງສາ", "Vongsa"),
    ("ແກ້ວວົງສາ", "Keovongsa"),
    ("ສຸວັນນະວົງ", "Souvannavong"),
    ("ອິນທະວົງ", "Inthavong"),
    ("ພິມມະສອນ", "Phimmasone"),
    ("ຈັນທະວົງ", "Chanthavong"),
    ("ລາດສະວົງ", "Latsavong"),
    ("ສີສຸລາດ", "Sisoulath"),
    ("ມະໂນທຳ", "Manotham"),
    ("ໄຊຍະສານ", "Xayasane"),
    ("ດວງມະນີ", "Douangmany"),
    ("ຫຼວງລາດ", "Louanglath"),
]
COMPANIES = [
    ("ພູສີ ກໍ່ສ້າງ", "Phousi Construction"),
    ("ດາວລາວ ການຄ້າ", "Daolao Trading"),
    ("ແສງອາລຸນ ຂົນສົ່ງ", "Sengaloun Transport"),
    ("ລ້ານຊ້າງ ພັດທະນາ", "Lanxang Development"),
    ("ນ້ຳງື່ມ ກະສິກຳ", "Nam Ngum Agriculture"),
    ("ເຊໂດນ ວັດສະດຸ", "Xedon Materials"),
    ("ມີໄຊ ໄມ້ແປຮູບ", "Mixay Timber"),
    ("ຈຳປາ ສິນເຊື່ອ", "Champa Microfinance"),
]

# How demo cases are spread over the stages (weights).
TARGETS = [
    (State.RECEIVED, 8),
    (State.VOLUNTARY, 9),
    (State.ORDERED, 7),
    (State.PLANNED, 7),
    (State.NOTIFIED, 7),
    (State.COMPLIANCE, 8),
    (State.COMPULSORY, 20),
    (State.SUSPENDED, 8),
    (State.TERMINATED, 6),
    (State.CLOSED, 15),
    (State.REFUSED, 3),
]
PATH = {
    State.VOLUNTARY: ["call_parties"],
    State.ORDERED: ["call_parties", "record_noncompliance", "issue_order"],
    State.PLANNED: ["call_parties", "record_noncompliance", "issue_order", "complete_study"],
    State.NOTIFIED: [
        "call_parties",
        "record_noncompliance",
        "issue_order",
        "complete_study",
        "notify",
    ],
}
PATH[State.COMPLIANCE] = [*PATH[State.NOTIFIED], "start_compliance"]
PATH[State.COMPULSORY] = [*PATH[State.COMPLIANCE], "start_compulsory"]
PATH[State.SUSPENDED] = [*PATH[State.ORDERED], "suspend"]
PATH[State.TERMINATED] = [*PATH[State.COMPULSORY], "terminate"]
PATH[State.CLOSED] = [*PATH[State.TERMINATED], "close", "record_closure_notice"]
PATH[State.REFUSED] = ["refuse_request"]
PATH[State.RECEIVED] = []
HEAD_STEPS = {"issue_order", "suspend", "terminate", "close", "refuse_request", "resume"}


@dataclass(frozen=True)
class DemoResult:
    staff: int
    cases: int
    by_state: dict[str, int]


def _person(rng: random.Random) -> tuple[str, str]:
    family_lo, family_en = rng.choice(FAMILY)
    if rng.random() < 0.5:
        given_lo, given_en = rng.choice(MALE)
        return f"ທ່ານ {given_lo} {family_lo}", f"Mr {given_en} {family_en}"
    given_lo, given_en = rng.choice(FEMALE)
    return f"ນາງ {given_lo} {family_lo}", f"Ms {given_en} {family_en}"


def demo_staff(*, seed: int = 1) -> list[StaffProfile]:
    """Create the demo users (idempotent: existing usernames are kept)."""
    rng = random.Random(seed)
    user_model = get_user_model()
    plan: list[tuple[str, str, str, str]] = [
        ("supervisor", "00", Role.SUPERVISOR, Position.DEPUTY_DIRECTOR_GENERAL),
        ("admin", "00", Role.ADMIN, Position.IT_ADMINISTRATOR),
        ("auditor", "00", Role.AUDITOR, Position.INSPECTOR),
        ("trainer", "00", Role.TRAINER, Position.TRAINER),
    ]
    for code in DEMO_PROVINCES:
        plan.append((f"head-{code}", code, Role.HEAD, Position.HEAD))
    for code in DEMO_DISTRICTS:
        plan.append((f"head-{code}", code, Role.HEAD, Position.HEAD))
        plan.append((f"clerk-{code}", code, Role.CLERK, Position.CLERK))
        for number in (1, 2, 3):
            plan.append((f"officer-{code}-{number}", code, Role.OFFICER, Position.OFFICER))
    profiles = []
    created: list[int] = []
    for username, office_code, role, position in plan:
        name_lo, name_en = _person(rng)
        existing = StaffProfile.objects.filter(user__username=username).first()
        if existing is not None:
            profiles.append(existing)
            continue
        if user_model.objects.filter(username=username).exists():
            continue
        profile = staff_create(
            actor=None,
            username=username,
            password=None,
            office=Office.objects.get(code=office_code),
            role=role,
            position=position,
            full_name_lo=name_lo,
            full_name_en=name_en,
            phone=f"020 {rng.randint(2000, 9999)} {rng.randint(1000, 9999)}",
        )
        profiles.append(profile)
        created.append(profile.user_id)
    # One password for every demo account: hash it once rather than 38 times (PBKDF2 is slow
    # on purpose), and set it on the new accounts only.
    user_model.objects.filter(pk__in=created).update(password=make_password(DEMO_PASSWORD))
    return profiles


def _party(rng: random.Random, role: PartyRole, office: Office, organisation: bool) -> PartyData:
    district = office.district
    villages = (
        list(Village.objects.filter(district=district).order_by("code")[:80]) if district else []
    )
    village = rng.choice(villages) if villages else None
    if organisation:
        name_lo, name_en = rng.choice(COMPANIES)
        return PartyData(
            role=role,
            kind=PartyKind.ORGANISATION,
            name_lo=f"ບໍລິສັດ {name_lo} ຈຳກັດ",
            name_latin=f"{name_en} Co., Ltd",
            id_document_type=IdDocumentType.ENTERPRISE,
            id_document_number=f"{rng.randint(1, 18):02d}-{rng.randint(10000, 99999)}",
            province=office.province,
            district=district,
            village=village,
            address_detail=f"ໜ່ວຍ {rng.randint(1, 30)}",
            phone=f"021 {rng.randint(200000, 999999)}",
        )
    name_lo, name_en = _person(rng)
    return PartyData(
        role=role,
        kind=PartyKind.PERSON,
        name_lo=name_lo,
        name_latin=name_en,
        id_document_type=rng.choice([IdDocumentType.ID_CARD, IdDocumentType.FAMILY_BOOK]),
        id_document_number=f"{rng.randint(100000000, 999999999)}",
        province=office.province,
        district=district,
        village=village,
        address_detail=f"ເຮືອນເລກທີ {rng.randint(1, 250)}, ໜ່ວຍ {rng.randint(1, 30)}",
        phone=f"020 {rng.randint(2000, 9999)} {rng.randint(1000, 9999)}",
    )


def _obligations(rng: random.Random, kind: DecisionKind) -> tuple[list[ObligationData], str]:
    if kind == DecisionKind.CRIMINAL:
        damages = Decimal(rng.randrange(2, 120)) * Decimal("1000000")
        fine = Decimal(rng.randrange(1, 20)) * Decimal("1000000")
        return (
            [
                ObligationData(kind=ObligationKind.PAY_MONEY, amount=damages, currency="LAK"),
                ObligationData(kind=ObligationKind.FINE, amount=fine, currency="LAK"),
            ],
            "ໃຫ້ຈຳເລີຍໃຊ້ແທນຄ່າເສຍຫາຍທາງແພ່ງ ແລະ ປະຕິບັດໂທດປັບໃໝ ຕາມຄຳຕັດສິນ.",
        )
    choice = rng.random()
    if choice < 0.55:
        amount = Decimal(rng.randrange(5, 900)) * Decimal("1000000")
        fee = (amount * Decimal("0.02")).quantize(Decimal("1"))
        return (
            [
                ObligationData(kind=ObligationKind.PAY_MONEY, amount=amount, currency="LAK"),
                ObligationData(kind=ObligationKind.COURT_FEES, amount=fee, currency="LAK"),
            ],
            "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະໜີ້ໃຫ້ແກ່ເຈົ້າໜີ້ ພ້ອມທັງຄ່າທຳນຽມສານ.",
        )
    if choice < 0.7:
        amount = Decimal(rng.randrange(500, 90000)) * Decimal("1")
        return (
            [ObligationData(kind=ObligationKind.PAY_MONEY, amount=amount, currency="USD")],
            "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະເງິນເປັນໂດລາສະຫະລັດ ໃຫ້ແກ່ເຈົ້າໜີ້.",
        )
    if choice < 0.82:
        amount = Decimal(rng.randrange(10, 2000)) * Decimal("1000")
        return (
            [ObligationData(kind=ObligationKind.PAY_MONEY, amount=amount, currency="THB")],
            "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະເງິນເປັນບາດ ໃຫ້ແກ່ເຈົ້າໜີ້.",
        )
    if choice < 0.92:
        return (
            [
                ObligationData(
                    kind=ObligationKind.VACATE,
                    description="ຍົກຍ້າຍອອກຈາກເຮືອນ ແລະ ດິນ ຕາມໃບຕາດິນເລກທີ "
                    f"{rng.randint(1000, 99999)} ແລະ ມອບໃຫ້ເຈົ້າໜີ້",
                )
            ],
            "ໃຫ້ຜູ້ຢູ່ອາໄສ ຍົກຍ້າຍອອກຈາກເຮືອນ ແລະ ມອບທີ່ດິນຄືນໃຫ້ແກ່ເຈົ້າໜີ້.",
        )
    return (
        [
            ObligationData(
                kind=ObligationKind.HAND_OVER,
                description=f"ມອບລົດໃຫຍ່ ທະບຽນ ກຂ {rng.randint(1000, 9999)} ໃຫ້ແກ່ເຈົ້າໜີ້",
            )
        ],
        "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ມອບຊັບສິນໃຫ້ແກ່ເຈົ້າໜີ້ ຕາມຄຳຕັດສິນ.",
    )


def _step_date(
    rng: random.Random, calendar: WorkingCalendar, after: date, deadline: Deadline | None
) -> date:
    """When the officer acts: usually within the time limit, sometimes late."""
    if deadline is not None and rng.random() < 0.8:
        span = max((deadline.due_on - after).days, 1)
        return calendar.next_working_day(after + timedelta(days=rng.randint(1, span)))
    return calendar.next_working_day(after + timedelta(days=rng.randint(2, 25)))


class DemoHooks(Protocol):
    """What later modules add to a demo case: assets, measures, money."""

    def before_step(
        self, case: EnforcementCase, name: str, data: TransitionInput, actor: User
    ) -> None: ...

    def after_drive(self, case: EnforcementCase, as_of: date) -> None: ...


def _drive(
    case: EnforcementCase,
    target: State,
    *,
    rng: random.Random,
    head: User,
    as_of: date,
    calendar: WorkingCalendar,
    hooks: DemoHooks | None = None,
) -> None:
    """Take the steps towards `target` while their dates stay on or before `as_of`."""
    on = case.received_on
    for name in PATH[target]:
        case.refresh_from_db()
        open_deadline = (
            case.deadlines.filter(met_on__isnull=True, cancelled_on__isnull=True)
            .order_by("due_on")
            .first()
        )
        on = _step_date(rng, calendar, on, open_deadline)
        if name == "start_compliance" and case.notice_deemed_on:
            on = max(on, case.notice_deemed_on)
        if name == "start_compulsory":
            period = case.deadlines.get(key="compliance_period", cancelled_on__isnull=True)
            on = calendar.next_working_day(period.due_on + timedelta(days=rng.randint(1, 12)))
        if on > as_of:
            return
        actor = (
            head if name in HEAD_STEPS or case.assigned_officer is None else case.assigned_officer
        )
        data = TransitionInput(
            on=on,
            notice_method=rng.choice(list(NoticeMethod)) if name == "notify" else "",
            ground=_ground(rng, name),
            note="ບົດບັນທຶກລົງລາຍເຊັນແລ້ວ." if name == "call_parties" else "",
        )
        try:
            if hooks is not None:
                hooks.before_step(case, name, data, actor)
            case_transition(actor=actor, case=case, name=name, data=data)
        except ApplicationError:
            return


def _ground(rng: random.Random, name: str) -> str:
    if name == "suspend":
        return rng.choice(
            [
                SuspensionGround.NO_MEANS,
                SuspensionGround.WHEREABOUTS_UNKNOWN,
                SuspensionGround.ILLNESS,
            ]
        )
    if name == "terminate":
        return rng.choice(
            [TerminationGround.FULLY_ENFORCED] * 5
            + [TerminationGround.PARTIES_AGREED, TerminationGround.CREDITOR_WAIVED]
        )
    if name == "refuse_request":
        return rng.choice(list(RefusalGround))
    return ""


def demo_cases(
    *, count: int, seed: int, as_of: date, hooks: DemoHooks | None = None
) -> list[EnforcementCase]:
    rng = random.Random(seed)
    offices = list(
        Office.objects.filter(code__in=DEMO_DISTRICTS)
        .select_related("province", "district")
        .order_by("code")
    )
    states = [state for state, _weight in TARGETS]
    weights = [weight for _state, weight in TARGETS]
    created: list[EnforcementCase] = []
    for index in range(count):
        office = offices[index % len(offices)]
        clerk = StaffProfile.objects.get(user__username=f"clerk-{office.code}").user
        head = StaffProfile.objects.get(user__username=f"head-{office.code}").user
        target = rng.choices(states, weights)[0]
        source = (
            CaseSource.REQUEST
            if target == State.REFUSED or rng.random() < 0.15
            else CaseSource.COURT
        )
        kind = rng.choices(
            [
                DecisionKind.CIVIL,
                DecisionKind.CRIMINAL,
                DecisionKind.MEDIATION,
                DecisionKind.ECONOMIC,
            ],
            [60, 25, 10, 5],
        )[0]
        received_on = as_of - timedelta(
            days=rng.randint(0, 420) if target != State.RECEIVED else rng.randint(0, 8)
        )
        final_on = received_on - timedelta(days=rng.randint(3, 45))
        decided_on = final_on - timedelta(days=rng.randint(20, 120))
        courts = list(
            Court.objects.filter(province=office.province).order_by("level", "name_lo")
        ) or list(Court.objects.order_by("pk")[:1])
        court = rng.choice(courts)
        obligations, operative = _obligations(rng, kind)
        only_state = all(
            o.kind in {ObligationKind.FINE, ObligationKind.COURT_FEES} for o in obligations
        )
        parties = [
            _party(rng, PartyRole.DEBTOR, office, organisation=rng.random() < 0.2),
        ]
        if not only_state:
            parties.insert(
                0, _party(rng, PartyRole.CREDITOR, office, organisation=rng.random() < 0.35)
            )
        if rng.random() < 0.1:
            parties.append(_party(rng, PartyRole.THIRD_PARTY, office, organisation=False))
        with transaction.atomic():
            case = case_register(
                actor=clerk,
                decision=DecisionData(
                    court=court,
                    number=f"{rng.randint(1, 480)}/ສປ",
                    decided_on=decided_on,
                    final_on=final_on,
                    kind=kind,
                    operative_part=operative,
                ),
                parties=parties,
                obligations=obligations,
                source=source,
                received_on=received_on,
                allow_duplicate=True,
            )
            _drive(
                case,
                target,
                rng=rng,
                head=head,
                as_of=as_of,
                calendar=calendar_for(office.province_id),
                hooks=hooks,
            )
            if hooks is not None:
                case.refresh_from_db()
                hooks.after_drive(case, as_of)
        created.append(case)
    return created


def demo_load(*, cases: int, seed: int, as_of: date, hooks: DemoHooks | None = None) -> DemoResult:
    profiles = demo_staff(seed=seed)
    created = demo_cases(count=cases, seed=seed, as_of=as_of, hooks=hooks)
    demo_complaints(created, as_of=as_of)
    by_state: dict[str, int] = {}
    for case in EnforcementCase.objects.filter(pk__in=[c.pk for c in created]):
        by_state[case.state] = by_state.get(case.state, 0) + 1
    return DemoResult(staff=len(profiles), cases=len(created), by_state=by_state)


# What parties write to the next higher level, for the demo's complaints.
COMPLAINTS = [
    (PartyRole.DEBTOR, ComplaintAgainst.ORDER, "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ບໍ່ເຫັນດີນຳຄຳສັ່ງ ແລະ ຂໍໃຫ້ທົບທວນຄືນ."),
    (PartyRole.CREDITOR, ComplaintAgainst.CONDUCT, "ເຈົ້າໜີ້ ຮ້ອງວ່າ ການປະຕິບັດຊັກຊ້າ ເກີນກຳນົດເວລາ."),
    (PartyRole.DEBTOR, ComplaintAgainst.MEASURE, "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຂໍໃຫ້ຍົກເລີກການອາຍັດບັນຊີເງິນຝາກ."),
]


def demo_complaints(cases: list[EnforcementCase], *, as_of: date) -> None:
    """A few complaints in the demo's ordered cases, the first of them decided by the head."""
    ordered = [c for c in cases if c.noncompliance_on is not None][: len(COMPLAINTS)]
    for index, (case, (who, against, summary)) in enumerate(zip(ordered, COMPLAINTS, strict=False)):
        head = StaffProfile.objects.get(user__username=f"head-{case.office.code}").user
        filed = min(case.state_since, as_of)
        complaint = complaint_record(
            actor=head,
            case=case,
            filed_on=filed,
            complainant=who,
            against=against,
            summary=summary,
        )
        if index == 0:
            complaint_decide(
                actor=head,
                complaint=complaint,
                decided_on=filed,
                decision=ComplaintDecision.REJECTED,
                note="ຄຳສັ່ງ ຖືກຕ້ອງຕາມມາດຕາ 20.",
            )
