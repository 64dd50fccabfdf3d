"""The indicators of enforcement (DOMAIN.md "Statistics"; CEPEJ(2009)11), for a period and a
unit the user may see, with one row per unit one level down.

Everything is counted by aggregate SQL grouped by the unit below: a handful of queries, each
returning one line per province, office or officer, never a case. The total of a unit is the
sum of its rows, so a table and its total always agree. Definitions (docs/statistics.md):

- incoming: cases received in the period; resolved: cases closed (or refused) in it;
- pending at start: received before the start and not closed before it; pending at end:
  received by the end and not closed by it (so pending_end = pending_start + incoming −
  resolved);
- clearance rate = resolved ÷ incoming × 100; disposition time = pending_end ÷ resolved × the
  period's days (× 365 for a year, as CEPEJ writes it);
- backlog: cases pending at the end that were received more than the time standard before it,
  ÷ all pending at the end;
- recovery rate (per currency): of the cases resolved in the period, what was paid ÷ what was
  due (amounts due, court fees and costs, net of reversals); collected: payments received in
  the period;
- deadlines: the office's own statutory deadlines falling due in the period: met (on or before
  the day) and missed (met late, or still open after it);
- complaints per 100 resolved: complaints filed in the period ÷ resolved × 100;
- caseload per officer: pending at the end ÷ the unit's active enforcement officers;
- time in each stage: for each step taken in the period that moved a case out of a stage, the
  days spent in it; the median and the 90th percentile by nearest rank.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from ejcms.cases.choices import (
    STAGE_ORDER,
    DeadlineBearer,
    Outcome,
    State,
)
from ejcms.cases.models import Complaint, Deadline, EnforcementCase, TimelineEvent
from ejcms.core.errors import AccessDenied
from ejcms.finance.choices import CHARGE_KINDS, EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import MeasureKind, MeasureStatus
from ejcms.measures.models import Measure
from ejcms.org.models import Office, Province, StaffProfile
from ejcms.org.roles import Role
from ejcms.org.selectors import AnyUser, office_scope, staff_profile
from ejcms.reports.periods import Period

NATIONAL = "national"
PROVINCE = "province"
OFFICE = "office"
OFFICER = "officer"
LEVELS = (NATIONAL, PROVINCE, OFFICE, OFFICER)
CHILD_LEVEL = {NATIONAL: PROVINCE, PROVINCE: OFFICE, OFFICE: OFFICER}


def backlog_standard_days() -> int:
    """The time standard of the backlog, in days, unless the page asks for another."""
    return int(settings.EJCMS_BACKLOG_STANDARD_DAYS)


@dataclass(frozen=True)
class Unit:
    """What the figures are about: the country, a province, an office or an officer."""

    level: str
    id: int | None
    name: str
    # For an officer: the office whose cases are theirs.
    office_id: int | None = None

    @property
    def ident(self) -> int:
        """The id of a unit that has one (all but the country, and "not assigned")."""
        assert self.id is not None
        return self.id

    @property
    def key(self) -> str:
        return NATIONAL if self.level == NATIONAL else f"{self.level}-{self.id}"

    def cases_q(self, prefix: str = "") -> Q:
        """A filter on EnforcementCase (or on a model whose case is reached by `prefix`)."""
        if self.level == NATIONAL:
            return Q()
        if self.level == PROVINCE:
            offices = Office.objects.filter(province_id=self.ident).values("id")
            return Q(**{f"{prefix}office_id__in": offices})
        if self.level == OFFICE:
            return Q(**{f"{prefix}office_id": self.id})
        return Q(**{f"{prefix}office_id": self.office_id, f"{prefix}assigned_officer_id": self.id})

    def ledger_q(self) -> Q:
        """A filter on ledger entries: the cash books of the unit's offices (for an officer,
        the entries of their cases)."""
        if self.level == OFFICER:
            return Q(office_id=self.office_id, case__assigned_officer_id=self.id)
        return self.cases_q()


def unit_for(user: AnyUser, key: str | None) -> Unit:
    """The unit named by `key` ("national", "province-3", "office-12", "officer-40"), or the
    user's own when none is given. One the user may not see raises AccessDenied (a 404)."""
    scope = office_scope(user)
    profile = staff_profile(user)
    if scope.nothing or profile is None:
        raise AccessDenied(_("Your role does not show statistics."), visible=False)
    if not key:
        if profile.role == Role.OFFICER:
            key = f"{OFFICER}-{user.pk}"
        elif scope.everything:
            key = NATIONAL
        elif scope.province_id is not None:
            key = f"{PROVINCE}-{scope.province_id}"
        else:
            key = f"{OFFICE}-{scope.office_id}"
    level, _sep, raw = key.partition("-")
    hidden = AccessDenied(_("No such statistics."), visible=False)
    if profile.role == Role.OFFICER and level != OFFICER:
        # An officer's statistics are their own cases: the office's page lists every
        # colleague's figures, which are for the head.
        raise hidden
    if level == NATIONAL and not raw:
        if not scope.everything:
            raise hidden
        return Unit(NATIONAL, None, _("Lao PDR"))
    if level not in LEVELS or not raw.isdigit():
        raise hidden
    ident = int(raw)
    if level == PROVINCE:
        province = Province.objects.filter(pk=ident).first()
        if province is None or not (scope.everything or scope.province_id == ident):
            raise hidden
        return Unit(PROVINCE, ident, province.name)
    if level == OFFICE:
        office = Office.objects.filter(pk=ident).first()
        if office is None or not scope.contains(office):
            raise hidden
        return Unit(OFFICE, ident, office.name)
    staff = StaffProfile.objects.select_related("office").filter(user_id=ident).first()
    if staff is None or not scope.contains(staff.office):
        raise hidden
    if profile.role == Role.OFFICER and ident != user.pk:
        # An officer's page is theirs; their head sees it through the office.
        raise hidden
    return Unit(OFFICER, ident, staff.display_name, office_id=staff.office_id)


