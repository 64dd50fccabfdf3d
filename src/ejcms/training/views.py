"""The assessment screens: campaigns, the questionnaire, and the gap analysis."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ejcms.core.errors import ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.org.models import Office, Province
from ejcms.org.roles import Action, Role, may
from ejcms.org.selectors import staff_profile
from ejcms.training.choices import Band
from ejcms.training.forms import (
    CampaignForm,
    PaperImportForm,
    QuestionnaireForm,
    SupervisorForm,
)
from ejcms.training.models import Campaign, Competency, SupervisorRating
from ejcms.training.paper import paper_answers_import, template_xlsx
from ejcms.training.report import report_pdf, report_xlsx
from ejcms.training.selectors import (
    YEARS_BANDS,
    Gap,
    GroupedGaps,
    campaign_targets,
    campaigns_visible_to,
    gap_analysis,
    gap_by,
    is_owner_side,
    may_own_campaign,
    response_of,
    response_rates,
    self_versus_supervisor,
)
from ejcms.training.services import (
    AnswerData,
    CampaignData,
    campaign_create,
    response_save,
    supervisor_rate,
)


def _campaign(request: AuthedRequest, campaign_id: int) -> Campaign:
    campaign = (
        campaigns_visible_to(request.user)
        .select_related("framework", "province", "owner")
        .filter(pk=campaign_id)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


def _is_head(request: AuthedRequest) -> bool:
    profile = staff_profile(request.user)
    return profile is not None and profile.role == Role.HEAD


def _role(request: AuthedRequest) -> str | None:
    profile = staff_profile(request.user)
    return profile.role if profile else None


def _office_id(request: AuthedRequest) -> int | None:
    profile = staff_profile(request.user)
    return profile.office_id if profile else None


def campaign_list(request: AuthedRequest) -> HttpResponse:
    campaigns = list(campaigns_visible_to(request.user).select_related("province"))
    today = timezone.localdate()
    rows = [
        (c, response_of(request.user, c), c.opens_on <= today <= c.closes_on) for c in campaigns
    ]
    context = {"rows": rows, "can_create": may_own_campaign(request.user, None)}
    return render(request, "training/campaign_list.html", context)


@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthedRequest) -> HttpResponse:
    profile = staff_profile(request.user)
    if not may_own_campaign(request.user, profile.office.province if profile else None):
        raise PermissionDenied(_("You may not start a training needs assessment."))
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = campaign_create(
                actor=request.user,
                data=CampaignData(
                    title=data["title"],
                    scope=data["scope"],
                    province=data.get("province"),
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    roles=list(data["roles"]),
                    questions=data.get("questions", "").splitlines(),
                ),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Assessment created."))
            return redirect("training:campaign", campaign_id=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/campaign_new.html", {"form": form}, status=status)


def _heat(need: float) -> str:
    """The cell's shade: the bands of the method."""
    if need >= 1.5:
        return "heat-high"
    if need >= 0.5:
        return "heat-moderate"
    return "heat-low"


def _matrix(
    competencies: list[Competency], grouped: GroupedGaps
) -> list[tuple[Competency, list[tuple[Gap | None, str]]]]:
    """Rows of a competency × group table, each cell with its gap and its shade."""
    return [
        (
            competency,
            [
                (gap, _heat(gap.need) if gap else "")
                for key, _n in grouped.groups
                for gap in [grouped.cells.get((competency.pk, key))]
            ],
        )
        for competency in competencies
    ]


