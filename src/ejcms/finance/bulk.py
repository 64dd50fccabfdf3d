"""A national caseload for measuring: up to millions of cases written with bulk inserts, the
same for the same seed. Each case has its court decision, a creditor and a debtor with Lao
names (and their Latin transliterations, spelt the several ways people spell them), a money
obligation, the amount due and what was paid in the ledger, its registration and its first
step in the timeline, spread over every district office and ten years; cases older than 18
months are mostly closed, with an outcome. Unlike `demo.py`, nothing goes through the
services (they take a case a few milliseconds; this writes thousands a second), so the data
has no measures, documents or steps beyond the first; it is for benchmarks, never for an
office's real work.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ejcms.cases.choices import (
    CaseSource,
    DecisionKind,
    ObligationKind,
    ObligationStatus,
    Outcome,
    PartyKind,
    PartyRole,
    State,
    TimelineKind,
)
from ejcms.cases.demo import TARGETS
from ejcms.cases.models import (
    CaseParty,
    Decision,
    EnforcementCase,
    Obligation,
    Party,
    RegisterCounter,
    TimelineEvent,
)
from ejcms.core.text import number_key, search_key
from ejcms.finance.choices import EntryKind, PaymentMethod
from ejcms.finance.models import LedgerEntry
from ejcms.org.models import Court, Office

# Syllables of Lao names with their usual transliterations (the first is the commonest).
SYLLABLES: list[tuple[str, tuple[str, ...]]] = [
    ("ສຸກ", ("Souk", "Suk")),
    ("ສະ", ("sa",)),
    ("ຫວັນ", ("vanh", "van", "vane")),
    ("ພົມ", ("Phom", "Pom")),
    ("ມະ", ("ma",)),
    ("ຈັນ", ("chanh", "chan")),
    ("ແກ້ວ", ("Keo", "Kaew")),
    ("ວົງ", ("vong", "wong")),
    ("ສາ", ("sa",)),
    ("ສີ", ("Si", "See")),
    ("ຫາ", ("ha",)),
    ("ລາດ", ("lath", "lat")),
    ("ບຸນ", ("Boun", "Bun")),
    ("ມີ", ("my", "mi")),
    ("ທອງ", ("Thong", "Tong")),
    ("ໄຊ", ("xay", "say", "sai")),
    ("ພອນ", ("phone", "phon")),
    ("ຄຳ", ("Kham", "Kam")),
    ("ແສງ", ("Seng", "Saeng")),
    ("ດາວ", ("Dao",)),
    ("ເຮືອງ", ("heuang", "huang")),
    ("ອິນ", ("In",)),
    ("ທະ", ("tha", "ta")),
    ("ນະ", ("na",)),
    ("ໂນ", ("no",)),
    ("ທຳ", ("tham", "tam")),
    ("ລີ", ("ly", "li")),
    ("ວັນ", ("vanh", "van")),
    ("ນີ", ("ny", "ni")),
    ("ດວງ", ("Douang", "Duang")),
    ("ຫຼວງ", ("Louang", "Luang")),
    ("ພູ", ("Phou", "Phu")),
    ("ຈຳ", ("Cham",)),
    ("ປາ", ("pa",)),
    ("ໜູ", ("Nou", "Nu")),
    ("ໝັ້ນ", ("man",)),
    ("ຊົມ", ("xom", "som")),
    ("ເພັດ", ("phet", "pet")),
]
TITLES = [("ທ່ານ", "Mr"), ("ນາງ", "Ms"), ("ທ້າວ", "Mr")]
COMPANY_WORDS = [("ບໍລິສັດ", "Company"), ("ຮ້ານ", "Shop"), ("ສະຫະກອນ", "Cooperative")]


@dataclass(frozen=True)
class BulkResult:
    cases: int
    parties: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0


def _word(rng: random.Random, low: int, high: int) -> tuple[str, str]:
    """A Lao word of a few syllables and one of its transliterations."""
    parts = [rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))]
    lao = "".join(p[0] for p in parts)
    latin = "".join(rng.choice(p[1]) if rng.random() < 0.3 else p[1][0] for p in parts)
    return lao, latin.capitalize()


def _name(rng: random.Random, organisation: bool) -> tuple[str, str]:
    if organisation:
        kind_lo, kind_en = rng.choice(COMPANY_WORDS)
        word_lo, word_en = _word(rng, 2, 3)
        return f"{kind_lo} {word_lo}", f"{word_en} {kind_en}"
    title_lo, title_en = rng.choice(TITLES)
    given_lo, given_en = _word(rng, 1, 3)
    family_lo, family_en = _word(rng, 2, 4)
    return f"{title_lo} {given_lo} {family_lo}", f"{title_en} {given_en} {family_en}"


def _states(rng: random.Random) -> list[State]:
    states = [state for state, weight in TARGETS for _ in range(weight)]
    return [rng.choice(states) for _ in range(1000)]


OUTCOMES = [
    Outcome.FULLY_ENFORCED,
    Outcome.PARTLY_ENFORCED,
    Outcome.IMPOSSIBLE,
    Outcome.WAIVED,
    Outcome.ANNULLED,
]
OUTCOME_WEIGHTS = [45, 20, 17, 13, 5]
# The share of the amount due paid, by outcome (closed cases) or state (open ones).
PAID_SHARE: dict[str, float] = {
    Outcome.FULLY_ENFORCED: 1.0,
    Outcome.PARTLY_ENFORCED: 0.4,
    State.COMPULSORY: 0.2,
}


def bulk_cases(
    *, cases: int, seed: int = 1, as_of: date | None = None, batch: int = 5000
) -> BulkResult:
    """Write `cases` cases with bulk inserts, in batches of `batch` (each its own transaction)."""
    started = timezone.now()
    rng = random.Random(seed)
    as_of = as_of or timezone.localdate()
    offices = list(
        Office.objects.filter(level=Office.Level.DISTRICT, is_active=True)
        .select_related("province")
        .order_by("code")
    )
    if not offices:
        raise ValueError("No district office: load the reference data first (ejcms setup).")
    courts = {c.province_id: c for c in Court.objects.filter(level=Court.Level.PROVINCIAL)}
    fallback_court = Court.objects.order_by("pk").first()
    if fallback_court is None:
        raise ValueError("No court: load the reference data first (ejcms setup).")
    # The capital's offices take more cases, as they do.
    province_code = {o.pk: o.province.code if o.province else "00" for o in offices}
    weights = [5 if province_code[o.pk] == "01" else 1 for o in offices]
    states = _states(rng)
    next_number: dict[tuple[int, int], int] = defaultdict(int)
    for office_id, year, last in RegisterCounter.objects.values_list(
        "office_id", "year", "last_number"
    ):
        next_number[(office_id, year)] = last
    span = 10 * 365
    parties_written = 0
    at = timezone.now()
    for start in range(0, cases, batch):
        size = min(batch, cases - start)
        with transaction.atomic():
            chosen = rng.choices(offices, weights=weights, k=size)
            received = [as_of - timedelta(days=rng.randrange(span)) for _ in range(size)]
            decisions = []
            for index in range(size):
                office = chosen[index]
                day = received[index]
                number = f"{start + index + 1}/ສປ-{province_code[office.pk]}"
                decisions.append(
                    Decision(
                        court=courts.get(office.province_id, fallback_court),
                        number=number,
                        number_key=number_key(number),
                        decided_on=day - timedelta(days=60),
                        final_on=day - timedelta(days=20),
                        kind=DecisionKind.CIVIL,
                        operative_part="ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະໜີ້ ໃຫ້ແກ່ເຈົ້າໜີ້.",
                    )
                )
            Decision.objects.bulk_create(decisions, batch_size=1000)
            rows = []
            for index in range(size):
                office = chosen[index]
                day = received[index]
                key = (office.pk, day.year)
                next_number[key] += 1
                state = states[(start + index) % len(states)]
                # Old cases are mostly finished, as they are in an office's register.
                if (as_of - day).days > 540 and rng.random() < 0.85:
                    state = State.REFUSED if rng.random() < 0.03 else State.CLOSED
                closed = state in (State.CLOSED, State.REFUSED)
                rows.append(
                    EnforcementCase(
                        office=office,
                        register_year=day.year,
                        register_number=next_number[key],
                        decision=decisions[index],
                        source=CaseSource.COURT,
                        received_on=day,
                        state=state,
                        state_since=min(day + timedelta(days=rng.randrange(1, 200)), as_of),
                        closed_on=min(day + timedelta(days=rng.randrange(30, 400)), as_of)
                        if closed
                        else None,
                        outcome=(
                            Outcome.REFUSED
                            if state == State.REFUSED
                            else rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
                            if closed
                            else ""
                        ),
                    )
                )
            EnforcementCase.objects.bulk_create(rows, batch_size=1000)
            parties, links, obligations, events, ledger = [], [], [], [], []
            for case in rows:
                for position, role in enumerate((PartyRole.CREDITOR, PartyRole.DEBTOR)):
                    organisation = role == PartyRole.CREDITOR and rng.random() < 0.3
                    name_lo, name_latin = _name(rng, organisation)
                    parties.append(
                        Party(
                            kind=PartyKind.ORGANISATION if organisation else PartyKind.PERSON,
                            name_lo=name_lo,
                            name_latin=name_latin,
                            search_text=search_key(f"{name_lo} {name_latin}")[:410],
                            id_document_type="id_card",
                            id_document_number=(
                                f"{rng.randrange(1, 18):02d}-{rng.randrange(10**6):06d}"
                            ),
                        )
                    )
                    links.append((case, role, position))
                amount = Decimal(rng.randrange(1, 500)) * Decimal(1_000_000)
                obligations.append(
                    Obligation(
                        case=case,
                        kind=ObligationKind.PAY_MONEY,
                        amount=amount,
                        currency="LAK",
                        status=ObligationStatus.FULFILLED
                        if case.state == State.CLOSED
                        else ObligationStatus.OPEN,
                    )
                )
                events.append(
                    TimelineEvent(
                        case=case,
                        kind=TimelineKind.REGISTERED,
                        on=case.received_on,
                        at=at,
                        payload={"register": case.register_label},
                    )
                )
                if case.state != State.RECEIVED:
                    # Leaving the first stage, with the days spent in it (for the statistics).
                    days = min(rng.randrange(1, 15), (case.state_since - case.received_on).days)
                    events.append(
                        TimelineEvent(
                            case=case,
                            kind=TimelineKind.TRANSITION,
                            transition="bulk",
                            from_state=State.RECEIVED,
                            to_state=case.state,
                            on=case.received_on + timedelta(days=days),
                            at=at,
                            stage_days=days,
                        )
                    )
                ledger.append(
                    LedgerEntry(
                        case=case,
                        office_id=case.office_id,
                        obligation=obligations[-1],
                        kind=EntryKind.PRINCIPAL,
                        amount=amount,
                        currency="LAK",
                        on=case.received_on,
                    )
                )
                paid = PAID_SHARE.get(case.outcome or case.state, 0.0)
                if paid:
                    ledger.append(
                        LedgerEntry(
                            case=case,
                            office_id=case.office_id,
                            obligation=obligations[-1],
                            kind=EntryKind.PAYMENT,
                            amount=(amount * Decimal(str(paid))).quantize(Decimal(1000)),
                            currency="LAK",
                            method=PaymentMethod.CASH,
                            on=case.closed_on or case.state_since,
                        )
                    )
            Party.objects.bulk_create(parties, batch_size=2000)
            CaseParty.objects.bulk_create(
                [
                    CaseParty(case=case, party=party, role=role, position=position)
                    for (case, role, position), party in zip(links, parties, strict=True)
                ],
                batch_size=2000,
            )
            Obligation.objects.bulk_create(obligations, batch_size=2000)
            TimelineEvent.objects.bulk_create(events, batch_size=2000)
            LedgerEntry.objects.bulk_create(ledger, batch_size=2000)
            parties_written += len(parties)
    with transaction.atomic():
        for (office_id, year), last in next_number.items():
            RegisterCounter.objects.update_or_create(
                office_id=office_id, year=year, defaults={"last_number": last}
            )
    seconds = (timezone.now() - started).total_seconds()
    return BulkResult(cases=cases, parties=parties_written, seconds=seconds)
