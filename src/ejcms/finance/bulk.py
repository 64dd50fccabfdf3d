"""A national caseload for measuring: up to millions of cases written below the ORM, the
same for the same seed. Each case has its court decision, a creditor and a debtor with Lao
names (and their Latin transliterations, spelt the several ways people spell them), a money
obligation, the amount due and what was paid in the ledger, its registration and its first
step in the timeline, and the notice to the debtor once it left the first stage (the register
entry of the document, without its PDF), spread over every district office and ten years;
cases older than 18 months are mostly closed, with an outcome. Unlike `demo.py`, nothing goes
through the services (they take a case a few milliseconds; this writes thousands a second), so
the data has no measures and no steps beyond the first; it is for benchmarks, never for an
office's real work.
"""

from __future__ import annotations

import functools
import itertools
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
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
    Deadline,
    Decision,
    EnforcementCase,
    LegalRule,
    Obligation,
    Party,
    RegisterCounter,
    TimelineEvent,
)
from ejcms.core.bulk_insert import BulkTable, next_id, produced, reset_sequences
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


def _name_pool(rng: random.Random, size: int, organisation: bool) -> list[tuple[str, str, str]]:
    """`size` names (Lao, Latin, folded for search) drawn once: a national caseload's parties
    share names, as people do, and folding each name once keeps the writing fast."""
    pool = []
    for _ in range(size):
        name_lo, name_latin = _name(rng, organisation)
        pool.append((name_lo, name_latin, search_key(f"{name_lo} {name_latin}")[:410]))
    return pool


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
OUTCOME_CUMULATIVE = list(itertools.accumulate(OUTCOME_WEIGHTS))
# The share of the amount due paid, by outcome (closed cases) or state (open ones).
PAID_SHARE: dict[str, float] = {
    Outcome.FULLY_ENFORCED: 1.0,
    Outcome.PARTLY_ENFORCED: 0.4,
    State.COMPULSORY: 0.2,
}


# The values of one table's rows, in the order of its BulkTable's fields.
Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Batch:
    """One transaction's rows, table by table as the database takes them, and the register
    counters after them."""

    rows: dict[str, list[tuple[Any, ...]] | bytes]
    cases: int
    parties: int
    numbers: dict[tuple[int, int], int]
    documents: dict[tuple[int, int], int]


def _issuer(offices: list[Office]) -> tuple[dict[int, int], int | None]:
    """Who signed a case's documents: the office's head (or any staff of it), else the first
    account; none when there is no account at all (then no documents are written)."""
    from django.contrib.auth.models import User

    from ejcms.org.models import StaffProfile

    by_office: dict[int, int] = {}
    for office_id, user_id in (
        StaffProfile.objects.filter(office__in=offices, is_service_account=False)
        .order_by("office_id", "pk")
        .values_list("office_id", "user_id")
    ):
        by_office.setdefault(office_id, user_id)
    first = User.objects.order_by("pk").values_list("pk", flat=True).first()
    return by_office, first


