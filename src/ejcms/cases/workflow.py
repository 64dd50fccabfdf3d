"""The enforcement workflow as a declared table (DOMAIN.md "Lifecycle").

Each transition says who may take it, from which states, what it requires, which statutory
deadlines it starts and which it meets, and which official document it produces. The service
`case_transition` executes the table; nothing else changes a case's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ejcms.cases.choices import (
    ACTIVE_STATES,
    MONEY_OBLIGATIONS,
    STATE_OBLIGATIONS,
    CaseSource,
    DeadlineBearer,
    ObligationKind,
    ObligationStatus,
    PartyRole,
    State,
    TerminationGround,
)
from ejcms.cases.models import EnforcementCase
from ejcms.core.formatting import format_date
from ejcms.org.roles import Role


@dataclass(frozen=True)
class DeadlineSpec:
    """A time limit the workflow tracks. Its length is the LegalRule with the same key."""

    key: str
    bearer: DeadlineBearer
    label: Promise
    counted_from: Literal["act", "notice_deemed"] = "act"


DEADLINES: dict[str, DeadlineSpec] = {
    spec.key: spec
    for spec in [
        DeadlineSpec("request_check", DeadlineBearer.OFFICE, gettext_lazy("Check the request")),
        DeadlineSpec(
            "call_parties",
            DeadlineBearer.OFFICE,
            gettext_lazy("Call the parties in and inform them of the decision"),
        ),
        DeadlineSpec(
            "enforcement_order", DeadlineBearer.OFFICE, gettext_lazy("Issue the enforcement order")
        ),
        DeadlineSpec(
            "study_decision", DeadlineBearer.OFFICE, gettext_lazy("Study the decision and plan")
        ),
        DeadlineSpec(
            "notify_debtor", DeadlineBearer.OFFICE, gettext_lazy("Notify the debtor to comply")
        ),
        DeadlineSpec(
            "compliance_period",
            DeadlineBearer.DEBTOR,
            gettext_lazy("Debtor's period to comply"),
            counted_from="notice_deemed",
        ),
        DeadlineSpec(
            "suspension_notice",
            DeadlineBearer.OFFICE,
            gettext_lazy("Notify the suspension order"),
        ),
        DeadlineSpec(
            "closure_notice", DeadlineBearer.OFFICE, gettext_lazy("Notify the closure order")
        ),
        # Enforcement measures (Art. 24–62), started and met by the measures services.
        DeadlineSpec(
            "freeze_order", DeadlineBearer.OFFICE, gettext_lazy("Issue the freezing order")
        ),
        DeadlineSpec(
            "seizure_execution", DeadlineBearer.OFFICE, gettext_lazy("Carry out the seizure")
        ),
        DeadlineSpec(
            "bank_debit_transfer",
            DeadlineBearer.THIRD,
            gettext_lazy("Bank transfers the debited money"),
        ),
        DeadlineSpec(
            "valuation_notice", DeadlineBearer.OFFICE, gettext_lazy("Notify the valuation result")
        ),
        DeadlineSpec(
            "valuation_objection",
            DeadlineBearer.PARTIES,
            gettext_lazy("Object to the valuation"),
        ),
        DeadlineSpec(
            "objection_decision",
            DeadlineBearer.OFFICE,
            gettext_lazy("Decide the objection to the valuation"),
        ),
        DeadlineSpec(
            "owner_sale_before_valuation",
            DeadlineBearer.DEBTOR,
            gettext_lazy("Owner sells the asset himself"),
        ),
        DeadlineSpec(
            "owner_sale_after_valuation",
            DeadlineBearer.DEBTOR,
            gettext_lazy("Owner sells the asset himself"),
        ),
        DeadlineSpec(
            "sale_advertisement",
            DeadlineBearer.OFFICE,
            gettext_lazy("Public advertisement of sale"),
        ),
        DeadlineSpec(
            "auction_deposit", DeadlineBearer.BUYER, gettext_lazy("Winning bidder pays the deposit")
        ),
        DeadlineSpec(
            "auction_balance", DeadlineBearer.BUYER, gettext_lazy("Winning bidder pays the balance")
        ),
        DeadlineSpec(
            "eviction_period", DeadlineBearer.DEBTOR, gettext_lazy("Occupants vacate the premises")
        ),
    ]
}

# Checks that a case is fully enforced, each returning what is still missing (or None). The cases
# app checks non-money obligations; the finance app adds the ledger's check when it loads.
CompletionCheck = Callable[[EnforcementCase], str | None]
COMPLETION_CHECKS: list[CompletionCheck] = []
# Whether anything was recovered in a case (set by the finance app), for the outcome.
RecoveryCheck = Callable[[EnforcementCase], bool]
RECOVERY_CHECKS: list[RecoveryCheck] = []


def _non_money_obligations_done(case: EnforcementCase) -> str | None:
    pending = [
        o
        for o in case.obligations.all()
        if o.kind not in MONEY_OBLIGATIONS and o.status == ObligationStatus.OPEN
    ]
    if pending:
        return _("Not yet marked as done: %(items)s.") % {
            "items": ", ".join(str(ObligationKind(o.kind).label) for o in pending)
        }
    return None


COMPLETION_CHECKS.append(_non_money_obligations_done)


def completion_gaps(case: EnforcementCase) -> list[str]:
    """What still stands between the case and "fully enforced"; empty when nothing does."""
    return [gap for check in COMPLETION_CHECKS if (gap := check(case)) is not None]


# Rules the workflow reads that are not deadlines of their own.
RULE_DEEMED_SERVICE = "deemed_service"


@dataclass(frozen=True)
class TransitionInput:
    """What the user gives when taking a step: the date of the act and the step's own fields."""

    on: date
    note: str = ""
    notice_method: str = ""
    ground: str = ""