def parent_chain(unit: Unit, user: AnyUser) -> list[Unit]:
    """The units above `unit` that the user may open, from the top: the breadcrumb."""
    chain: list[Unit] = []
    scope = office_scope(user)
    if unit.level == OFFICER and unit.office_id is not None:
        office = Office.objects.select_related("province").get(pk=unit.office_id)
        chain.insert(0, Unit(OFFICE, office.pk, office.name))
        province = office.province
    elif unit.level == OFFICE:
        province = Office.objects.select_related("province").get(pk=unit.ident).province
    else:
        province = None
    if (
        unit.level in (OFFICE, OFFICER)
        and province is not None
        and (scope.everything or scope.province_id == province.pk)
    ):
        chain.insert(0, Unit(PROVINCE, province.pk, province.name))
    if unit.level != NATIONAL and scope.everything:
        chain.insert(0, Unit(NATIONAL, None, _("Lao PDR")))
    profile = staff_profile(user)
    if profile is not None and profile.role == Role.OFFICER:
        # An officer sees their own page only.
        return []
    return chain


@dataclass
class Row:
    """The indicators of one unit in one period."""

    unit: Unit | None
    incoming: int = 0
    resolved: int = 0
    pending_start: int = 0
    pending_end: int = 0
    backlog: int = 0
    deadlines_met: int = 0
    deadlines_missed: int = 0
    complaints: int = 0
    evictions: int = 0
    officers: int = 0
    days: int = 365
    # The resolved cases by outcome.
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, other: Row) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for outcome, count in other.outcomes.items():
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + count

    @property
    def clearance_rate(self) -> Decimal | None:
        return _ratio(self.resolved * 100, self.incoming)

    @property
    def disposition_days(self) -> Decimal | None:
        return _ratio(self.pending_end * self.days, self.resolved, places=0)

    @property
    def backlog_rate(self) -> Decimal | None:
        return _ratio(self.backlog * 100, self.pending_end)

    @property
    def complaints_per_100(self) -> Decimal | None:
        return _ratio(self.complaints * 100, self.resolved)

    @property
    def caseload(self) -> Decimal | None:
        return _ratio(self.pending_end, self.officers)

    @property
    def deadlines_met_rate(self) -> Decimal | None:
        return _ratio(self.deadlines_met * 100, self.deadlines_met + self.deadlines_missed)


COUNTS = (
    "incoming",
    "resolved",
    "pending_start",
    "pending_end",
    "backlog",
    "deadlines_met",
    "deadlines_missed",
    "complaints",
    "evictions",
    "officers",
)


def _ratio(numerator: int | Decimal, denominator: int | Decimal, places: int = 1) -> Decimal | None:
    """numerator ÷ denominator rounded half up, or None (shown "—") when nothing to divide by."""
    if not denominator:
        return None
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(numerator) / Decimal(denominator)).quantize(quantum, rounding="ROUND_HALF_UP")


