"""Case screens. Thin: forms check the input, selectors read, services write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ejcms.cases.access import export_refusal
from ejcms.cases.choices import OPEN_STATES, STAGE_ORDER, DeadlineBearer, PartyRole
from ejcms.cases.forms import (
    CaseFilterForm,
    ComplaintDecisionForm,
    ComplaintForm,
    DecisionForm,
    ObligationFormSet,
    PartyCorrectionForm,
    PartyFormSet,
    ReassignForm,
    StepForm,
)
from ejcms.cases.models import EnforcementCase
from ejcms.cases.selectors import (
    CaseFilters,
    case_detail,
    case_for_user,
    case_list,
    case_write_role,
    cases_by_state,
    cases_visible_to,
    deadline_board,
    deadlines_visible_to,
    officers_visible_to,
    officers_with_load,
    offices_with_counts,
    overdue_among,
    timeline_lines,
)
from ejcms.cases.services import (
    DuplicateDecision,
    case_reassign,
    case_register,
    case_transition,
    complaint_decide,
    complaint_decide_refusal,
    complaint_record,
    complaint_record_refusal,
    correction_refusal,
    party_correct,
    steps_for,
)
from ejcms.cases.workflow import TRANSITIONS, TransitionInput, completion_gaps
from ejcms.core.audit import audit_write
from ejcms.core.errors import ApplicationError
from ejcms.core.forms import attach_errors, error_summary
from ejcms.core.http import AuthedRequest
from ejcms.core.pagination import CappedPaginator
from ejcms.guidelines.selectors import guideline_sections, law_panel, sections_for
from ejcms.org.models import Office
from ejcms.org.roles import CASE_REGISTRARS, CASE_VIEWERS, Role
from ejcms.org.selectors import (
    may_open_office_dashboard,
    office_scope,
    officers_of,
    offices_visible_to,
    staff_profile,
)

User = get_user_model()


def _require_viewer(request: AuthedRequest) -> None:
    profile = staff_profile(request.user)
    if profile is None or profile.role not in CASE_VIEWERS:
        raise PermissionDenied(_("Your account has no access to enforcement cases."))


def _stage_rows(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"state": state, "label": state.label, "count": counts.get(state, 0)}
        for state in STAGE_ORDER
    ]


def dashboard(request: AuthedRequest) -> HttpResponse:
    profile = staff_profile(request.user)
    if profile is None or profile.role not in CASE_VIEWERS:
        return render(request, "cases/dashboard_other.html", {"profile": profile})
    today = timezone.localdate()
    mine = cases_visible_to(request.user).filter(assigned_officer=request.user)
    board = deadline_board(
        deadlines_visible_to(request.user).filter(case__assigned_officer=request.user), today=today
    )
    counts = cases_by_state(mine)
    context = {
        "stages": _stage_rows(counts),
        "open_total": sum(n for state, n in counts.items() if state in OPEN_STATES),
        "all_total": sum(counts.values()),
        "board": board,
        "recent": mine.select_related("decision__court")
        .prefetch_related("case_parties__party")
        .order_by("-state_since", "-pk")[:10],
        "is_head": profile.role == Role.HEAD,
        "today": today,
    }
    return render(request, "cases/dashboard.html", context)


def case_index(request: AuthedRequest) -> HttpResponse:
    _require_viewer(request)
    today = timezone.localdate()
    form = CaseFilterForm(request.GET or None, officers=officers_visible_to(request.user))
    filters = CaseFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = CaseFilters(
            state=data["state"],
            officer_id=data["officer"].pk if data["officer"] else None,
            kind=data["kind"],
            received_from=data["received_from"],
            received_to=data["received_to"],
            overdue=data["overdue"],
            query=data["q"],
        )
    page = CappedPaginator(
        case_list(request.user, filters, today=today), settings.EJCMS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    overdue = overdue_among([case.pk for case in rows], today=today)
    for case in rows:
        case.is_overdue = case.pk in overdue
    page.object_list = rows
    return render(request, "cases/case_list.html", {"form": form, "page": page, "today": today})


def _register_forms(request: AuthedRequest) -> tuple[DecisionForm, Any, Any]:
    if request.method == "POST":
        return (
            DecisionForm(request.POST),
            PartyFormSet(request.POST, prefix="parties"),
            ObligationFormSet(request.POST, prefix="obligations"),
        )
    return (
        DecisionForm(),
        PartyFormSet(
            prefix="parties",
            initial=[{"role": PartyRole.CREDITOR}, {"role": PartyRole.DEBTOR}],
        ),
        ObligationFormSet(prefix="obligations"),
    )


@require_http_methods(["GET", "POST"])
def case_new(request: AuthedRequest) -> HttpResponse:
    profile = staff_profile(request.user)
    if profile is None or profile.role not in CASE_REGISTRARS:
        raise PermissionDenied(_("Your role may not register cases."))
    form, parties, obligations = _register_forms(request)
    duplicates: list[EnforcementCase] = []
    if request.method == "POST":
        valid = all([form.is_valid(), parties.is_valid(), obligations.is_valid()])
        if valid:
            try:
                case = case_register(
                    actor=request.user,
                    decision=form.decision_data(),
                    parties=[f.party_data() for f in parties.forms],
                    obligations=[f.obligation_data() for f in obligations.forms],
                    source=form.cleaned_data["source"],
                    received_on=form.cleaned_data["received_on"],
                    allow_duplicate=form.cleaned_data["confirm_duplicate"],
                )
            except DuplicateDecision as exc:
                duplicates = exc.cases
                form.add_error("confirm_duplicate", exc.messages[0])
            except ApplicationError as exc:
                attach_errors(exc, form, {"parties": parties, "obligations": obligations})
            else:
                messages.success(
                    request,
                    _("Case %(register)s registered.") % {"register": case.register_label},
                )
                return redirect("cases:detail", case_id=case.pk)
    scope = office_scope(request.user)
    context = {
        "form": form,
        "parties": parties,
        "obligations": obligations,
        "errors": error_summary(
            form, {"parties": (_("Party"), parties), "obligations": (_("Obligation"), obligations)}
        ),
        "duplicates_visible": [c for c in duplicates if scope.contains(c.office)],
        "duplicates_hidden": len([c for c in duplicates if not scope.contains(c.office)]),
        "office": profile.office,
    }
    status = 200 if request.method == "GET" else 400
    return render(request, "cases/case_new.html", context, status=status)


# Official documents the steps taken call for and that are not issued yet, offered beside the
# steps: (label, url) pairs for the user, filled in by the documents module when it loads.
DOCUMENTS_DUE: list[Callable[[AuthedRequest, EnforcementCase], list[tuple[str, str]]]] = []


def case_page(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_detail(request.user, case_id)
    today = timezone.localdate()
    deadlines = list(case.deadlines.all())
    steps = steps_for(request.user, case)
    # What the law and the Guidelines say for the steps open now, and for the time limits.
    sections = guideline_sections()
    panel = law_panel([(s.transition.name, s.transition.article) for s in steps], sections=sections)
    rule_guides = sections_for({f"rule:{d.rule.key}" for d in deadlines}, sections)
    for deadline in deadlines:
        deadline.guides = rule_guides[f"rule:{deadline.rule.key}"]  # type: ignore[attr-defined]
    context = {
        "case": case,
        "party_groups": [
            (
                party_role.label,
                [link for link in case.case_parties.all() if link.role == party_role],
            )
            for party_role in PartyRole
        ],
        "open_deadlines": [d for d in deadlines if d.is_open],
        "closed_deadlines": [d for d in deadlines if not d.is_open],
        "steps": steps,
        # Offered when the head may terminate and nothing stands in the way (Art. 48.1).
        "fully_enforced": any(s.transition.name == "terminate" for s in steps)
        and not completion_gaps(case),
        "can_reassign": case_write_role(request.user, case) == Role.HEAD,
        # Identity numbers in full for the case's own office; masked for the levels above,
        # who open one at a time, and each opening is audited (party_id_number).
        "show_ids": case_write_role(request.user, case) is not None,
        "can_correct_parties": correction_refusal(request.user, case) is None,
        # A person's access request: heads and DEJ supervisors, while the data are held.
        "can_export_parties": case.erased_on is None and export_refusal(request.user) is None,
        **_complaints_context(request, case),
        "timeline": timeline_lines(list(case.events.all())),
        "law": [(step.transition, *panel[step.transition.name]) for step in steps],
        "today": today,
        "office_bearer": DeadlineBearer.OFFICE,
        "documents_due": [link for hook in DOCUMENTS_DUE for link in hook(request, case)],
    }
    return render(request, "cases/case_detail.html", context)


def _complaints_context(request: AuthedRequest, case: EnforcementCase) -> dict[str, Any]:
    """The complaints of the case, each with the form to decide it for who may, and the form
    to record a new one."""
    can_decide = complaint_decide_refusal(request.user, case) is None
    can_record = complaint_record_refusal(request.user, case) is None
    return {
        "complaints": [
            (
                complaint,
                ComplaintDecisionForm(auto_id=f"id_complaint{complaint.pk}_%s")
                if can_decide and complaint.decided_on is None
                else None,
            )
            for complaint in case.complaints.all()
        ],
        "complaint_form": ComplaintForm(auto_id="id_complaint_%s") if can_record else None,
    }


@require_http_methods(["GET", "POST"])
def case_step(request: AuthedRequest, case_id: int, name: str) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    step = next((s for s in steps_for(request.user, case) if s.transition.name == name), None)
    if step is None:
        raise PermissionDenied(_("This step is not open to you in this case now."))
    form = StepForm(
        request.POST or None,
        transition=transition,
        initial={"ground": request.GET.get("ground", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_transition(
                actor=request.user,
                case=case,
                name=name,
                data=TransitionInput(
                    on=data["on"],
                    note=data.get("note", ""),
                    notice_method=data.get("notice_method", ""),
                    ground=data.get("ground", ""),
                ),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": transition.label})
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "transition": transition, "step": step, "form": form}
    return render(request, "cases/case_step.html", context, status=status)


@require_http_methods(["GET", "POST"])
def case_reassign_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    if case_write_role(request.user, case) != Role.HEAD:
        raise PermissionDenied(_("Only the head of the office may reassign a case."))
    officers = User.objects.filter(
        pk__in=officers_of(case.office).values("user_id")
    ).select_related("staff_profile")
    form = ReassignForm(request.POST or None, officers=officers)
    if request.method == "POST" and form.is_valid():
        try:
            case_reassign(
                actor=request.user,
                case=case,
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Case reassigned."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_reassign.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def party_edit(request: AuthedRequest, case_id: int, link_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    link = case.case_parties.select_related("party").filter(pk=link_id).first()
    if link is None:
        raise Http404
    refusal = correction_refusal(request.user, case)
    if refusal is not None:
        raise PermissionDenied(refusal)
    if request.method == "POST":
        form = PartyCorrectionForm(request.POST, role=link.role)
    else:
        form = PartyCorrectionForm(
            initial=PartyCorrectionForm.initial_for(link.party), role=link.role
        )
    if request.method == "POST" and form.is_valid():
        try:
            party_correct(actor=request.user, case=case, link=link, data=form.party_data())
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Party's details corrected."))
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "link": link, "form": form}
    return render(request, "cases/party_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def complaint_new(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    refusal = complaint_record_refusal(request.user, case)
    if refusal is not None:
        raise PermissionDenied(refusal)
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint_record(
                actor=request.user,
                case=case,
                filed_on=data["filed_on"],
                complainant=data["complainant"],
                against=data["against"],
                summary=data["summary"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Complaint recorded."))
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "form": form}
    return render(request, "cases/complaint_new.html", context, status=status)


@require_http_methods(["GET", "POST"])
def complaint_decide_view(request: AuthedRequest, case_id: int, complaint_id: int) -> HttpResponse:
    # Not for_write: the head of a higher level decides in a case it oversees but does not handle.
    case = case_for_user(request.user, case_id)
    complaint = case.complaints.filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404
    refusal = complaint_decide_refusal(request.user, case)
    if refusal is not None:
        raise PermissionDenied(refusal)
    form = ComplaintDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint_decide(
                actor=request.user,
                complaint=complaint,
                decided_on=data["decided_on"],
                decision=data["decision"],
                note=data["note"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Decision on the complaint recorded."))
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "complaint": complaint, "form": form}
    return render(request, "cases/complaint_decide.html", context, status=status)


def _chosen_office(request: AuthedRequest) -> Office | None:
    """The office picked in ?office= among those the user sees; None means the whole scope."""
    office_id = request.GET.get("office", "")
    if not office_id:
        return None
    if not office_id.isdigit():
        raise Http404
    office = offices_visible_to(request.user).filter(pk=int(office_id)).first()
    if office is None:
        raise Http404
    return office


def deadlines_page(request: AuthedRequest) -> HttpResponse:
    _require_viewer(request)
    today = timezone.localdate()
    profile = staff_profile(request.user)
    assert profile is not None
    scope_label = request.GET.get("scope", "mine" if profile.role == Role.OFFICER else "office")
    deadlines = deadlines_visible_to(request.user)
    office = _chosen_office(request)
    officers = officers_visible_to(request.user)
    officer = None
    if request.GET.get("officer", "").isdigit():
        # Any officer the user sees: a head looks at one officer's deadlines.
        officer = officers.filter(pk=int(request.GET["officer"])).first()
        if officer is None:
            raise Http404
    if officer is not None:
        deadlines = deadlines.filter(case__assigned_officer=officer)
    elif scope_label == "mine":
        deadlines = deadlines.filter(case__assigned_officer=request.user)
    elif office is not None:
        deadlines = deadlines.filter(office=office)
    elif profile.office.level == Office.Level.DISTRICT:
        deadlines = deadlines.filter(office=profile.office)
    context = {
        "board": deadline_board(deadlines, today=today),
        "scope": scope_label,
        "office": office,
        "officer": officer,
        "officers": officers if profile.role != Role.OFFICER else [],
        "offices": offices_visible_to(request.user)
        if profile.office.level != Office.Level.DISTRICT
        else [],
        "today": today,
    }
    return render(request, "cases/deadlines.html", context)


def office_dashboard(request: AuthedRequest) -> HttpResponse:
    profile = staff_profile(request.user)
    if profile is None or not may_open_office_dashboard(profile):
        raise PermissionDenied(_("The office dashboard is for the head of office."))
    today = timezone.localdate()
    office = _chosen_office(request)
    if office is None and profile.office.level == Office.Level.DISTRICT:
        office = profile.office
    cases = cases_visible_to(request.user)
    deadlines = deadlines_visible_to(request.user)
    if office is not None:
        cases = cases.filter(office=office)
        deadlines = deadlines.filter(office=office)
    officers = officers_with_load(office, today=today) if office is not None else None
    offices_table = offices_with_counts(request.user, today=today) if office is None else None
    counts = cases_by_state(cases)
    context = {
        "office": office,
        "offices": offices_visible_to(request.user)
        if profile.office.level != Office.Level.DISTRICT
        else [],
        "stages": _stage_rows(counts),
        "open_total": sum(n for state, n in counts.items() if state in OPEN_STATES),
        "all_total": sum(counts.values()),
        "unassigned": cases.filter(assigned_officer__isnull=True, state__in=OPEN_STATES)
        .select_related("decision__court")
        .order_by("received_on")[:20],
        "officers": officers,
        "offices_table": offices_table,
        "board": deadline_board(deadlines, today=today),
        "today": today,
    }
    return render(request, "cases/office_dashboard.html", context)


@require_GET
def party_id_number(request: AuthedRequest, case_id: int, link_id: int) -> HttpResponse:
    """One party's identity number in full, for a user who sees the case but not in full;
    the reading is audited."""
    case = case_for_user(request.user, case_id)
    link = case.case_parties.select_related("party").filter(pk=link_id).first()
    if link is None:
        raise Http404
    party = link.party
    with transaction.atomic():
        audit_write(
            actor=request.user,
            action="party.id_number_read",
            obj=party,
            payload={"case": case.pk, "party": party.pk},
        )
    if request.headers.get("HX-Request"):
        return render(request, "cases/_id_number.html", {"party": party})
    return render(request, "cases/id_number.html", {"party": party, "case": case})
