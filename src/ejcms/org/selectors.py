"""Reads of the organisation, and THE rule of who sees which office's work.

Visibility follows the hierarchy (DOMAIN.md): a district office sees its own cases, a province
its own and its districts', the DEJ everything; everyone else sees nothing. `office_scope` is the
only place that decides it; every selector of office-owned data filters through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from ejcms.core.calendar import WorkingCalendar
from ejcms.core.text import normalize_lao
from ejcms.org.models import (
    Court,
    District,
    HolidayOverride,
    IntakeRoute,
    Office,
    StaffProfile,
    Village,
)
from ejcms.org.roles import CASE_VIEWERS, Action, Role, may

AnyUser = User | AnonymousUser


def is_national_admin(user: AnyUser) -> bool:
    """An administrator of the central office: edits the Guidelines and document templates."""
    profile = staff_profile(user)
    return (
        profile is not None
        and profile.role == Role.ADMIN
        and profile.office.level == Office.Level.CENTRAL
    )


def staff_profile(user: AnyUser) -> StaffProfile | None:
    """The profile of an active, logged-in user (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return None
    cache = user.__dict__
    if "_ejcms_profile" in cache:
        cached: StaffProfile | None = cache["_ejcms_profile"]
        return cached
    profile = (
        StaffProfile.objects.select_related("office", "office__province", "office__district")
        .filter(user_id=user.pk)
        .first()
    )
    cache["_ejcms_profile"] = profile
    return profile


@dataclass(frozen=True)
class OfficeScope:
    """Which offices' records a user may read. `everything` for the DEJ; empty for none."""

    everything: bool = False
    province_id: int | None = None
    office_id: int | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.province_id is None and self.office_id is None

    def q(self, field: str = "office") -> Q:
        """A filter on a foreign key to Office named `field` (e.g. "office", "case__office")."""
        if self.everything:
            return Q()
        if self.province_id is not None:
            # A subquery on the small office table, so the big table uses its office index.
            offices = Office.objects.filter(province_id=self.province_id).values("id")
            return Q(**{f"{field}__in": offices})
        if self.office_id is not None:
            return Q(**{f"{field}_id": self.office_id})
        return Q(**{f"{field}__in": []})

    def offices_q(self) -> Q:
        """The same rule as a filter on the Office table itself."""
        if self.everything:
            return Q()
        if self.province_id is not None:
            return Q(province_id=self.province_id)
        if self.office_id is not None:
            return Q(pk=self.office_id)
        return Q(pk__in=[])

    def contains(self, office: Office) -> bool:
        if self.everything:
            return True
        if self.province_id is not None:
            return office.province_id == self.province_id
        return self.office_id is not None and office.pk == self.office_id


def office_scope(user: AnyUser) -> OfficeScope:
    profile = staff_profile(user)
    if profile is None or profile.role not in CASE_VIEWERS:
        return OfficeScope()
    office = profile.office
    if office.level == Office.Level.CENTRAL:
        return OfficeScope(everything=True)
    if office.level == Office.Level.PROVINCIAL:
        return OfficeScope(province_id=office.province_id)
    return OfficeScope(office_id=office.pk)


def account_scope(user: AnyUser) -> OfficeScope:
    """Whose accounts an administrator manages: the DEJ's administrator everyone's, any other
    administrator those of the offices of their province (as for the calendar and the audit
    log); nobody else any."""
    profile = staff_profile(user)
    if profile is None or profile.role != Role.ADMIN:
        return OfficeScope()
    if profile.office.level == Office.Level.CENTRAL:
        return OfficeScope(everything=True)
    return OfficeScope(province_id=profile.office.province_id)


def staff_in_scope(
    user: AnyUser, *, office: Office | None = None, query: str = ""
) -> QuerySet[StaffProfile]:
    """The staff whose accounts `user` manages, by office and name, with their accounts."""
    scope = account_scope(user)
    staff = StaffProfile.objects.filter(scope.q("office")).select_related("user", "office")
    if office is not None:
        staff = staff.filter(office=office)
    query = normalize_lao(query)
    if query:
        staff = staff.filter(
            Q(user__username__icontains=query)
            | Q(full_name_lo__icontains=query)
            | Q(full_name_en__icontains=query)
        )
    return staff.order_by("office__code", "full_name_lo", "pk")


def offices_visible_to(user: AnyUser) -> QuerySet[Office]:
    return Office.objects.filter(office_scope(user).offices_q()).select_related("province")


def officers_of(office: Office) -> QuerySet[StaffProfile]:
    """Active enforcement officers of one office, who can be assigned cases."""
    return StaffProfile.objects.filter(
        office=office, role=Role.OFFICER, user__is_active=True, is_service_account=False
    ).select_related("user")


def courts_active() -> QuerySet[Court]:
    return Court.objects.filter(is_active=True).select_related("province")


def districts_of(province_id: int | None) -> QuerySet[District]:
    if not province_id:
        return District.objects.none()
    return District.objects.filter(province_id=province_id)


def villages_of(district_id: int | None) -> QuerySet[Village]:
    if not district_id:
        return Village.objects.none()
    return Village.objects.filter(district_id=district_id)


def calendar_for(province_id: int | None, years: Iterable[int] | None = None) -> WorkingCalendar:
    """The working-day calendar of a province: national overrides plus the province's own."""
    overrides = HolidayOverride.objects.filter(
        Q(province__isnull=True) | Q(province_id=province_id)
    )
    if years is not None:
        overrides = overrides.filter(date__year__in=list(years))
    days_off: set[date] = set()
    working: set[date] = set()
    # National overrides first; a province's own override then wins for the same day.
    for override in sorted(overrides, key=lambda o: o.province_id is not None):
        if override.kind == HolidayOverride.Kind.DAY_OFF:
            days_off.add(override.date)
            working.discard(override.date)
        else:
            working.add(override.date)
            days_off.discard(override.date)
    return WorkingCalendar.from_overrides(days_off, working)


def may_open_office_dashboard(profile: StaffProfile | None) -> bool:
    """Heads, the DEJ and auditors; and at a province or the DEJ, every case viewer (there the
    office dashboard is the overview of the offices below)."""
    if profile is None:
        return False
    return may(profile.role, Action.OFFICE_DASHBOARD) or (
        profile.role in CASE_VIEWERS and profile.office.level != Office.Level.DISTRICT
    )


def receiving_office(district: District) -> Office | None:
    """The office that receives a court's decision whose (first) debtor lives in `district`:
    the administrator's route for the district if there is one, else the district's own office,
    else the provincial division of its province. None only if the province has no division."""
    route = IntakeRoute.objects.select_related("office").filter(district=district).first()
    if route is not None:
        return route.office
    offices = Office.objects.filter(is_active=True)
    own = offices.filter(level=Office.Level.DISTRICT, district=district).order_by("code").first()
    if own is not None:
        return own
    return (
        offices.filter(level=Office.Level.PROVINCIAL, province_id=district.province_id)
        .order_by("code")
        .first()
    )