Guard = Callable[[EnforcementCase, TransitionInput], str | None]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[State]
    # None: back to the state the case was in when it was suspended.
    target: State | None
    roles: frozenset[Role]
    article: str
    fields: tuple[str, ...] = ()
    # Inputs that must be given (a ground, a reason in the note).
    required: tuple[str, ...] = ()
    guard: Guard | None = None
    starts: tuple[str, ...] = ()
    meets: tuple[str, ...] = ()
    # Open office deadlines stop running (suspension, termination).
    cancels_open_deadlines: bool = False
    # The official document this step produces (generated by the documents module).
    document: str = ""
    style: Literal["primary", "secondary", "warning", "danger"] = "primary"
    extra: dict[str, Any] = field(default_factory=dict)

    def target_for(self, case: EnforcementCase) -> State:
        if self.target is not None:
            return self.target
        return State(case.suspended_from)


OFFICER_OR_HEAD = frozenset({Role.OFFICER, Role.HEAD})
HEAD = frozenset({Role.HEAD})


def _guard_parties_and_obligations(case: EnforcementCase, data: TransitionInput) -> str | None:
    roles = set(case.case_parties.values_list("role", flat=True))
    kinds = set(case.obligations.values_list("kind", flat=True))
    if PartyRole.DEBTOR not in roles:
        return _("The case has no person subject to enforcement.")
    if not kinds:
        return _("The case has no obligation to enforce.")
    if PartyRole.CREDITOR not in roles and not kinds <= STATE_OBLIGATIONS:
        return _("The case has no judgment creditor.")
    return None


def _guard_noncompliance_not_recorded(case: EnforcementCase, data: TransitionInput) -> str | None:
    if case.noncompliance_on is not None:
        return _("Non-compliance was already recorded on %(date)s.") % {
            "date": format_date(case.noncompliance_on)
        }
    return None


def _guard_notice_deemed_received(case: EnforcementCase, data: TransitionInput) -> str | None:
    if case.notice_deemed_on is not None and data.on < case.notice_deemed_on:
        return _(
            "The notice counts as received only on %(date)s (Art. 22); "
            "the compliance period starts then."
        ) % {"date": format_date(case.notice_deemed_on)}
    return None


def _guard_compliance_period_over(case: EnforcementCase, data: TransitionInput) -> str | None:
    period = case.deadlines.filter(key="compliance_period", cancelled_on__isnull=True).first()
    if period is not None and data.on <= period.due_on:
        return _(
            "The debtor may comply until %(date)s (Art. 23); compulsory enforcement starts after."
        ) % {"date": format_date(period.due_on)}
    return None


def _guard_fully_enforced(case: EnforcementCase, data: TransitionInput) -> str | None:
    if data.ground != TerminationGround.FULLY_ENFORCED:
        return None
    gaps = completion_gaps(case)
    if gaps:
        return _("The decision is not fully enforced yet (Art. 48.1). %(gaps)s") % {
            "gaps": " ".join(gaps)
        }
    return None


