"""The Train-the-Trainer screens: trainings, attendance and scores, certificates, and the public
page that verifies a certificate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ejcms.core.errors import ApplicationError
from ejcms.core.formatting import format_date
from ejcms.core.forms import DateInput, attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.documents.render import render_pdf
from ejcms.guidelines.selectors import sections_for
from ejcms.org.models import StaffProfile
from ejcms.org.roles import Role
from ejcms.org.selectors import staff_profile
from ejcms.training.models import Certificate, Event, Level, Module, Participant
from ejcms.training.results import event_results
from ejcms.training.tot import (
    FOLLOW_UP_AFTER,
    EventData,
    attendance_rate,
    certificate_issue,
    certificate_verify,
    event_create,
    feedback_give,
    follow_up_record,
    may_manage_training,
    participant_add,
    record_results,
)


class EventForm(forms.Form):
    module = forms.ModelChoiceField(label=gettext_lazy("Module"), queryset=Module.objects.all())
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=Level.choices)
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), widget=DateInput())
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=1, max_value=500)
    trainers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Trainers"),
        queryset=get_user_model()
        .objects.filter(staff_profile__isnull=False)
        .order_by("staff_profile__full_name_lo"),
    )


def event_list(request: AuthedRequest) -> HttpResponse:
    manager = may_manage_training(request.user)
    events = Event.objects.select_related("module").prefetch_related("trainers")
    if not manager:
        events = events.filter(participants__user=request.user)
    profile = staff_profile(request.user)
    context = {
        "events": events,
        "manager": manager,
        "is_head": profile is not None and profile.role == Role.HEAD,
    }
    return render(request, "training/events.html", context)


@require_http_methods(["GET", "POST"])
def event_new(request: AuthedRequest) -> HttpResponse:
    if not may_manage_training(request.user):
        raise PermissionDenied(_("Only trainers organise trainings."))
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = event_create(
                actor=request.user,
                data=EventData(
                    module=data["module"],
                    level=data["level"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    place=data["place"],
                    capacity=data["capacity"],
                    trainers=list(data["trainers"]),
                ),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            return redirect("training:event", event_id=event.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/event_new.html", {"form": form}, status=status)


def _event(request: AuthedRequest, event_id: int) -> tuple[Event, bool, Participant | None]:
    event = Event.objects.select_related("module").filter(pk=event_id).first()
    if event is None:
        raise Http404
    is_trainer = event.trainers.filter(pk=request.user.pk).exists()
    mine = event.participants.filter(user=request.user).first()
    if not (is_trainer or mine or may_manage_training(request.user)):
        raise Http404
    return event, is_trainer, mine


@require_http_methods(["GET", "POST"])
def event_page(request: AuthedRequest, event_id: int) -> HttpResponse:
    event, is_trainer, mine = _event(request, event_id)
    sessions = list(event.sessions.all())
    participants = list(
        event.participants.select_related("user__staff_profile__office")
        .prefetch_related("attendance")
        .order_by("user__staff_profile__full_name_lo")
    )
    errors: list[str] = []
    if request.method == "POST" and is_trainer:
        action = request.POST.get("action", "")
        try:
            if action == "add":
                user = get_user_model().objects.filter(pk=request.POST.get("user", "0")).first()
                if user is None:
                    raise ApplicationError(_("Choose a member of staff."))
                participant_add(actor=request.user, event=event, user=user)
            elif action == "results":
                present = {
                    p.pk: {s.pk for s in sessions if request.POST.get(f"present_{p.pk}_{s.pk}")}
                    for p in participants
                }
                scores = {
                    p.pk: (
                        _int(request.POST.get(f"pre_{p.pk}")),
                        _int(request.POST.get(f"post_{p.pk}")),
                    )
                    for p in participants
                }
                record_results(actor=request.user, event=event, present=present, scores=scores)
            elif action == "certificate":
                participant = event.participants.filter(
                    pk=request.POST.get("participant", "0")
                ).first()
                if participant is None:
                    raise Http404
                certificate_issue(actor=request.user, participant=participant)
        except ApplicationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect("training:event", event_id=event.pk)
    elif request.method == "POST" and mine is not None and request.POST.get("action") == "feedback":
        try:
            feedback_give(
                actor=request.user,
                participant=mine,
                rating=_int(request.POST.get("rating")) or 0,
                comments=request.POST.get("comments", ""),
            )
        except ApplicationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("training:event", event_id=event.pk)
    rows = []
    for p in participants:
        attended = {a.session_id for a in p.attendance.all() if a.present}
        rows.append(
            (
                p,
                [(s, s.pk in attended) for s in sessions],
                round(100 * attendance_rate(p)),
                getattr(p, "certificate", None),
            )
        )
    candidates = (
        StaffProfile.objects.exclude(user__in=[p.user_id for p in participants]).order_by(
            "office__code", "full_name_lo"
        )[:500]
        if is_trainer
        else []
    )
    context: dict[str, Any] = {
        "event": event,
        "sessions": sessions,
        "rows": rows,
        "is_trainer": is_trainer,
        "mine": mine,
        "errors": errors,
        "candidates": candidates,
        # The Guidelines' sections the module teaches.
        "guides": sections_for([f"module:{event.module.code}"])[f"module:{event.module.code}"],
    }
    return render(request, "training/event.html", context, status=400 if errors else 200)


def _int(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def certificate_pdf(request: AuthedRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("participant__event__module", "participant__user")
        .filter(code=code)
        .first()
    )
    if certificate is None:
        raise Http404
    participant = certificate.participant
    event = participant.event
    if not (
        participant.user_id == request.user.pk
        or event.trainers.filter(pk=request.user.pk).exists()
        or may_manage_training(request.user)
    ):
        raise Http404
    profile = staff_profile(participant.user)
    verify_url = request.build_absolute_uri(f"/verify/?code={certificate.code}")
    # An official document in Lao: its wording is in the template, the data is Lao too.
    with translation.override("lo"):
        pdf = render_pdf(
            "certificate",
            {
                "name": profile.full_name_lo if profile else participant.user.get_username(),
                "course": event.module.title_lo,
                "level": str(Level(event.level).label),
                "dates": f"{format_date(event.starts_on)} – {format_date(event.ends_on)}",
                "place": event.place,
                "code": certificate.code,
                "verify_url": verify_url,
                "issued_on": format_date(certificate.issued_on),
            },
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_not_required
def verify(request: AuthedRequest) -> HttpResponse:
    """Public: a certificate's name, course and date for a real code; nothing for another."""
    code = request.GET.get("code", "").strip()
    result = certificate_verify(code) if code else None
    return render(request, "training/verify.html", {"code": code, "result": result})