@dataclass
class Money:
    currency: str
    due: Decimal = Decimal(0)
    recovered: Decimal = Decimal(0)
    collected: Decimal = Decimal(0)

    @property
    def recovery_rate(self) -> Decimal | None:
        return _ratio(self.recovered * 100, self.due)


@dataclass
class Stage:
    state: str
    label: str
    exits: int
    median: int | None
    p90: int | None


@dataclass
class Indicators:
    unit: Unit
    period: Period
    standard_days: int
    rows: list[Row]
    total: Row
    outcomes: list[tuple[str, str, int]] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)

    @property
    def child_level(self) -> str | None:
        return CHILD_LEVEL.get(self.unit.level)


def _group(unit: Unit, prefix: str = "") -> str | None:
    """The column the rows are counted by: the office for the country and a province (the
    offices are then added up by province in Python, which spares the big tables a join), the
    officer for an office."""
    return {
        NATIONAL: f"{prefix}office_id",
        PROVINCE: f"{prefix}office_id",
        OFFICE: f"{prefix}assigned_officer_id",
    }.get(unit.level)


def _grouped(qs: QuerySet[Any], group: str | None, **aggregates: Any) -> dict[Any, dict[str, Any]]:
    if group is None:
        return {None: qs.aggregate(**aggregates)}
    return {
        line.pop("g"): line
        for line in qs.values(g=F(group)).annotate(**aggregates).values("g", *aggregates)
    }


def _province_of(unit: Unit) -> dict[int, int | None]:
    """For the country: each office's province (read once a page)."""
    if unit.level != NATIONAL:
        return {}
    return dict(Office.objects.values_list("pk", "province_id"))


def _rolled_up(
    lines: dict[Any, dict[str, Any]], province_of: dict[int, int | None]
) -> dict[Any, dict[str, Any]]:
    """For the country: the offices' lines added up by province (None for the DEJ's own)."""
    if not province_of:
        return lines
    rolled: dict[Any, dict[str, Any]] = {}
    for office_id, values in lines.items():
        target = rolled.setdefault(province_of.get(office_id), {})
        for name, value in values.items():
            target[name] = (target.get(name) or 0) + (value or 0)
    return rolled


def case_flow(
    unit: Unit, period: Period, standard_days: int, province_of: dict[int, int | None]
) -> dict[Any, dict[str, int]]:
    """Incoming, resolved, pending at start and end, backlog and the outcomes of the resolved,
    one line per unit below.

    The cases alive in the period are those still open and those closed since its start: two
    ranges of the case_stats index, read without touching the table. Each query counts as few
    things as it can and the rest is derived (every case alive was either received before the
    start, or in the period; a case closed since the start was either closed by the end or
    after it); the outcomes come from grouping the closed ones by outcome."""
    start, end = period.start, period.end
    old = end - timedelta(days=standard_days)
    group = _group(unit)
    lines: dict[Any, dict[str, int]] = {}

    def add(key: Any, **values: int) -> None:
        line = lines.setdefault(key, {})
        for name, value in values.items():
            line[name] = line.get(name, 0) + value

    still_open = EnforcementCase.objects.filter(
        unit.cases_q(), closed_on__isnull=True, received_on__lte=end
    )
    for key, got in _grouped(
        still_open,
        group,
        n=Count("received_on"),
        before=Count("received_on", filter=Q(received_on__lt=start)),
        old=Count("received_on", filter=Q(received_on__lt=old)),
    ).items():
        n, before = got["n"] or 0, got["before"] or 0
        add(key, incoming=n - before, pending_start=before, pending_end=n, backlog=got["old"] or 0)

    # Bounded on both sides, so that SQLite's planner sees a narrow range and keeps to it.
    closed_since = EnforcementCase.objects.filter(
        unit.cases_q(), closed_on__range=(start, date.max), received_on__lte=end
    )
    columns = {"o": F("outcome"), **({"g": F(group)} if group else {})}
    counted: Iterable[dict[str, Any]] = closed_since.values(**columns).annotate(  # type: ignore[assignment]  # the stubs type a values() row narrower than a dict
        n=Count("received_on"),
        resolved=Count("received_on", filter=Q(closed_on__lte=end)),
        before=Count("received_on", filter=Q(received_on__lt=start)),
        old=Count("received_on", filter=Q(closed_on__gt=end, received_on__lt=old)),
    )
    for got in counted:
        n, resolved, before = got["n"], got["resolved"], got["before"]
        add(
            got.get("g"),
            incoming=n - before,
            resolved=resolved,
            pending_start=before,
            pending_end=n - resolved,
            backlog=got["old"],
            **{f"outcome_{got['o']}": resolved},
        )
    return _rolled_up(lines, province_of)


