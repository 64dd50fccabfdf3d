"""One small constructor per timeline event type, so every event of a kind has the same shape."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from ejcms.cases.choices import (
    ComplaintAgainst,
    ComplaintDecision,
    NoticeMethod,
    ObligationKind,
    PartyRole,
    RefusalGround,
    State,
    SuspensionGround,
    TerminationGround,
    TimelineKind,
)
from ejcms.cases.models import EnforcementCase, Party, TimelineEvent
from ejcms.cases.workflow import TRANSITIONS


def _event(
    case: EnforcementCase,
    kind: TimelineKind,
    *,
    actor: User | None,
    on: date,
    note: str = "",
    payload: dict[str, Any] | None = None,
    **fields: Any,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        on=on,
        at=timezone.now(),
        note=note,
        payload=payload or {},
        **fields,
    )


def event_registered(case: EnforcementCase, *, actor: User | None) -> TimelineEvent:
    return _event(
        case,
        TimelineKind.REGISTERED,
        actor=actor,
        on=case.received_on,
        to_state=case.state,
        payload={"register": case.register_label, "source": case.source},
    )


def event_transition(
    case: EnforcementCase,
    *,
    actor: User,
    transition: str,
    from_state: str,
    on: date,
    note: str,
    payload: dict[str, Any],
    stage_days: int | None = None,
) -> TimelineEvent:
    return _event(
        case,
        TimelineKind.TRANSITION,
        actor=actor,
        on=on,
        note=note,
        payload=payload,
        transition=transition,
        from_state=from_state,
        to_state=case.state,
        stage_days=stage_days,
    )


def event_assigned(
    case: EnforcementCase,
    *,
    actor: User | None,
    officer: User | None,
    on: date,
    open_cases: int | None = None,
) -> TimelineEvent:
    return _event(
        case,
        TimelineKind.ASSIGNED,
        actor=actor,
        on=on,
        payload={
            "officer": officer.pk if officer else None,
            "automatic": True,
            "open_cases": open_cases,
        },
    )


def event_reassigned(
    case: EnforcementCase,
    *,
    actor: User,
    previous: User | None,
    officer: User,
    on: date,
    reason: str,
) -> TimelineEvent:
    return _event(
        case,
        TimelineKind.REASSIGNED,
        actor=actor,
        on=on,
        note=reason,
        payload={"officer": officer.pk, "previous": previous.pk if previous else None},
    )


def event_party_corrected(
    case: EnforcementCase, *, actor: User, on: date, party: Party, fields: list[str]
) -> TimelineEvent:
    return _event(
        case,
        TimelineKind.PARTY_CORRECTED,
        actor=actor,
        on=on,
        payload={"party": party.pk, "name": party.name_lo, "fields": fields},
    )


def event_record(
    case: EnforcementCase,
    kind: TimelineKind,
    *,
    actor: User | None,
    on: date,
    payload: dict[str, Any],
    note: str = "",
) -> TimelineEvent:
    """An event of the measures or money modules; `DESCRIBERS[kind]` turns it into a sentence."""
    return _event(case, kind, actor=actor, on=on, note=note, payload=payload)


# Sentences for events recorded by other modules (measures, finance), registered when they load.
Describer = Callable[[TimelineEvent, dict[int, str]], str]
DESCRIBERS: dict[str, Describer] = {}


# The words of a complaint's sentence on the timeline (the choices' labels are headings).
COMPLAINANT_WORDS: dict[str, Promise] = {
    PartyRole.CREDITOR: gettext_lazy("the judgment creditor"),
    PartyRole.DEBTOR: gettext_lazy("the debtor"),
    PartyRole.THIRD_PARTY: gettext_lazy("a third party"),
}
AGAINST_WORDS: dict[str, Promise] = {
    ComplaintAgainst.ORDER: gettext_lazy("the enforcement order"),
    ComplaintAgainst.VALUATION: gettext_lazy("the valuation of assets"),
    ComplaintAgainst.MEASURE: gettext_lazy("an enforcement measure"),
    ComplaintAgainst.CLOSURE: gettext_lazy("the closure order"),
    ComplaintAgainst.CONDUCT: gettext_lazy("an officer's conduct"),
}
# With a context: "rejected" alone already means a rejected objection to a valuation.
DECISION_WORDS: dict[str, Promise] = {
    ComplaintDecision.UPHELD: pgettext_lazy("complaint", "upheld"),
    ComplaintDecision.PARTLY: pgettext_lazy("complaint", "partly upheld"),
    ComplaintDecision.REJECTED: pgettext_lazy("complaint", "rejected"),
}


def describe_complaint(event: TimelineEvent, names: dict[int, str]) -> str:
    """The sentence for a complaint filed, or for the decision on it."""
    p = event.payload or {}
    against = str(AGAINST_WORDS.get(p.get("against", ""), p.get("against", "")))
    if p.get("action") == "decided":
        return _("Complaint against %(against)s decided: %(decision)s.") % {
            "against": against,
            "decision": str(DECISION_WORDS.get(p.get("decision", ""), p.get("decision", ""))),
        }
    return _("Complaint filed by %(complainant)s against %(against)s.") % {
        "complainant": str(
            COMPLAINANT_WORDS.get(p.get("complainant", ""), p.get("complainant", ""))
        ),
        "against": against,
    }


DESCRIBERS[TimelineKind.COMPLAINT] = describe_complaint


def describe(event: TimelineEvent, names: dict[int, str]) -> str:
    """The sentence the case page shows for an event, in the user's language."""
    payload = event.payload or {}
    if event.kind in DESCRIBERS:
        return DESCRIBERS[event.kind](event, names)
    if event.kind == TimelineKind.OBLIGATION:
        kind = payload.get("kind", "")
        label = ObligationKind(kind).label if kind in ObligationKind.values else kind
        return _("Obligation fulfilled: %(obligation)s.") % {"obligation": label}
    if event.kind == TimelineKind.REGISTERED:
        return _("Case registered as %(register)s.") % {"register": payload.get("register", "")}
    if event.kind == TimelineKind.ASSIGNED:
        officer = payload.get("officer")
        if officer is None:
            return _("No active officer in the office: the case waits for the head to assign it.")
        return _("Assigned automatically to %(officer)s (%(count)s open cases before).") % {
            "officer": names.get(officer, "?"),
            "count": payload.get("open_cases", 0),
        }
    if event.kind == TimelineKind.PARTY_CORRECTED:
        labels = [
            str(getattr(Party._meta.get_field(f), "verbose_name", f))
            for f in payload.get("fields", [])
        ]
        return _("Details of %(name)s corrected: %(fields)s.") % {
            "name": payload.get("name", ""),
            "fields": ", ".join(labels),
        }
    if event.kind == TimelineKind.REASSIGNED:
        previous = payload.get("previous")
        return _("Reassigned from %(previous)s to %(officer)s.") % {
            "previous": names.get(previous, "—") if previous else "—",
            "officer": names.get(payload.get("officer", 0), "?"),
        }
    transition = TRANSITIONS.get(event.transition)
    text = str(transition.label) if transition else event.transition
    if event.from_state != event.to_state and event.to_state:
        text += f" → {State(event.to_state).label}"
    details = []
    ground = payload.get("ground")
    for choices in (SuspensionGround, TerminationGround, RefusalGround):
        if ground in choices.values:
            details.append(str(choices(ground).label))
            break
    if payload.get("notice_method") in NoticeMethod.values:
        details.append(str(NoticeMethod(payload["notice_method"]).label))
    late = [item for item in payload.get("met_deadlines", []) if item.get("late")]
    if late:
        details.append(_("done after the time limit"))
    return f"{text} ({'; '.join(details)})" if details else text


def actor_ids(events: list[TimelineEvent]) -> set[int]:
    """Users named in events (actors and officers), to fetch their names in one query."""
    ids: set[int] = set()
    for event in events:
        if event.actor_id:
            ids.add(event.actor_id)
        for key in ("officer", "previous"):
            value = (event.payload or {}).get(key)
            if isinstance(value, int):
                ids.add(value)
    return ids