def my_record(request: AuthedRequest) -> HttpResponse:
    """One's own training record: trainings, scores, certificates, and the competencies rated."""
    from ejcms.training.models import Rating

    participations = (
        Participant.objects.filter(user=request.user)
        .select_related("event__module")
        .order_by("-event__starts_on")
    )
    ratings = (
        Rating.objects.filter(
            response__respondent=request.user, response__submitted_at__isnull=False
        )
        .select_related("competency", "response__campaign")
        .order_by("-response__submitted_at", "competency__number")
    )
    return render(
        request,
        "training/my_record.html",
        {
            "participations": participations,
            "ratings": ratings,
        },
    )


def event_results_page(request: AuthedRequest, event_id: int) -> HttpResponse:
    """Level 4: the participants' case results before and after, beside untrained colleagues."""
    event, is_trainer, _mine = _event(request, event_id)
    if not is_trainer:  # each officer's case results: for the training's own trainers only
        raise Http404
    comparison = event_results(event, timezone.localdate())
    return render(request, "training/event_results.html", {"event": event, "c": comparison})


class FollowUpForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Applies it at work (1–5)"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@require_http_methods(["GET", "POST"])
def follow_ups(request: AuthedRequest) -> HttpResponse:
    """For the head of office: his staff trained three months ago or more, to follow up."""
    profile = staff_profile(request.user)
    if profile is None or profile.role != Role.HEAD:
        raise PermissionDenied(_("Only a head of office follows up his staff's training."))
    due = timezone.localdate() - FOLLOW_UP_AFTER
    pending = list(
        Participant.objects.filter(
            user__staff_profile__office=profile.office,
            certificate__isnull=False,
            event__ends_on__lte=due,
            follow_up_on__isnull=True,
        )
        .select_related("event__module", "user__staff_profile")
        .order_by("event__ends_on")
    )
    chosen = next((p for p in pending if str(p.pk) == request.GET.get("p", "")), None)
    form = FollowUpForm(request.POST or None, initial={"on": timezone.localdate()})
    if chosen is not None and request.method == "POST" and form.is_valid():
        try:
            follow_up_record(
                actor=request.user,
                participant=chosen,
                on=form.cleaned_data["on"],
                rating=form.cleaned_data["rating"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect("training:follow_ups")
    context = {"pending": pending, "chosen": chosen, "form": form}
    return render(
        request,
        "training/follow_ups.html",
        context,
        status=400 if form.errors and request.method == "POST" else 200,
    )
