"""Every read of cases that a user sees goes through here, scoped by org.selectors.office_scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from ejcms.cases.choices import OPEN_STATES, DeadlineBearer
from ejcms.cases.models import CaseParty, Deadline, EnforcementCase, Party, TimelineEvent
from ejcms.cases.timeline import actor_ids, describe
from ejcms.core.errors import AccessDenied
from ejcms.core.text import number_key, search_key
from ejcms.org.models import Office, StaffProfile
from ejcms.org.roles import CASE_WRITERS, Role
from ejcms.org.selectors import office_scope, offices_visible_to, staff_profile

AnyUser = User | AnonymousUser


def cases_visible_to(user: AnyUser) -> QuerySet[EnforcementCase]:
    """All cases the user may see; empty for anyone outside the enforcement hierarchy."""
    return EnforcementCase.objects.filter(office_scope(user).q("office"))


def case_write_role(user: AnyUser, case: EnforcementCase) -> Role | None:
    """The role under which `user` may write to `case`, or None.

    Writing is for the case's own office only: a province or the DEJ sees its districts' cases
    but does not act in them. An officer acts in the cases assigned to them; the head in all.
    Nobody writes to a case whose personal data were erased (cases.retention).
    """
    if case.erased_on is not None:
        return None
    profile = staff_profile(user)
    if profile is None or profile.role not in CASE_WRITERS or profile.office_id != case.office_id:
        return None
    return Role(profile.role)


def case_for_user(user: AnyUser, case_id: int, *, for_write: bool = False) -> EnforcementCase:
    """Fetch and authorise in one call. Invisible cases raise AccessDenied(visible=False)."""
    case = (
        cases_visible_to(user)
        .select_related(
            "office", "office__province", "decision", "decision__court", "assigned_officer"
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise AccessDenied(_("No such case."), visible=False)
    if for_write and case_write_role(user, case) is None:
        raise AccessDenied(_("You may view this case but not change it."))
    return case


def _parties_prefetch() -> Prefetch:
    return Prefetch("case_parties", queryset=CaseParty.objects.select_related("party"))


def case_detail(user: AnyUser, case_id: int) -> EnforcementCase:
    """A visible case with what its page shows, in a fixed number of queries."""
    case = (
        cases_visible_to(user)
        .select_related(
            "office",
            "office__province",
            "decision",
            "decision__court",
            "assigned_officer__staff_profile",
        )
        .prefetch_related(_parties_prefetch())
        .prefetch_related(
            "case_parties__party__province",
            "case_parties__party__district",
            "case_parties__party__village",
            "obligations",
            "complaints",
            # Actors' names are resolved for all events at once by timeline_lines.
            Prefetch("events", queryset=TimelineEvent.objects.order_by("-at", "-pk")),
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.select_related("rule").order_by("due_on", "pk"),
            ),
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise AccessDenied(_("No such case."), visible=False)
    return case


@dataclass(frozen=True)
class CaseFilters:
    state: str = ""
    officer_id: int | None = None
    kind: str = ""
    received_from: date | None = None
    received_to: date | None = None
    overdue: bool = False
    query: str = ""
    office_id: int | None = None


def _overdue_exists(today: date) -> Exists:
    return Exists(
        Deadline.objects.filter(
            case_id=OuterRef("pk"),
            bearer=DeadlineBearer.OFFICE,
            met_on__isnull=True,
            cancelled_on__isnull=True,
            due_on__lt=today,
        )
    )


def overdue_among(case_ids: list[int], *, today: date) -> set[int]:
    """Which of these cases (a page of a list) have a duty of the office overdue: one query on
    the open time limits of those cases, not a test of every case in the list."""
    return set(
        Deadline.objects.filter(
            case_id__in=case_ids,
            bearer=DeadlineBearer.OFFICE,
            met_on__isnull=True,
            cancelled_on__isnull=True,
            due_on__lt=today,
        ).values_list("case_id", flat=True)
    )


def case_list(user: AnyUser, filters: CaseFilters, *, today: date) -> QuerySet[EnforcementCase]:
    """The case list: scoped, filtered, newest first, with what each row shows."""
    cases = cases_visible_to(user)
    if filters.office_id:
        cases = cases.filter(office_id=filters.office_id)
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.officer_id:
        cases = cases.filter(assigned_officer_id=filters.officer_id)
    if filters.kind:
        cases = cases.filter(decision__kind=filters.kind)
    if filters.received_from:
        cases = cases.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        cases = cases.filter(received_on__lte=filters.received_to)
    if filters.overdue:
        cases = cases.filter(_overdue_exists(today))
    if filters.query:
        cases = cases.filter(_search_q(filters.query))
    return (
        cases.select_related(
            "office", "decision", "decision__court", "assigned_officer__staff_profile"
        )
        .prefetch_related(_parties_prefetch())
        .order_by("-received_on", "-pk")
    )


# The search engine (filled in by the search module when it loads): the ids of the cases whose
# parties, decision or assets a query finds, as a subquery. Without it, party names only.
CASE_SEARCH: list[Callable[[str], QuerySet[Any]]] = []


def _search_q(query: str) -> Q:
    """Register number (123/2025), decision number, or a party's name in Lao or Latin script,
    a decision number or an asset (land title, plate, account) through the search engine."""
    text = query.strip()
    q = Q(decision__number_key=number_key(text))
    head, _sep, tail = text.partition("/")
    if head.strip().isdigit():
        register = Q(register_number=int(head.strip()))
        if tail.strip().isdigit():
            register &= Q(register_year=int(tail.strip()))
        q |= register
    if CASE_SEARCH:
        return q | Q(pk__in=CASE_SEARCH[0](text))
    folded = search_key(text)
    if folded:
        q |= Q(
            pk__in=CaseParty.objects.filter(party__search_text__contains=folded).values("case_id")
        )
    return q


def cases_by_state(cases: QuerySet[EnforcementCase]) -> dict[str, int]:
    return dict(cases.values_list("state").annotate(n=Count("pk")).order_by())


def deadlines_visible_to(user: AnyUser) -> QuerySet[Deadline]:
    return Deadline.objects.filter(office_scope(user).q("office")).select_related(
        "case", "case__office", "rule", "case__assigned_officer__staff_profile"
    )


@dataclass(frozen=True)
class DeadlineBoard:
    overdue: list[Deadline]
    due_this_week: list[Deadline]
    done_late: list[Deadline]
    # How many there are in all (counted only when a list is cut at its limit).
    overdue_total: int
    due_this_week_total: int
    done_late_total: int


def _first(rows: QuerySet[Deadline], limit: int) -> tuple[list[Deadline], int]:
    shown = list(rows[:limit])
    return shown, len(shown) if len(shown) < limit else rows.order_by().count()


def deadline_board(
    deadlines: QuerySet[Deadline], *, today: date, late_since_days: int = 90, limit: int = 50
) -> DeadlineBoard:
    """Office duties only: overdue, due within the next 7 days, and met late recently; the
    first `limit` of each, and how many in all."""
    office = deadlines.filter(bearer=DeadlineBearer.OFFICE)
    open_ = office.filter(met_on__isnull=True, cancelled_on__isnull=True)
    overdue = _first(open_.filter(due_on__lt=today).order_by("due_on"), limit)
    week = _first(
        open_.filter(due_on__gte=today, due_on__lte=today + timedelta(days=7)).order_by("due_on"),
        limit,
    )
    late = _first(
        office.filter(
            met_on__gt=F("due_on"), met_on__gte=today - timedelta(days=late_since_days)
        ).order_by("-met_on"),
        limit,
    )
    return DeadlineBoard(
        overdue=overdue[0],
        due_this_week=week[0],
        done_late=late[0],
        overdue_total=overdue[1],
        due_this_week_total=week[1],
        done_late_total=late[1],
    )


def duplicate_cases(court_id: int, decision_number: str) -> QuerySet[EnforcementCase]:
    """Cases already registered for the same court and decision number (in any office)."""
    return EnforcementCase.objects.filter(
        decision__court_id=court_id, decision__number_key=number_key(decision_number)
    ).select_related("office")


def open_case_load(officer_ids: list[int]) -> dict[int, int]:
    """Open cases per officer: how assignment measures load."""
    rows = (
        EnforcementCase.objects.filter(assigned_officer_id__in=officer_ids, state__in=OPEN_STATES)
        .values_list("assigned_officer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


@dataclass(frozen=True)
class TimelineLine:
    event: TimelineEvent
    text: str
    actor: str


def timeline_lines(events: list[TimelineEvent]) -> list[TimelineLine]:
    """Events with their sentence and the actor's name, resolving all names in one query."""
    ids = actor_ids(events)
    names = dict(
        StaffProfile.objects.filter(user_id__in=ids).values_list("user_id", "full_name_lo")
    )
    missing = ids - names.keys()
    if missing:
        names.update(get_user_model().objects.filter(pk__in=missing).values_list("pk", "username"))
    return [
        TimelineLine(
            event, describe(event, names), names.get(event.actor_id, "") if event.actor_id else ""
        )
        for event in events
    ]