def indicators(
    unit: Unit, period: Period, *, standard_days: int | None = None, today: date | None = None
) -> Indicators:
    """Every indicator of `unit` over `period`, with a row per unit one level down."""
    standard = backlog_standard_days() if standard_days is None else standard_days
    today = today or date.today()
    group = _group(unit)
    case_group = _group(unit, "case__")
    lines: dict[Any, Row] = defaultdict(lambda: Row(None, days=period.days))

    province_of = _province_of(unit)
    for key, values in case_flow(unit, period, standard, province_of).items():
        row = lines[key]
        for name, value in values.items():
            if name.startswith("outcome_"):
                row.outcomes[name.removeprefix("outcome_")] = value or 0
            else:
                setattr(row, name, value or 0)

    # A time limit keeps its case's office: the country and a province count them without
    # joining the cases (an office's officers still need the case).
    by_office = unit.level in (NATIONAL, PROVINCE)
    deadlines = Deadline.objects.filter(
        unit.cases_q("" if by_office else "case__"),
        bearer=DeadlineBearer.OFFICE,
        cancelled_on__isnull=True,
        due_on__range=(period.start, period.end),
    )
    for key, values in _rolled_up(
        _grouped(
            deadlines,
            group if by_office else case_group,
            met=Count("due_on", filter=Q(met_on__lte=F("due_on"))),
            missed=Count(
                "due_on",
                filter=Q(met_on__gt=F("due_on")) | Q(met_on__isnull=True, due_on__lt=today),
            ),
        ),
        province_of,
    ).items():
        lines[key].deadlines_met = values["met"] or 0
        lines[key].deadlines_missed = values["missed"] or 0

    complaints = Complaint.objects.filter(
        unit.cases_q("case__"), filed_on__range=(period.start, period.end)
    )
    for key, values in _rolled_up(
        _grouped(complaints, case_group, n=Count("*")), province_of
    ).items():
        lines[key].complaints = values["n"] or 0

    evictions = Measure.objects.filter(
        unit.cases_q("case__"),
        kind=MeasureKind.EVICTION,
        status=MeasureStatus.DONE,
        done_on__range=(period.start, period.end),
    )
    for key, values in _rolled_up(
        _grouped(evictions, case_group, n=Count("*")), province_of
    ).items():
        lines[key].evictions = values["n"] or 0

    for key, count in _officers(unit).items():
        lines[key].officers = count

    rows = _named_rows(unit, lines, period)
    total = Row(unit, days=period.days)
    for row in rows:
        total.add(row)
    return Indicators(
        unit=unit,
        period=period,
        standard_days=standard,
        rows=rows if group is not None else [],
        total=total,
        outcomes=outcome_mix(total),
        money=money(unit, period),
        stages=stage_times(unit, period),
    )


def _officers(unit: Unit) -> dict[Any, int]:
    """Active enforcement officers per unit below (an officer counts 1 for their own row)."""
    staff = StaffProfile.objects.filter(
        role=Role.OFFICER, user__is_active=True, is_service_account=False
    )
    if unit.level == OFFICER:
        return {None: 1}
    if unit.level == NATIONAL:
        staff_group = "office__province_id"
    elif unit.level == PROVINCE:
        staff = staff.filter(office__province_id=unit.ident)
        staff_group = "office_id"
    else:
        staff = staff.filter(office_id=unit.ident)
        return dict.fromkeys(staff.values_list("user_id", flat=True), 1)
    return {
        line["g"]: line["n"]
        for line in staff.annotate(g=F(staff_group))
        .values("g")
        .annotate(n=Count("*"))
        .values("g", "n")
    }