def campaign_page(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    owner_side = is_owner_side(request.user, campaign)
    context: dict[str, Any] = {
        "campaign": campaign,
        "owner_side": owner_side,
        "mine": response_of(request.user, campaign),
        "addressed": campaign_targets(campaign).filter(user=request.user).exists(),
        "is_open": campaign.opens_on <= timezone.localdate() <= campaign.closes_on,
        "can_enter_paper": owner_side or may(_role(request), Action.TRAINING_PAPER),
        "can_rate_staff": _is_head(request)
        and campaign_targets(campaign)
        .filter(office=_office_id(request))
        .exclude(user=request.user)
        .exists(),
    }
    if owner_side:
        gaps = gap_analysis(campaign)
        competencies = list(campaign.framework.competencies.all())
        by_province = gap_by(campaign, "province")
        names = {p.pk: p.name for p in Province.objects.all()}
        by_level = gap_by(campaign, "level")
        levels = dict(Office.Level.choices)
        by_role = gap_by(campaign, "role")
        roles = dict(Role.choices)
        by_years = gap_by(campaign, "years")
        context.update(
            rates=response_rates(campaign),
            gaps=gaps,
            coverage=[(g, list(g.competency.modules.all())) for g in gaps if g.band == Band.HIGH],
            heat_columns=[(names.get(int(str(k)), k), n) for k, n in by_province.groups],
            heatmap=_matrix(competencies, by_province),
            hidden=by_province.hidden,
            level_columns=[(levels.get(str(k), k), n) for k, n in by_level.groups],
            level_rows=_matrix(competencies, by_level),
            breakdowns=[
                (
                    _("Need by role"),
                    [(roles.get(str(k), k), n) for k, n in by_role.groups],
                    _matrix(competencies, by_role),
                ),
                (
                    _("Need by years of service"),
                    [(YEARS_BANDS[int(str(k))][2], n) for k, n in by_years.groups],
                    _matrix(competencies, by_years),
                ),
            ],
            comparison=self_versus_supervisor(campaign),
        )
    return render(request, "training/campaign.html", context)


@require_http_methods(["GET", "POST"])
def questionnaire(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    if not campaign_targets(campaign).filter(user=request.user).exists():
        raise PermissionDenied(_("This assessment is not addressed to you."))
    response = response_of(request.user, campaign)
    competencies = list(campaign.framework.competencies.all())
    initial: dict[str, Any] = {}
    if response is not None:
        initial["years_of_service"] = response.years_of_service
        for rating in response.ratings.all():
            initial[f"importance_{rating.competency_id}"] = rating.importance
            initial[f"performance_{rating.competency_id}"] = rating.performance
        for index, answer in enumerate(response.answers):
            initial[f"answer_{index}"] = answer
    form = QuestionnaireForm(
        request.POST or None,
        initial=initial,
        competencies=competencies,
        questions=campaign.questions,
    )
    submitted = response is not None and response.submitted_at is not None
    if request.method == "POST" and not submitted and form.is_valid():
        submit = "submit" in request.POST
        try:
            response_save(
                actor=request.user,
                campaign=campaign,
                submit=submit,
                data=AnswerData(
                    ratings=form.ratings(),
                    years_of_service=form.cleaned_data.get("years_of_service"),
                    answers=form.answers(),
                ),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(
                request,
                _("Thank you: your answers are submitted.")
                if submit
                else _("Saved. You can come back and finish later."),
            )
            return redirect("training:campaign", campaign_id=campaign.pk)
    status = 400 if request.method == "POST" else 200
    context = {"campaign": campaign, "form": form, "submitted": submitted}
    return render(request, "training/questionnaire.html", context, status=status)


@require_http_methods(["GET", "POST"])
def supervisor_ratings(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    """The head of office rates the current performance of each of his staff asked."""
    campaign = _campaign(request, campaign_id)
    profile = staff_profile(request.user)
    if profile is None or profile.role != Role.HEAD:
        raise PermissionDenied(_("Only a head of office rates his staff."))
    staff = [
        p
        for p in campaign_targets(campaign).filter(office=profile.office).order_by("full_name_lo")
        if p.user_id != request.user.pk
    ]
    subject = None
    subject_id = request.GET.get("staff", "")
    if subject_id.isdigit():
        subject = next((p for p in staff if p.user_id == int(subject_id)), None)
        if subject is None:
            raise Http404
    competencies = list(campaign.framework.competencies.all())
    form = None
    if subject is not None:
        current = {
            r.competency_id: r.performance
            for r in SupervisorRating.objects.filter(campaign=campaign, subject=subject.user)
        }
        form = SupervisorForm(
            request.POST or None,
            competencies=competencies,
            initial={f"performance_{k}": v for k, v in current.items()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                supervisor_rate(
                    actor=request.user,
                    campaign=campaign,
                    subject=subject.user,
                    ratings=form.ratings(),
                )
            except ApplicationError as exc:
                attach_errors(exc, form)
            else:
                messages.success(
                    request, _("Ratings saved for %(name)s.") % {"name": subject.display_name}
                )
                return redirect(request.path)
    rated = set(
        SupervisorRating.objects.filter(campaign=campaign, supervisor=request.user)
        .values_list("subject", flat=True)
        .distinct()
    )
    context = {
        "campaign": campaign,
        "staff": staff,
        "subject": subject,
        "form": form,
        "rated": rated,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "training/supervisor.html", context, status=status)


def _require_paper_entry(request: AuthedRequest, campaign: Campaign) -> None:
    if not (is_owner_side(request.user, campaign) or may(_role(request), Action.TRAINING_PAPER)):
        raise PermissionDenied(_("You may not enter paper answers."))


def paper_template(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    campaign = _campaign(request, campaign_id)
    _require_paper_entry(request, campaign)
    response = HttpResponse(
        template_xlsx(campaign),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tna-{campaign.pk}-template.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def paper_import(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    """Upload the filled-in template: a report row by row; nothing imported until it is clean
    or the user accepts the valid rows."""
    campaign = _campaign(request, campaign_id)
    _require_paper_entry(request, campaign)
    form = PaperImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = paper_answers_import(
                actor=request.user,
                campaign=campaign,
                data=form.cleaned_data["file"].read(),
                accept_valid_rows=form.cleaned_data["accept_valid_rows"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            if report.imported or not report.errors:
                messages.success(
                    request, _("%(count)s questionnaires imported.") % {"count": report.imported}
                )
    status = (
        400
        if request.method == "POST"
        and (form.errors or (report and report.errors and not report.imported))
        else 200
    )
    context = {"campaign": campaign, "form": form, "report": report}
    return render(request, "training/paper_import.html", context, status=status)


def campaign_report(request: AuthedRequest, campaign_id: int, fmt: str) -> HttpResponse:
    """The TNA report as PDF or XLSX, for the campaign's owner side."""
    campaign = _campaign(request, campaign_id)
    if fmt not in ("pdf", "xlsx") or not is_owner_side(request.user, campaign):
        raise Http404
    if fmt == "pdf":
        response = HttpResponse(report_pdf(campaign), content_type="application/pdf")
    else:
        response = HttpResponse(
            report_xlsx(campaign),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="tna-{campaign.pk}.{fmt}"'
    return response
