"""What the assessment shows: who is asked, response rates, and the gap analysis, computed with
aggregate SQL and never showing a group of fewer than five people apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Avg, Case, Count, IntegerField, Q, QuerySet, Value, When

from ejcms.org.models import Office, Province, StaffProfile
from ejcms.org.roles import MATRIX, Action, Role
from ejcms.org.selectors import staff_profile
from ejcms.training.choices import SMALL_GROUP, Band, Scope, band_of
from ejcms.training.models import Campaign, Competency, Rating, Response, SupervisorRating

AnyUser = User | AnonymousUser
CENTRAL_OWNERS = MATRIX[Action.TRAINING_OWN]


def may_own_campaign(user: AnyUser, province: Province | None) -> bool:
    """NIJ trainers and the DEJ run national or provincial campaigns; a provincial division's
    head runs his province's."""
    profile = staff_profile(user)
    if profile is None:
        return False
    if profile.office.level == Office.Level.CENTRAL and profile.role in CENTRAL_OWNERS:
        return True
    return (
        province is not None
        and profile.role == Role.HEAD
        and profile.office.level == Office.Level.PROVINCIAL
        and profile.office.province_id == province.pk
    )


def campaign_targets(campaign: Campaign) -> QuerySet[StaffProfile]:
    """The staff a campaign asks: their role is asked and their office is in its scope."""
    rows = StaffProfile.objects.filter(
        role__in=campaign.roles, user__is_active=True, is_service_account=False
    )
    if campaign.scope == Scope.PROVINCIAL and campaign.province_id is not None:
        rows = rows.filter(office__province_id=campaign.province_id)
    return rows.select_related("office", "user")


def is_owner_side(user: AnyUser, campaign: Campaign) -> bool:
    """The owner, and the national trainers and DEJ for any campaign."""
    if user.pk == campaign.owner_id:
        return True
    profile = staff_profile(user)
    return (
        profile is not None
        and profile.office.level == Office.Level.CENTRAL
        and profile.role in CENTRAL_OWNERS
    )


def campaigns_visible_to(user: AnyUser) -> QuerySet[Campaign]:
    """Campaigns one runs or oversees, and those addressed to one."""
    profile = staff_profile(user)
    if profile is None:
        return Campaign.objects.none()
    if profile.office.level == Office.Level.CENTRAL and profile.role in CENTRAL_OWNERS:
        return Campaign.objects.all()
    # The roles are a short JSON list; matched as text, the same on SQLite and PostgreSQL.
    where = Q(scope=Scope.NATIONAL)
    if profile.office.province_id is not None:
        where |= Q(province_id=profile.office.province_id)
    addressed = Q(roles__icontains=f'"{profile.role}"') & where
    if profile.role in (Role.HEAD, Role.CLERK):
        # The head follows every campaign that reaches his office, to rate his staff; the clerk,
        # to type in the paper questionnaires.
        addressed = where
    return Campaign.objects.filter(Q(owner=user) | addressed).distinct()


def response_of(user: AnyUser, campaign: Campaign) -> Response | None:
    return Response.objects.filter(campaign=campaign, respondent_id=user.pk).first()


def may_see_response(user: AnyUser, response: Response) -> bool:
    """Individual answers: the respondent, the head of his office, and the campaign owner."""
    if user.pk in (response.respondent_id, response.campaign.owner_id):
        return True
    profile = staff_profile(user)
    return (
        profile is not None
        and profile.role == Role.HEAD
        and profile.office_id == response.office_id
    )


@dataclass
class OfficeRate:
    office: Office
    asked: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.asked) if self.asked else 0


def response_rates(campaign: Campaign) -> list[OfficeRate]:
    asked = {
        row["office"]: row["n"]
        for row in campaign_targets(campaign).values("office").annotate(n=Count("pk"))
    }
    submitted = {
        row["office"]: row["n"]
        for row in Response.objects.filter(campaign=campaign, submitted_at__isnull=False)
        .values("office")
        .annotate(n=Count("pk"))
    }
    offices = Office.objects.filter(pk__in=set(asked) | set(submitted)).order_by("code")
    return [OfficeRate(o, asked.get(o.pk, 0), submitted.get(o.pk, 0)) for o in offices]


@dataclass
class Gap:
    competency: Competency
    respondents: int
    importance: float  # mean A
    performance: float  # mean B

    @property
    def need(self) -> float:
        return self.importance - self.performance

    @property
    def priority(self) -> float:
        return self.need * self.importance

    @property
    def band(self) -> Band:
        return band_of(self.need)


