"""Every write of the training needs assessment: campaigns, answers, supervisor ratings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.core.audit import audit_write, changes, row_key, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.formatting import format_date
from ejcms.org.models import Office, Province
from ejcms.org.roles import MATRIX, Action, Role
from ejcms.org.selectors import staff_profile
from ejcms.training.choices import SCALE, Scope
from ejcms.training.models import (
    Campaign,
    Competency,
    Framework,
    Rating,
    Response,
    SupervisorRating,
)
from ejcms.training.selectors import campaign_targets, may_own_campaign

# What rating someone again changes (the audit keeps the values before and after).
RATED = ("supervisor", "performance")

# Who may be asked: the staff of the offices.
RESPONDENT_ROLES = MATRIX[Action.TRAINING_ANSWER]


@dataclass(frozen=True)
class CampaignData:
    title: str
    scope: str
    opens_on: date
    closes_on: date
    roles: list[str]
    province: Province | None = None
    questions: list[str] = field(default_factory=list)


@transaction.atomic
def campaign_create(*, actor: User, data: CampaignData) -> Campaign:
    """A national campaign (NIJ trainers, the DEJ) or a provincial one (its division's head)."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the campaign a title.")
    if data.scope not in Scope.values:
        errors["scope"] = _("Choose national or provincial.")
    if data.scope == Scope.PROVINCIAL and data.province is None:
        errors["province"] = _("Choose the province.")
    if data.closes_on < data.opens_on:
        errors["closes_on"] = _("The campaign cannot close before it opens.")
    roles = [r for r in data.roles if r in RESPONDENT_ROLES]
    if not roles:
        errors["roles"] = _("Choose who is asked.")
    if errors:
        raise ApplicationError(errors)
    province = data.province if data.scope == Scope.PROVINCIAL else None
    if not may_own_campaign(actor, province):
        raise AccessDenied(_("You may not run a training needs assessment for this scope."))
    framework = Framework.objects.order_by("-version").first()
    if framework is None:
        raise ApplicationError(_("No competency framework is loaded."))
    campaign = Campaign.objects.create(
        title=data.title.strip(),
        scope=data.scope,
        province=province,
        framework=framework,
        roles=sorted(roles),
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        owner=actor,
        questions=[q.strip() for q in data.questions if q.strip()],
        created_by=actor,
        modified_by=actor,
    )
    audit_write(
        actor=actor,
        action="training.campaign",
        obj=campaign,
        payload={"scope": campaign.scope, "framework": framework.version, "roles": campaign.roles},
    )
    return campaign


def _check_open(campaign: Campaign, today: date) -> None:
    if today < campaign.opens_on:
        raise ApplicationError(
            _("The assessment opens on %(date)s.") % {"date": format_date(campaign.opens_on)}
        )
    if today > campaign.closes_on:
        raise ApplicationError(
            _("The assessment closed on %(date)s.") % {"date": format_date(campaign.closes_on)}
        )


def _check_scale(value: int | None, name: str) -> None:
    if value is not None and value not in SCALE:
        raise ApplicationError({name: _("Choose a rating from 1 to 7.")})


@dataclass(frozen=True)
class AnswerData:
    # competency id -> (importance, performance), each 1–7 or None while a draft.
    ratings: dict[int, tuple[int | None, int | None]]
    years_of_service: int | None = None
    answers: list[str] = field(default_factory=list)


@transaction.atomic
def response_save(*, actor: User, campaign: Campaign, data: AnswerData, submit: bool) -> Response:
    """Save one's answers (a draft may be incomplete); submitting needs every rating and is
    final: a submitted questionnaire is never changed."""
    profile = staff_profile(actor)
    if profile is None or not campaign_targets(campaign).filter(pk=profile.pk).exists():
        raise AccessDenied(_("This assessment is not addressed to you."))
    _check_open(campaign, timezone.localdate())
    response, _created = Response.objects.select_for_update().get_or_create(
        campaign=campaign,
        respondent=actor,
        defaults={"office": profile.office, "role": profile.role},
    )
    if response.submitted_at is not None:
        raise ApplicationError(_("You have already submitted this assessment."))
    competencies = {c.pk: c for c in Competency.objects.filter(framework=campaign.framework)}
    errors: dict[str, str] = {}
    for competency_id, (importance, performance) in data.ratings.items():
        if competency_id not in competencies:
            raise ApplicationError(_("Unknown competency."))
        _check_scale(importance, f"importance_{competency_id}")
        _check_scale(performance, f"performance_{competency_id}")
    if data.years_of_service is not None and not 0 <= data.years_of_service <= 60:
        errors["years_of_service"] = _("Enter the years of service, from 0 to 60.")
    if submit:
        for competency_id in competencies:
            importance, performance = data.ratings.get(competency_id, (None, None))
            if importance is None:
                errors[f"importance_{competency_id}"] = _(
                    "Rate every competency before you submit."
                )
            if performance is None:
                errors[f"performance_{competency_id}"] = _(
                    "Rate every competency before you submit."
                )
        if data.years_of_service is None:
            errors["years_of_service"] = _("Enter your years of service before you submit.")
    if errors:
        raise ApplicationError(errors)
    response.office, response.role = profile.office, profile.role
    response.years_of_service = data.years_of_service
    response.answers = [a.strip() for a in data.answers]
    if submit:
        response.submitted_at = timezone.now()
    response.save()
    for competency_id, (importance, performance) in data.ratings.items():
        Rating.objects.update_or_create(
            response=response,
            competency_id=competency_id,
            defaults={"importance": importance, "performance": performance},
        )
    if submit:
        audit_write(
            actor=actor,
            action="training.response_submitted",
            obj=response,
            payload={"campaign": campaign.pk, "ratings": len(data.ratings)},
        )
    return response


@transaction.atomic
def supervisor_rate(
    *, actor: User, campaign: Campaign, subject: User, ratings: dict[int, int]
) -> list[SupervisorRating]:
    """The head of office rates the performance of one of his staff (self versus supervisor)."""
    head = staff_profile(actor)
    subject_profile = staff_profile(subject)
    if (
        head is None
        or head.role != Role.HEAD
        or subject_profile is None
        or subject_profile.office_id != head.office_id
        or subject.pk == actor.pk
        or not campaign_targets(campaign).filter(pk=subject_profile.pk).exists()
    ):
        raise AccessDenied(_("Only the head of the person's office may rate them."))
    _check_open(campaign, timezone.localdate())
    competencies = set(
        Competency.objects.filter(framework=campaign.framework).values_list("pk", flat=True)
    )
    rows = []
    # A rating given again replaces the earlier one: the audit keeps both.
    earlier = {
        row.competency_id: snapshot(row, RATED)
        for row in SupervisorRating.objects.filter(campaign=campaign, subject=subject)
    }
    changed: dict[str, list[Any]] = {}
    for competency_id, performance in ratings.items():
        if competency_id not in competencies:
            raise ApplicationError(_("Unknown competency."))
        _check_scale(performance, f"performance_{competency_id}")
        row, _created = SupervisorRating.objects.update_or_create(
            campaign=campaign,
            subject=subject,
            competency_id=competency_id,
            defaults={"supervisor": actor, "performance": performance},
        )
        rows.append(row)
        if competency_id in earlier:
            changed |= changes(earlier[competency_id], snapshot(row, RATED), prefix=row_key(row))
    audit_write(
        actor=actor,
        action="training.supervisor_rating",
        obj=campaign,
        payload={"subject": subject.pk, "ratings": len(rows)},
        changes=changed,
    )
    return rows


def office_of(actor: User) -> Office | None:
    profile = staff_profile(actor)
    return profile.office if profile else None