def bulk_cases(
    *,
    cases: int,
    seed: int = 1,
    as_of: date | None = None,
    batch: int = 5000,
    parallel: bool | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> BulkResult:
    """Write `cases` cases below the ORM (core.bulk_insert), in batches of `batch`, each its
    own transaction: a batch is kept whole or not at all. With `parallel` (by default from
    20,000 cases) the rows are made in a second process while this one writes. `progress` is
    told the cases written and the seconds spent after each batch."""
    from ejcms.documents.models import IssuedDocument
    from ejcms.documents.models import RegisterCounter as DocumentCounter
    from ejcms.documents.services import current_template

    started = time.perf_counter()
    rng = random.Random(seed)
    as_of = as_of or timezone.localdate()
    offices = list(
        Office.objects.filter(level=Office.Level.DISTRICT, is_active=True)
        .select_related("province")
        .order_by("code")
    )
    if not offices:
        raise ValueError("No district office: load the reference data first (ejcms setup).")
    courts = {c.province_id: c.pk for c in Court.objects.filter(level=Court.Level.PROVINCIAL)}
    fallback_court = Court.objects.order_by("pk").values_list("pk", flat=True).first()
    if fallback_court is None:
        raise ValueError("No court: load the reference data first (ejcms setup).")
    # The capital's offices take more cases, as they do.
    province_code = {o.pk: o.province.code if o.province else "00" for o in offices}
    court_of = {o.pk: courts.get(o.province_id, fallback_court) for o in offices}
    weights = [5 if province_code[o.pk] == "01" else 1 for o in offices]
    states = _states(rng)
    next_number: dict[tuple[int, int], int] = defaultdict(int)
    for office_id, year, last in RegisterCounter.objects.values_list(
        "office_id", "year", "last_number"
    ):
        next_number[(office_id, year)] = last
    document_kind = "notice_to_debtor"
    next_document: dict[tuple[int, int], int] = defaultdict(int)
    for office_id, year, last in DocumentCounter.objects.filter(kind=document_kind).values_list(
        "office_id", "year", "last_number"
    ):
        next_document[(office_id, year)] = last
    issuers, first_user = _issuer(offices)
    template = current_template(document_kind, as_of).pk if first_user else None
    tables = {
        "decision": BulkTable(
            Decision,
            [
                "id",
                "created_at",
                "modified_at",
                "court",
                "number",
                "number_key",
                "decided_on",
                "final_on",
                "kind",
                "operative_part",
            ],
        ),
        "case": BulkTable(
            EnforcementCase,
            [
                "id",
                "created_at",
                "modified_at",
                "office",
                "register_year",
                "register_number",
                "decision",
                "source",
                "received_on",
                "state",
                "state_since",
                "closed_on",
                "outcome",
            ],
        ),
        "party": BulkTable(
            Party,
            [
                "id",
                "created_at",
                "modified_at",
                "kind",
                "name_lo",
                "name_latin",
                "search_text",
                "id_document_type",
                "id_document_number",
            ],
        ),
        "link": BulkTable(CaseParty, ["id", "case", "party", "role", "position"]),
        "obligation": BulkTable(
            Obligation,
            ["id", "created_at", "modified_at", "case", "kind", "amount", "currency", "status"],
        ),
        "event": BulkTable(
            TimelineEvent,
            [
                "id",
                "case",
                "kind",
                "transition",
                "from_state",
                "to_state",
                "on",
                "at",
                "payload",
                "stage_days",
            ],
        ),
        "ledger": BulkTable(
            LedgerEntry,
            [
                "id",
                "case",
                "office",
                "obligation",
                "kind",
                "amount",
                "currency",
                "method",
                "on",
                "recorded_at",
            ],
        ),
        "deadline": BulkTable(
            Deadline,
            ["id", "case", "office", "key", "bearer", "rule", "started_on", "due_on", "met_on"],
        ),
        "document": BulkTable(
            IssuedDocument,
            [
                "id",
                "office",
                "case",
                "kind",
                "subject",
                "year",
                "number",
                "register_label",
                "issued_on",
                "issued_at",
                "issued_by",
                "template",
                "data",
                "file",
                "sha256",
                "size",
            ],
        ),
    }
    ids = {name: next_id(table.model) for name, table in tables.items() if name != "document"}
    # Two parties a case, a fifth of them companies; at most 200,000 distinct names.
    people = _name_pool(rng, min(max(2 * cases, 100), 200_000), organisation=False)
    companies = _name_pool(rng, min(max(cases // 3, 30), 30_000), organisation=True)
    number_suffix = {code: number_key(f"/ສປ-{code}") for code in set(province_code.values())}
    if connection.vendor == "sqlite":
        # A larger page cache for the writing connection: the indexes of a million cases do not
        # fit SQLite's default 2 MB, and every insert would read them from the disk again.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-262144")
    elif connection.vendor == "postgresql":
        # Each batch is still written whole or not at all; only the wait for the disk at each
        # commit goes (a power cut may lose the last batches written, never half of one).
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
    operative = "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະໜີ້ ໃຫ້ແກ່ເຈົ້າໜີ້."
    span = 10 * 365
    closed_states = (State.CLOSED, State.REFUSED)

    rules = {
        key: (pk, bearer, days)
        for key, pk in LegalRule.objects.filter(key__in=RULE_DAYS)
        .order_by("effective_from")
        .values_list("key", "pk")
        for bearer, days in [RULE_DAYS[key]]
    }
    if set(rules) != set(RULE_DAYS):
        rules = {}  # the law's rules are not loaded: no time limits

    def batches() -> Iterator[Batch]:
        parties_written = 0
        for start in range(0, cases, batch):
            size = min(batch, cases - start)
            chosen = rng.choices(offices, weights=weights, k=size)
            decisions: Rows = []
            rows: Rows = []
            parties: Rows = []
            links: Rows = []
            obligations: Rows = []
            events: Rows = []
            ledger: Rows = []
            documents: Rows = []
            deadlines: Rows = []
            for index in range(size):
                office = chosen[index]
                office_id = office.pk
                day = as_of - timedelta(days=rng.randrange(span))
                at = _moment(day)
                decision_id = ids["decision"] + start + index
                number = f"{start + index + 1}/ສປ-{province_code[office_id]}"
                decisions.append(
                    (
                        decision_id,
                        at,
                        at,
                        court_of[office_id],
                        number,
                        f"{start + index + 1}{number_suffix[province_code[office_id]]}",
                        day - timedelta(days=60),
                        day - timedelta(days=20),
                        DecisionKind.CIVIL,
                        operative,
                    )
                )
                key = (office_id, day.year)
                next_number[key] += 1
                state = states[(start + index) % len(states)]
                # Old cases are mostly finished, as they are in an office's register.
                if (as_of - day).days > 540 and rng.random() < 0.85:
                    state = State.REFUSED if rng.random() < 0.03 else State.CLOSED
                closed = state in closed_states
                since = min(day + timedelta(days=rng.randrange(1, 200)), as_of)
                closed_on = (
                    min(day + timedelta(days=rng.randrange(30, 400)), as_of) if closed else None
                )
                outcome = (
                    Outcome.REFUSED
                    if state == State.REFUSED
                    else rng.choices(OUTCOMES, cum_weights=OUTCOME_CUMULATIVE)[0]
                    if closed
                    else ""
                )
                case_id = ids["case"] + start + index
                rows.append(
                    (
                        case_id,
                        at,
                        at,
                        office_id,
                        day.year,
                        next_number[key],
                        decision_id,
                        CaseSource.COURT,
                        day,
                        state,
                        since,
                        closed_on,
                        outcome,
                    )
                )
                for position, role in enumerate((PartyRole.CREDITOR, PartyRole.DEBTOR)):
                    organisation = role == PartyRole.CREDITOR and rng.random() < 0.3
                    name_lo, name_latin, folded = rng.choice(companies if organisation else people)
                    party_id = ids["party"] + parties_written + len(parties)
                    parties.append(
                        (
                            party_id,
                            at,
                            at,
                            PartyKind.ORGANISATION if organisation else PartyKind.PERSON,
                            name_lo,
                            name_latin,
                            folded,
                            "id_card",
                            f"{rng.randrange(1, 18):02d}-{rng.randrange(10**6):06d}",
                        )
                    )
                    links.append(
                        (ids["link"] + party_id - ids["party"], case_id, party_id, role, position)
                    )
                amount = Decimal(rng.randrange(1, 500)) * Decimal(1_000_000)
                obligation_id = ids["obligation"] + start + index
                obligations.append(
                    (
                        obligation_id,
                        at,
                        at,
                        case_id,
                        ObligationKind.PAY_MONEY,
                        amount,
                        "LAK",
                        ObligationStatus.FULFILLED
                        if state == State.CLOSED
                        else ObligationStatus.OPEN,
                    )
                )
                register = f"{next_number[key]}/{day.year}"
                events.append(
                    (
                        None,
                        case_id,
                        TimelineKind.REGISTERED,
                        "",
                        "",
                        "",
                        day,
                        at,
                        {"register": register},
                        None,
                    )
                )
                ledger.append(
                    (
                        None,
                        case_id,
                        office_id,
                        obligation_id,
                        EntryKind.PRINCIPAL,
                        amount,
                        "LAK",
                        "",
                        day,
                        at,
                    )
                )
                if state != State.RECEIVED:
                    # Leaving the first stage, with the days spent in it (for the statistics).
                    days = min(rng.randrange(1, 15), (since - day).days)
                    moved = day + timedelta(days=days)
                    events.append(
                        (
                            None,
                            case_id,
                            TimelineKind.TRANSITION,
                            "bulk",
                            State.RECEIVED,
                            state,
                            moved,
                            _moment(moved),
                            {},
                            days,
                        )
                    )
                    if template is not None:
                        year = moved.year
                        next_document[(office_id, year)] += 1
                        number_in_year = next_document[(office_id, year)]
                        documents.append(
                            (
                                uuid.UUID(int=rng.getrandbits(128), version=4),
                                office_id,
                                case_id,
                                document_kind,
                                f"case:{case_id}",
                                year,
                                number_in_year,
                                f"{number_in_year}/{office.code}/{year}",
                                moved,
                                _moment(moved),
                                issuers.get(office_id, first_user),
                                template,
                                {"generated": True},
                                "",
                                "",
                                0,
                            )
                        )
                if rules:
                    # The parties were called within the time limit once the case moved on;
                    # an open case has the time limit of its stage running.
                    moved_on = None if state == State.RECEIVED else day + timedelta(days=days)
                    deadlines.append(
                        _deadline(rules, case_id, office_id, "call_parties", day, moved_on)
                    )
                    if state in STAGE_DEADLINE:
                        deadlines.append(
                            _deadline(rules, case_id, office_id, STAGE_DEADLINE[state], since, None)
                        )
                paid = PAID_SHARE.get(outcome or state, 0.0)
                if paid:
                    on = closed_on or since
                    ledger.append(
                        (
                            None,
                            case_id,
                            office_id,
                            obligation_id,
                            EntryKind.PAYMENT,
                            (amount * Decimal(str(paid))).quantize(Decimal(1000)),
                            "LAK",
                            PaymentMethod.CASH,
                            on,
                            _moment(on),
                        )
                    )
            for rows_of, name in ((events, "event"), (ledger, "ledger"), (deadlines, "deadline")):
                first = ids[name]
                rows_of[:] = [(first + n, *row[1:]) for n, row in enumerate(rows_of)]
                ids[name] = first + len(rows_of)
            parties_written += len(parties)
            by_table = {
                "decision": decisions,
                "case": rows,
                "party": parties,
                "link": links,
                "obligation": obligations,
                "event": events,
                "ledger": ledger,
                "document": documents,
                "deadline": deadlines,
            }
            yield Batch(
                {name: tables[name].prepare(by_table[name]) for name in tables},
                len(rows),
                len(parties),
                dict(next_number),
                dict(next_document),
            )

    parties_written = 0
    written = 0
    # A national caseload is made in a second process while this one writes the batch before.
    in_child = cases >= 20_000 if parallel is None else parallel
    for made in produced(batches(), in_child=in_child):
        with transaction.atomic():
            for name, table in tables.items():
                table.write_prepared(made.rows[name])
            # The counters move with the batch, so that an interrupted run leaves them true.
            _save_counters(RegisterCounter, made.numbers, {})
            _save_counters(DocumentCounter, made.documents, {"kind": document_kind})
        parties_written += made.parties
        written += made.cases
        if progress is not None:
            progress(written, time.perf_counter() - started)
    reset_sequences([table.model for table in tables.values()])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
    return BulkResult(cases=cases, parties=parties_written, seconds=time.perf_counter() - started)


# The time limits the generated cases have running or met, with who bears them and their length
# in calendar days (working days × 7/5, as a week has five).
RULE_DAYS: dict[str, tuple[str, int]] = {
    "call_parties": ("office", 7),
    "study_decision": ("office", 14),
    "notify_debtor": ("office", 7),
    "compliance_period": ("debtor", 30),
    "suspension_notice": ("office", 10),
}
STAGE_DEADLINE = {
    State.ORDERED: "study_decision",
    State.PLANNED: "notify_debtor",
    State.NOTIFIED: "compliance_period",
    State.COMPLIANCE: "compliance_period",
    State.COMPULSORY: "compliance_period",
    State.SUSPENDED: "suspension_notice",
}


def _deadline(
    rules: dict[str, tuple[int, str, int]],
    case_id: int,
    office_id: int,
    key: str,
    start: date,
    met: date | None,
) -> tuple[Any, ...]:
    rule, bearer, days = rules[key]
    return (None, case_id, office_id, key, bearer, rule, start, start + timedelta(days=days), met)


@functools.lru_cache(maxsize=8192)
def _moment(day: date) -> datetime:
    """A working morning of that day (the time things happened at, in generated data)."""
    return timezone.make_aware(datetime.combine(day, MORNING))


MORNING = dt_time(9, 30)


def _save_counters(
    model: type[models.Model], numbers: dict[tuple[int, int], int], extra: dict[str, str]
) -> None:
    """The register counters as the batch left them, in one statement (insert or update)."""
    model.objects.bulk_create(  # type: ignore[attr-defined]
        [
            model(office_id=office_id, year=year, last_number=last, **extra)
            for (office_id, year), last in numbers.items()
        ],
        update_conflicts=True,
        unique_fields=["office", *extra, "year"],
        update_fields=["last_number"],
    )