def _submitted(campaign: Campaign) -> QuerySet[Rating]:
    return Rating.objects.filter(
        response__campaign=campaign,
        response__submitted_at__isnull=False,
        importance__isnull=False,
        performance__isnull=False,
    )


def _gaps(ratings: QuerySet[Rating], competencies: Iterable[Competency]) -> list[Gap]:
    rows = {
        row["competency"]: row
        for row in ratings.values("competency").annotate(
            a=Avg("importance"), b=Avg("performance"), n=Count("response", distinct=True)
        )
    }
    gaps = []
    for competency in competencies:
        row = rows.get(competency.pk)
        if row is None or row["n"] < SMALL_GROUP:
            continue
        gaps.append(Gap(competency, row["n"], float(row["a"]), float(row["b"])))
    return gaps


def gap_analysis(campaign: Campaign) -> list[Gap]:
    """Per competency over every submitted answer, ranked by priority (highest first)."""
    competencies = list(campaign.framework.competencies.all())
    gaps = _gaps(_submitted(campaign), competencies)
    return sorted(gaps, key=lambda g: (-g.priority, g.competency.number))


YEARS_BANDS = [(0, 4, "0–4"), (5, 9, "5–9"), (10, 19, "10–19"), (20, 99, "20+")]


def _group_key(by: str) -> tuple[str, object]:
    if by == "province":
        return "response__office__province", None
    if by == "level":
        return "response__office__level", None
    if by == "role":
        return "response__role", None
    if by == "years":
        bands = Case(
            *[
                When(response__years_of_service__range=(low, high), then=Value(index))
                for index, (low, high, _label) in enumerate(YEARS_BANDS)
            ],
            output_field=IntegerField(),
        )
        return "years_band", bands
    raise ValueError(by)


@dataclass
class GroupedGaps:
    groups: list[tuple[object, int]]  # (group key, respondents) of the groups shown
    hidden: int  # respondents in groups too small to show apart
    cells: dict[tuple[int, object], Gap]  # (competency id, group key) -> gap


def gap_by(campaign: Campaign, by: str) -> GroupedGaps:
    """The gap per competency and group (province, office level, role or years of service).
    A group of fewer than five respondents is not shown apart."""
    field, expression = _group_key(by)
    ratings = _submitted(campaign)
    if expression is not None:
        ratings = ratings.annotate(**{field: expression})
    sizes = {
        row[field]: row["n"]
        for row in ratings.values(field).annotate(n=Count("response", distinct=True))
    }
    shown = {key: n for key, n in sizes.items() if n >= SMALL_GROUP and key is not None}
    hidden = sum(n for key, n in sizes.items() if key not in shown)
    competencies = {c.pk: c for c in campaign.framework.competencies.all()}
    cells: dict[tuple[int, object], Gap] = {}
    rows = (
        ratings.filter(**{f"{field}__in": list(shown)})
        .values("competency", field)
        .annotate(a=Avg("importance"), b=Avg("performance"), n=Count("response", distinct=True))
    )
    for row in rows:
        competency = competencies[row["competency"]]
        cells[(competency.pk, row[field])] = Gap(
            competency, row["n"], float(row["a"]), float(row["b"])
        )
    return GroupedGaps(sorted(shown.items(), key=lambda kv: str(kv[0])), hidden, cells)


@dataclass
class SelfVersusSupervisor:
    competency: Competency
    people: int
    self_rating: float
    supervisor_rating: float


def self_versus_supervisor(campaign: Campaign) -> list[SelfVersusSupervisor]:
    """Mean own performance against the head's rating, for the people both rated (≥ 5)."""
    supervised = SupervisorRating.objects.filter(campaign=campaign)
    result = []
    for competency in campaign.framework.competencies.all():
        pairs = supervised.filter(competency=competency)
        subjects = list(pairs.values_list("subject", flat=True))
        own = _submitted(campaign).filter(competency=competency, response__respondent__in=subjects)
        n = own.values("response").distinct().count()
        if n < SMALL_GROUP:
            continue
        rated = pairs.filter(subject__in=own.values("response__respondent"))
        result.append(
            SelfVersusSupervisor(
                competency,
                n,
                float(own.aggregate(m=Avg("performance"))["m"]),
                float(rated.aggregate(m=Avg("performance"))["m"]),
            )
        )
    return result