def _named_rows(unit: Unit, lines: dict[Any, Row], period: Period) -> list[Row]:
    """Give each line its unit and name; units with nothing at all are left out, except the
    provinces and offices, which are always listed so that a quiet one is seen."""
    child = CHILD_LEVEL.get(unit.level)
    if child is None:
        row = lines.get(None) or Row(None, days=period.days)
        row.unit = unit
        return [row]
    rows: list[Row] = []
    if child == PROVINCE:
        known = {p.pk: p.name for p in Province.objects.order_by("code")}
        for pk, name in known.items():
            row = lines.pop(pk, Row(None, days=period.days))
            row.unit = Unit(PROVINCE, pk, name)
            rows.append(row)
        # Cases of the central department itself (no province).
        central = lines.pop(None, None)
        if central is not None:
            central.unit = Unit(OFFICE, _central_office_id(), _("Department (central)"))
            rows.append(central)
    elif child == OFFICE:
        for office in Office.objects.filter(province_id=unit.ident, is_active=True).order_by(
            "level", "code"
        ):
            row = lines.pop(office.pk, Row(None, days=period.days))
            row.unit = Unit(OFFICE, office.pk, office.name)
            rows.append(row)
    else:
        names = {
            s.user_id: s.display_name
            for s in StaffProfile.objects.filter(user_id__in=[k for k in lines if k is not None])
        }
        for key in sorted(lines, key=lambda k: (k is None, names.get(k, ""))):
            row = lines[key]
            if key is None:
                row.unit = Unit(OFFICER, None, _("Not assigned"), office_id=unit.id)
            else:
                row.unit = Unit(OFFICER, key, names.get(key, "?"), office_id=unit.id)
            rows.append(row)
        lines = {}
    for key, row in lines.items():  # offices no longer active, still holding cases
        row.unit = Unit(child, key, "?")
        rows.append(row)
    return rows


def _central_office_id() -> int | None:
    return Office.objects.filter(level=Office.Level.CENTRAL).values_list("pk", flat=True).first()


def outcome_mix(total: Row) -> list[tuple[str, str, int]]:
    """How the cases resolved in the period ended: (outcome, label, cases), in a fixed order;
    cases closed without an outcome recorded are counted apart."""
    mix = [(value, str(label), total.outcomes.get(value, 0)) for value, label in Outcome.choices]
    unknown = total.resolved - sum(count for *_rest, count in mix)
    if unknown:
        mix.append(("", _("Not recorded"), unknown))
    return mix


def money(unit: Unit, period: Period) -> list[Money]:
    """Per currency: what was due and recovered in the cases resolved in the period, and what
    was collected in the period (in the cash books of the unit's offices; an officer's: in
    their cases)."""
    found: dict[str, Money] = {}
    closed = EnforcementCase.objects.filter(
        unit.cases_q(), closed_on__range=(period.start, period.end)
    ).values("pk")
    # The cases first (an index range on the day closed), then their entries by case.
    resolved = LedgerEntry.objects.filter(case_id__in=closed)
    for line in resolved.values("currency").annotate(
        due=Sum("amount", filter=Q(kind__in=CHARGE_KINDS)),
        recovered=Sum("amount", filter=Q(kind=EntryKind.PAYMENT)),
    ):
        entry = found.setdefault(line["currency"], Money(line["currency"]))
        entry.due = line["due"] or Decimal(0)
        entry.recovered = line["recovered"] or Decimal(0)
    collected = LedgerEntry.objects.filter(
        unit.ledger_q(), kind=EntryKind.PAYMENT, on__range=(period.start, period.end)
    )
    for currency, total in (
        collected.values("currency").annotate(total=Sum("amount")).values_list("currency", "total")
    ):
        entry = found.setdefault(currency, Money(currency))
        entry.collected = total or Decimal(0)
    order = {"LAK": 0, "USD": 1, "THB": 2}
    return sorted(found.values(), key=lambda m: (order.get(m.currency, 9), m.currency))


def stage_times(unit: Unit, period: Period) -> list[Stage]:
    """For each stage, how many cases left it in the period and the median and 90th percentile
    of the days they had spent in it (from a histogram: one line per stage and number of days)."""
    histogram: dict[str, list[tuple[int, int]]] = defaultdict(list)
    exits = (
        TimelineEvent.objects.filter(
            unit.cases_q("case__"),
            stage_days__isnull=False,
            on__range=(period.start, period.end),
        )
        .values("from_state", "stage_days")
        .annotate(n=Count("*"))
        .order_by("from_state", "stage_days")
    )
    for line in exits:
        histogram[line["from_state"]].append((line["stage_days"] or 0, line["n"]))
    labels = dict(State.choices)
    stages = []
    for state in STAGE_ORDER:
        counts = histogram.get(state, [])
        total = sum(n for _days, n in counts)
        if not total:
            continue
        stages.append(
            Stage(
                state,
                str(labels[state]),
                total,
                nearest_rank(counts, total, 0.5),
                nearest_rank(counts, total, 0.9),
            )
        )
    return stages


def nearest_rank(counts: list[tuple[int, int]], total: int, share: float) -> int | None:
    """The value at rank ⌈share × total⌉ of a sorted histogram [(value, how many)]."""
    if not total:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value, n in counts:
        seen += n
        if seen >= rank:
            return value
    return counts[-1][0]