def officers_visible_to(user: AnyUser) -> QuerySet[User]:
    """Enforcement officers of the offices the user sees (for filters and pickers)."""
    return (
        get_user_model()
        .objects.filter(staff_profile__role=Role.OFFICER, staff_profile__is_service_account=False)
        .filter(office_scope(user).q("staff_profile__office"))
        .select_related("staff_profile")
        .order_by("staff_profile__full_name_lo")
    )


def officers_with_load(office: Office, *, today: date) -> QuerySet[User]:
    """An office's officers with their open cases and overdue office deadlines.

    `office` must come from offices_visible_to(user): this selector does not check scope."""
    overdue = Q(
        assigned_cases__deadlines__bearer=DeadlineBearer.OFFICE,
        assigned_cases__deadlines__met_on__isnull=True,
        assigned_cases__deadlines__cancelled_on__isnull=True,
        assigned_cases__deadlines__due_on__lt=today,
    )
    return (
        get_user_model()
        .objects.filter(
            staff_profile__office=office,
            staff_profile__role=Role.OFFICER,
            staff_profile__is_service_account=False,
        )
        .select_related("staff_profile")
        .annotate(
            open_cases=Count(
                "assigned_cases",
                filter=Q(assigned_cases__state__in=OPEN_STATES, assigned_cases__office=office),
                distinct=True,
            ),
            overdue=Count("assigned_cases__deadlines", filter=overdue, distinct=True),
        )
        .order_by("staff_profile__full_name_lo")
    )


def offices_with_counts(user: AnyUser, *, today: date) -> QuerySet[Office]:
    """The offices a user sees, with open cases and cases received this year."""
    return (
        offices_visible_to(user)
        .filter(is_active=True)
        .annotate(
            open_cases=Count("cases", filter=Q(cases__state__in=OPEN_STATES), distinct=True),
            received_this_year=Count(
                "cases", filter=Q(cases__received_on__year=today.year), distinct=True
            ),
        )
        .order_by("code")
    )


def parties_of(case: EnforcementCase, *roles: str) -> QuerySet[Party]:
    """The parties of a case (of these roles, if given), by name: for the forms' choices."""
    links = case.case_parties.all()
    if roles:
        links = links.filter(role__in=roles)
    return Party.objects.filter(pk__in=links.values("party")).order_by("name_lo")
