"""Taking a workflow step: the one path by which a case changes state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import (
    DEEMED_LATER,
    NoticeMethod,
    Outcome,
    RefusalGround,
    State,
    SuspensionGround,
    TerminationGround,
    TimelineKind,
)
from ejcms.cases.models import Deadline, EnforcementCase, TimelineEvent
from ejcms.cases.permissions import act_refusal
from ejcms.cases.rules import legal_rule, time_limit_end
from ejcms.cases.services.deadlines import (
    case_calendar,
    deadline_start,
    deadlines_cancel_open,
    deadlines_meet,
)
from ejcms.cases.timeline import event_transition
from ejcms.cases.workflow import (
    DEADLINES,
    RECOVERY_CHECKS,
    RULE_DEEMED_SERVICE,
    TRANSITIONS,
    Transition,
    TransitionInput,
    transitions_from,
)
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.calendar import WorkingCalendar
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.formatting import format_date

# What a step may change on the case: the audit keeps each one's value before and after.
STEP_FIELDS = (
    "state",
    "state_since",
    "suspended_from",
    "noncompliance_on",
    "notice_method",
    "notice_given_on",
    "notice_deemed_on",
    "suspension_ground",
    "termination_ground",
    "refusal_ground",
    "outcome",
    "closed_on",
)

GROUNDS: dict[str, type[models.TextChoices]] = {
    "suspension": SuspensionGround,
    "termination": TerminationGround,
    "refusal": RefusalGround,
}


def grounds_for(transition: Transition) -> type[models.TextChoices] | None:
    kind = transition.extra.get("grounds")
    return GROUNDS[kind] if kind else None


def _role_refusal(
    actor: User | AnonymousUser, case: EnforcementCase, transition: Transition
) -> str | None:
    """Why this user may not take this step in this case, by role alone; None if they may."""
    return act_refusal(actor, case, transition.roles)


def _state_refusal(case: EnforcementCase, transition: Transition) -> str | None:
    if case.state not in transition.sources:
        return _("This step is not possible while the case is “%(state)s”.") % {
            "state": State(case.state).label
        }
    if transition.target == case.state and transition.meets:
        still_open = Deadline.objects.filter(
            case=case, key__in=transition.meets, met_on__isnull=True, cancelled_on__isnull=True
        ).exists()
        if not still_open:
            return _("This has already been recorded.")
    return None


def _date_refusal(case: EnforcementCase, on: date, today: date) -> str | None:
    if on > today:
        return _("The date of the act cannot be in the future.")
    if on < case.state_since:
        return _("The date of the act cannot be before the last step (%(date)s).") % {
            "date": format_date(case.state_since)
        }
    return None


@dataclass(frozen=True)
class AvailableStep:
    transition: Transition
    # Why the step cannot be taken now (a guard), or None when it can.
    blocked_by: str | None


def steps_for(actor: User | AnonymousUser, case: EnforcementCase) -> list[AvailableStep]:
    """The steps this user may take in this case now (role and state allow them), each with the
    reason it is blocked today, if a guard blocks it."""
    today = timezone.localdate()
    steps: list[AvailableStep] = []
    for transition in transitions_from(case.state):
        if _role_refusal(actor, case, transition) is not None:
            continue
        if _state_refusal(case, transition) is not None:
            continue
        reason = transition.guard(case, TransitionInput(on=today)) if transition.guard else None
        steps.append(AvailableStep(transition, reason))
    return steps


def _apply_effects(
    case: EnforcementCase, transition: Transition, data: TransitionInput, calendar: WorkingCalendar
) -> dict[str, str]:
    """Set what the step records on the case; returns what the timeline shows of it."""
    shown: dict[str, str] = {}
    name = transition.name
    if name == "record_noncompliance" or (name == "issue_order" and case.noncompliance_on is None):
        case.noncompliance_on = data.on
    elif name == "notify":
        case.notice_method = data.notice_method
        case.notice_given_on = data.on
        if data.notice_method in DEEMED_LATER:
            rule = legal_rule(RULE_DEEMED_SERVICE, data.on)
            case.notice_deemed_on = time_limit_end(rule, data.on, calendar)
        else:
            case.notice_deemed_on = data.on
        shown = {
            "notice_method": data.notice_method,
            "deemed_on": case.notice_deemed_on.isoformat(),
        }
    elif name == "suspend":
        case.suspended_from = case.state
        case.suspension_ground = data.ground
        shown = {"ground": data.ground}
    elif name == "resume":
        case.suspended_from = ""
        case.suspension_ground = ""
    elif name == "terminate":
        case.termination_ground = data.ground
        case.outcome = outcome_for(case, data.ground)
        shown = {"ground": data.ground, "outcome": case.outcome}
    elif name == "refuse_request":
        case.refusal_ground = data.ground
        case.outcome = Outcome.REFUSED
        case.closed_on = data.on
        shown = {"ground": data.ground}
    elif name == "close":
        case.closed_on = data.on
    return shown


OUTCOME_OF_GROUND: dict[str, Outcome | None] = {
    TerminationGround.FULLY_ENFORCED: Outcome.FULLY_ENFORCED,
    TerminationGround.FEES_PAID: Outcome.FULLY_ENFORCED,
    TerminationGround.CREDITOR_WAIVED: Outcome.WAIVED,
    TerminationGround.SUMMONSES_IGNORED: Outcome.WAIVED,
    TerminationGround.PARTIES_AGREED: Outcome.WAIVED,
    TerminationGround.DECISION_ANNULLED: Outcome.ANNULLED,
    TerminationGround.OBLIGATIONS_CANCELLED: Outcome.ANNULLED,
    # Death ends enforcement: partly enforced if anything was recovered, else impossible.
    TerminationGround.DEBTOR_DEAD: None,
    TerminationGround.CREDITOR_DEAD: None,
}


def outcome_for(case: EnforcementCase, ground: str) -> Outcome:
    """The outcome the statistics count for a case terminated on `ground`."""
    outcome = OUTCOME_OF_GROUND.get(ground)
    if outcome is not None:
        return outcome
    recovered = any(check(case) for check in RECOVERY_CHECKS)
    return Outcome.PARTLY_ENFORCED if recovered else Outcome.IMPOSSIBLE


def _check_inputs(transition: Transition, data: TransitionInput) -> None:
    errors: dict[str, str] = {}
    if "notice_method" in transition.required and data.notice_method not in NoticeMethod.values:
        errors["notice_method"] = _("Choose how the notice was given.")
    grounds = grounds_for(transition)
    if "ground" in transition.required and (grounds is None or data.ground not in grounds.values):
        errors["ground"] = _("Choose the legal ground.")
    if "note" in transition.required and not data.note.strip():
        errors["note"] = _("Give the reason.")
    if errors:
        raise ApplicationError(errors)


def _restart_after_resume(case: EnforcementCase, on: date, calendar: WorkingCalendar) -> None:
    """Deadlines stopped by the suspension run again, in full, from the day enforcement resumes."""
    suspension = (
        TimelineEvent.objects.filter(case=case, kind=TimelineKind.TRANSITION, transition="suspend")
        .order_by("-at", "-pk")
        .first()
    )
    keys = suspension.payload.get("stopped_deadlines", []) if suspension else []
    # The suspension order no longer needs notifying once enforcement has resumed.
    Deadline.objects.filter(
        case=case, key="suspension_notice", met_on__isnull=True, cancelled_on__isnull=True
    ).update(cancelled_on=on)
    for key in keys:
        if key in DEADLINES and key != "suspension_notice":
            deadline_start(case, key, start=on, calendar=calendar)


@transaction.atomic
def case_transition(
    *, actor: User, case: EnforcementCase, name: str, data: TransitionInput
) -> EnforcementCase:
    """Take workflow step `name` in `case`. Refusals raise AccessDenied or ApplicationError with
    the reason; nothing is written unless every check passes."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ApplicationError(_("Unknown workflow step “%(name)s”.") % {"name": name})
    case = EnforcementCase.objects.select_for_update().select_related("office").get(pk=case.pk)

    refusal = _role_refusal(actor, case, transition)
    if refusal:
        raise AccessDenied(refusal)
    for problem in (
        _state_refusal(case, transition),
        _date_refusal(case, data.on, timezone.localdate()),
    ):
        if problem:
            raise ApplicationError(problem)
    _check_inputs(transition, data)
    if transition.guard is not None:
        problem = transition.guard(case, data)
        if problem:
            raise ApplicationError(problem)

    from_state = case.state
    before = snapshot(case, STEP_FIELDS)
    target = transition.target_for(case)
    calendar = case_calendar(case)
    shown = _apply_effects(case, transition, data, calendar)
    met = deadlines_meet(case, transition.meets, on=data.on)
    stopped = deadlines_cancel_open(case, on=data.on) if transition.cancels_open_deadlines else []
    stage_days = None
    if target != from_state:
        stage_days = (data.on - case.state_since).days
        case.state = target
        case.state_since = data.on
    case.modified_by = actor
    case.save()

    for key in transition.starts:
        start = case.notice_deemed_on if DEADLINES[key].counted_from == "notice_deemed" else data.on
        assert start is not None
        deadline_start(case, key, start=start, calendar=calendar)
    if name == "resume":
        _restart_after_resume(case, data.on, calendar)

    payload = {
        **shown,
        "met_deadlines": [
            {"key": d.key, "due_on": d.due_on.isoformat(), "late": d.met_late} for d in met
        ],
        "stopped_deadlines": stopped,
    }
    event_transition(
        case,
        actor=actor,
        transition=name,
        from_state=from_state,
        on=data.on,
        note=data.note.strip(),
        payload=payload,
        stage_days=stage_days,
    )
    audit_write(
        actor=actor,
        action=f"case.{name}",
        obj=case,
        payload={"from": from_state, "to": case.state, "on": data.on, **payload},
        changes=changes(before, snapshot(case, STEP_FIELDS)),
    )
    return case