def _guard_request_case(case: EnforcementCase, data: TransitionInput) -> str | None:
    if case.source != CaseSource.REQUEST:
        return _("Only a request for enforcement can be refused (Art. 47).")
    return None


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            name="call_parties",
            label=gettext_lazy("Call the parties in"),
            sources=frozenset({State.RECEIVED}),
            target=State.VOLUNTARY,
            roles=OFFICER_OR_HEAD,
            article="18",
            fields=("note",),
            guard=_guard_parties_and_obligations,
            meets=("request_check", "call_parties"),
            document="voluntary_minutes",
        ),
        Transition(
            name="record_noncompliance",
            label=gettext_lazy("Record non-compliance"),
            sources=frozenset({State.VOLUNTARY}),
            target=State.VOLUNTARY,
            roles=OFFICER_OR_HEAD,
            article="20",
            fields=("note",),
            guard=_guard_noncompliance_not_recorded,
            starts=("enforcement_order",),
            style="warning",
        ),
        Transition(
            name="issue_order",
            label=gettext_lazy("Issue the enforcement order"),
            sources=frozenset({State.VOLUNTARY}),
            target=State.ORDERED,
            roles=HEAD,
            article="20",
            fields=("note",),
            meets=("enforcement_order",),
            starts=("study_decision",),
            document="enforcement_order",
        ),
        Transition(
            name="complete_study",
            label=gettext_lazy("Decision studied, plan made"),
            sources=frozenset({State.ORDERED}),
            target=State.PLANNED,
            roles=OFFICER_OR_HEAD,
            article="21",
            fields=("note",),
            meets=("study_decision",),
            starts=("notify_debtor",),
        ),
        Transition(
            name="notify",
            label=gettext_lazy("Record the notice to comply"),
            sources=frozenset({State.PLANNED}),
            target=State.NOTIFIED,
            roles=OFFICER_OR_HEAD,
            article="22",
            fields=("notice_method", "note"),
            required=("notice_method",),
            meets=("notify_debtor",),
            starts=("compliance_period",),
            document="notice_to_debtor",
        ),
        Transition(
            name="start_compliance",
            label=gettext_lazy("Notice received: compliance period runs"),
            sources=frozenset({State.NOTIFIED}),
            target=State.COMPLIANCE,
            roles=OFFICER_OR_HEAD,
            article="23",
            fields=("note",),
            guard=_guard_notice_deemed_received,
        ),
        Transition(
            name="start_compulsory",
            label=gettext_lazy("Start compulsory enforcement"),
            sources=frozenset({State.COMPLIANCE}),
            target=State.COMPULSORY,
            roles=OFFICER_OR_HEAD,
            article="23",
            fields=("note",),
            guard=_guard_compliance_period_over,
        ),
        Transition(
            name="suspend",
            label=gettext_lazy("Suspend enforcement"),
            sources=ACTIVE_STATES,
            target=State.SUSPENDED,
            roles=HEAD,
            article="71, 43, 73",
            fields=("ground", "note"),
            required=("ground",),
            starts=("suspension_notice",),
            cancels_open_deadlines=True,
            document="suspension_order",
            style="warning",
            extra={"grounds": "suspension"},
        ),
        Transition(
            name="record_suspension_notice",
            label=gettext_lazy("Suspension order notified"),
            sources=frozenset({State.SUSPENDED}),
            target=State.SUSPENDED,
            roles=OFFICER_OR_HEAD,
            article="43",
            fields=("note",),
            meets=("suspension_notice",),
            style="secondary",
        ),
        Transition(
            name="resume",
            label=gettext_lazy("Resume enforcement"),
            sources=frozenset({State.SUSPENDED}),
            target=None,
            roles=HEAD,
            article="71, 44",
            fields=("note",),
            required=("note",),
            document="resumption_order",
        ),
        Transition(
            name="terminate",
            label=gettext_lazy("Terminate enforcement"),
            sources=ACTIVE_STATES | {State.SUSPENDED},
            target=State.TERMINATED,
            roles=HEAD,
            article="48",
            fields=("ground", "note"),
            required=("ground",),
            guard=_guard_fully_enforced,
            cancels_open_deadlines=True,
            style="danger",
            extra={"grounds": "termination"},
        ),
        Transition(
            name="close",
            label=gettext_lazy("Issue the closure order"),
            sources=frozenset({State.TERMINATED}),
            target=State.CLOSED,
            roles=HEAD,
            article="49, 50",
            fields=("note",),
            starts=("closure_notice",),
            document="closure_order",
        ),
        Transition(
            name="record_closure_notice",
            label=gettext_lazy("Closure order notified"),
            sources=frozenset({State.CLOSED}),
            target=State.CLOSED,
            roles=OFFICER_OR_HEAD,
            article="50",
            fields=("note",),
            meets=("closure_notice",),
            style="secondary",
        ),
        Transition(
            name="refuse_request",
            label=gettext_lazy("Refuse the request"),
            sources=frozenset({State.RECEIVED}),
            target=State.REFUSED,
            roles=HEAD,
            article="47",
            fields=("ground", "note"),
            required=("ground",),
            guard=_guard_request_case,
            meets=("request_check",),
            style="danger",
            extra={"grounds": "refusal"},
        ),
    ]
}


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
