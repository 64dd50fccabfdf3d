"""Every workflow transition, allowed and refused, with its deadlines, timeline and audit."""

from __future__ import annotations

from datetime import date

import pytest

from ejcms.cases.choices import CaseSource, State, TimelineKind
from ejcms.cases.models import Deadline, EnforcementCase
from ejcms.cases.services import case_transition, steps_for
from ejcms.cases.workflow import TRANSITIONS, TransitionInput
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from tests.conftest import STANDARD_PATH, advance


def _open(case: EnforcementCase) -> dict[str, date]:
    return {
        d.key: d.due_on
        for d in Deadline.objects.filter(case=case, met_on__isnull=True, cancelled_on__isnull=True)
    }


def _take(case, actor, name, on, **extra):
    return case_transition(actor=actor, case=case, name=name, data=TransitionInput(on=on, **extra))


@pytest.mark.django_db
class TestStandardPath:
    def test_registration_starts_the_call_in_deadline(self, make_case):
        case = make_case()
        assert case.state == State.RECEIVED
        # 5 working days from Monday 3 March 2025 (Art. 18). Monday 10 March is the day off in
        # lieu of Women's Day (Saturday 8 March), so the fifth working day is Tuesday 11 March.
        assert _open(case) == {"call_parties": date(2025, 3, 11)}

    def test_a_request_also_starts_the_three_day_check(self, make_case):
        case = make_case(source=CaseSource.REQUEST)
        assert _open(case) == {"request_check": date(2025, 3, 6), "call_parties": date(2025, 3, 11)}

    def test_each_step_moves_the_case_and_meets_and_starts_its_deadlines(self, make_case, cast):
        case = make_case()
        expected = {
            "call_parties": (State.VOLUNTARY, {}),
            # 5 WD from Tuesday 11 March (Art. 20).
            "record_noncompliance": (State.VOLUNTARY, {"enforcement_order": date(2025, 3, 18)}),
            # 10 WD from Wednesday 12 March (Art. 21).
            "issue_order": (State.ORDERED, {"study_decision": date(2025, 3, 26)}),
            # 5 WD from Thursday 20 March (Art. 22).
            "complete_study": (State.PLANNED, {"notify_debtor": date(2025, 3, 27)}),
            # 30 calendar days from the notice given in person on 24 March (Art. 23).
            "notify": (State.NOTIFIED, {"compliance_period": date(2025, 4, 23)}),
            "start_compliance": (State.COMPLIANCE, {"compliance_period": date(2025, 4, 23)}),
            "start_compulsory": (State.COMPULSORY, {"compliance_period": date(2025, 4, 23)}),
            "terminate": (State.TERMINATED, {}),
            # 5 WD from Tuesday 6 May (Art. 50).
            "close": (State.CLOSED, {"closure_notice": date(2025, 5, 13)}),
            "record_closure_notice": (State.CLOSED, {}),
        }
        for name, _on, _who, _extra in STANDARD_PATH:
            case = advance(case, cast, name)
            state, open_deadlines = expected[name]
            assert case.state == state, name
            assert _open(case) == open_deadlines, name
        met = dict(
            Deadline.objects.filter(case=case, met_on__isnull=False).values_list("key", "met_on")
        )
        assert met == {
            "call_parties": date(2025, 3, 5),
            "enforcement_order": date(2025, 3, 12),
            "study_decision": date(2025, 3, 20),
            "notify_debtor": date(2025, 3, 24),
            "closure_notice": date(2025, 5, 8),
        }
        # Terminating stopped the debtor's compliance period, which had run out anyway.
        assert Deadline.objects.get(case=case, key="compliance_period").cancelled_on == date(
            2025, 5, 5
        )
        assert case.closed_on == date(2025, 5, 6)

    def test_every_step_leaves_a_timeline_entry_and_an_audit_record(self, make_case, cast):
        case = make_case()
        advance(case, cast, "notify")
        events = list(case.events.filter(kind=TimelineKind.TRANSITION).order_by("at", "pk"))
        assert [e.transition for e in events] == [
            "call_parties",
            "record_noncompliance",
            "issue_order",
            "complete_study",
            "notify",
        ]
        assert events[2].actor == cast.head
        assert events[2].to_state == State.ORDERED
        assert events[4].on == date(2025, 3, 24)
        actions = list(
            AuditRecord.objects.filter(object_id=str(case.pk), object_type="cases.enforcementcase")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        assert actions == [
            "case.register",
            "case.call_parties",
            "case.record_noncompliance",
            "case.issue_order",
            "case.complete_study",
            "case.notify",
        ]

    def test_a_late_step_is_recorded_as_met_late(self, make_case, cast):
        case = make_case()
        case = _take(case, cast.officer, "call_parties", date(2025, 3, 14))
        deadline = Deadline.objects.get(case=case, key="call_parties")
        assert deadline.met_on == date(2025, 3, 14)
        assert deadline.met_late


@pytest.mark.django_db
class TestNotice:
    def test_a_posted_notice_counts_as_received_ten_working_days_later(self, make_case, cast):
        case = advance(make_case(), cast, "complete_study")
        case = _take(case, cast.officer, "notify", date(2025, 3, 24), notice_method="posting")
        # 10 WD from Monday 24 March 2025 is Monday 7 April; 30 days from then, 7 May.
        assert case.notice_deemed_on == date(2025, 4, 7)
        assert _open(case) == {"compliance_period": date(2025, 5, 7)}

    def test_the_compliance_period_cannot_start_before_the_notice_counts_as_received(
        self, make_case, cast
    ):
        case = advance(make_case(), cast, "complete_study")
        case = _take(case, cast.officer, "notify", date(2025, 3, 24), notice_method="media")
        with pytest.raises(ApplicationError, match=r"Art\. 22|ມາດຕາ 22"):
            _take(case, cast.officer, "start_compliance", date(2025, 4, 1))
        case = _take(case, cast.officer, "start_compliance", date(2025, 4, 7))
        assert case.state == State.COMPLIANCE

    def test_compulsory_enforcement_waits_for_the_end_of_the_thirty_days(self, make_case, cast):
        case = advance(make_case(), cast, "start_compliance")
        with pytest.raises(ApplicationError):
            _take(case, cast.officer, "start_compulsory", date(2025, 4, 23))
        assert EnforcementCase.objects.get(pk=case.pk).state == State.COMPLIANCE
        case = _take(case, cast.officer, "start_compulsory", date(2025, 4, 24))
        assert case.state == State.COMPULSORY

    def test_a_notice_needs_its_method(self, make_case, cast):
        case = advance(make_case(), cast, "complete_study")
        with pytest.raises(ApplicationError) as refused:
            _take(case, cast.officer, "notify", date(2025, 3, 24))
        assert "notice_method" in refused.value.error_dict
        assert EnforcementCase.objects.get(pk=case.pk).state == State.PLANNED


@pytest.mark.django_db
class TestSuspension:
    def test_suspension_stops_the_deadlines_and_resumption_restores_stage_and_deadlines(
        self, make_case, cast
    ):
        case = advance(make_case(), cast, "issue_order")  # ordered, study deadline running
        case = _take(case, cast.head, "suspend", date(2025, 3, 14), ground="no_means")
        assert case.state == State.SUSPENDED
        assert case.suspended_from == State.ORDERED
        # The study deadline stopped; the suspension order must be notified within 7 WD (Art. 43).
        assert _open(case) == {"suspension_notice": date(2025, 3, 25)}
        assert Deadline.objects.get(case=case, key="study_decision").cancelled_on == date(
            2025, 3, 14
        )

        case = _take(case, cast.officer, "record_suspension_notice", date(2025, 3, 18))
        with pytest.raises(ApplicationError):  # recorded once only
            _take(case, cast.officer, "record_suspension_notice", date(2025, 3, 19))

        case = _take(case, cast.head, "resume", date(2025, 6, 2), note="ພົບຊັບສິນໃໝ່ຂອງຜູ້ກ່ຽວ")
        assert case.state == State.ORDERED
        assert case.suspended_from == ""
        assert case.suspension_ground == ""
        # The study runs again in full from the day of resumption: 10 WD from Monday 2 June.
        assert _open(case) == {"study_decision": date(2025, 6, 16)}

    def test_resumption_needs_a_reason(self, make_case, cast):
        case = advance(make_case(), cast, "call_parties")
        case = _take(case, cast.head, "suspend", date(2025, 3, 6), ground="illness")
        with pytest.raises(ApplicationError) as refused:
            _take(case, cast.head, "resume", date(2025, 3, 20))
        assert "note" in refused.value.error_dict

    def test_suspension_needs_a_ground_of_article_71_or_43(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError) as refused:
            _take(case, cast.head, "suspend", date(2025, 3, 4), ground="not-a-ground")
        assert "ground" in refused.value.error_dict

    @pytest.mark.parametrize(
        "until", [None, "call_parties", "issue_order", "notify", "start_compulsory"]
    )
    def test_any_open_stage_can_be_suspended_and_terminated(self, make_case, cast, until):
        case = make_case()
        if until:
            case = advance(case, cast, until)
        on = case.state_since
        suspended = _take(case, cast.head, "suspend", on, ground="whereabouts_unknown")
        assert suspended.state == State.SUSPENDED
        terminated = _take(suspended, cast.head, "terminate", on, ground="creditor_waived")
        assert terminated.state == State.TERMINATED
        assert terminated.termination_ground == "creditor_waived"
        assert _open(terminated) == {}


@pytest.mark.django_db
class TestRefusal:
    def test_a_request_can_be_refused_on_an_article_47_ground(self, make_case, cast):
        case = make_case(source=CaseSource.REQUEST)
        case = _take(case, cast.head, "refuse_request", date(2025, 3, 5), ground="no_jurisdiction")
        assert case.state == State.REFUSED
        assert case.closed_on == date(2025, 3, 5)
        assert Deadline.objects.get(case=case, key="request_check").met_on == date(2025, 3, 5)

    def test_a_decision_sent_by_the_court_cannot_be_refused(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError, match="47"):
            _take(case, cast.head, "refuse_request", date(2025, 3, 5), ground="not_final")


@pytest.mark.django_db
class TestRefusedSteps:
    """Steps refused for role, assignment, state and date: nothing changes."""

    def test_an_officer_may_not_issue_the_enforcement_order(self, make_case, cast):
        case = advance(make_case(), cast, "record_noncompliance")
        with pytest.raises(AccessDenied):
            _take(case, cast.officer, "issue_order", date(2025, 3, 12))
        assert EnforcementCase.objects.get(pk=case.pk).state == State.VOLUNTARY

    def test_an_officer_may_act_only_in_the_cases_assigned_to_them(self, make_case, cast):
        case = make_case()
        assert case.assigned_officer == cast.officer
        with pytest.raises(AccessDenied):
            _take(case, cast.officer2, "call_parties", date(2025, 3, 5))

    @pytest.mark.parametrize(
        "who", ["clerk", "auditor_district", "outsider_district", "head_province", "dej", "admin"]
    )
    def test_others_may_not_take_steps(self, make_case, cast, who):
        case = make_case()
        with pytest.raises(AccessDenied):
            _take(case, getattr(cast, who), "call_parties", date(2025, 3, 5))
        assert not case.events.filter(kind=TimelineKind.TRANSITION).exists()

    @pytest.mark.parametrize(
        "name",
        sorted(set(TRANSITIONS) - {"call_parties", "suspend", "terminate", "refuse_request"}),
    )
    def test_a_step_from_the_wrong_state_is_refused_with_a_reason(self, make_case, cast, name):
        case = make_case()  # received
        with pytest.raises(ApplicationError) as refused:
            _take(
                case,
                cast.head,
                name,
                date(2025, 3, 5),
                ground="fully_enforced",
                note="x",
                notice_method="in_person",
            )
        assert refused.value.messages
        assert EnforcementCase.objects.get(pk=case.pk).state == State.RECEIVED

    def test_no_step_from_a_closed_case(self, make_case, cast):
        case = advance(make_case(), cast, "record_closure_notice")
        for name in TRANSITIONS:
            with pytest.raises(ApplicationError):
                _take(case, cast.head, name, date(2025, 5, 9), ground="fully_enforced", note="x")

    def test_a_date_in_the_future_or_before_the_last_step_is_refused(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError):
            _take(case, cast.officer, "call_parties", date(2099, 1, 1))
        with pytest.raises(ApplicationError):
            _take(case, cast.officer, "call_parties", date(2025, 3, 1))  # before receipt
        assert EnforcementCase.objects.get(pk=case.pk).state == State.RECEIVED

    def test_parties_cannot_be_called_in_without_a_debtor(self, make_case, cast):
        from ejcms.cases.choices import PartyRole
        from ejcms.cases.models import CaseParty

        case = make_case()
        CaseParty.objects.filter(case=case, role=PartyRole.DEBTOR).delete()
        with pytest.raises(ApplicationError):
            _take(case, cast.officer, "call_parties", date(2025, 3, 5))

    def test_an_unknown_step_is_an_error_not_a_no_op(self, make_case, cast):
        with pytest.raises(ApplicationError):
            _take(make_case(), cast.head, "teleport", date(2025, 3, 5))


@pytest.mark.django_db
class TestStepsOffered:
    def test_the_officer_sees_only_the_steps_open_to_them_now(self, make_case, cast):
        case = advance(make_case(), cast, "call_parties")
        assert [s.transition.name for s in steps_for(cast.officer, case)] == [
            "record_noncompliance"
        ]
        assert [s.transition.name for s in steps_for(cast.head, case)] == [
            "record_noncompliance",
            "issue_order",
            "suspend",
            "terminate",
        ]
        assert steps_for(cast.officer2, case) == []
        assert steps_for(cast.head_province, case) == []
        assert steps_for(cast.dej, case) == []

    def test_a_step_blocked_by_its_guard_is_offered_with_the_reason(self, make_case, cast):
        case = advance(make_case(), cast, "start_compliance")  # the 30 days run until 23 April 2025
        case.refresh_from_db()
        step = next(
            s for s in steps_for(cast.officer, case) if s.transition.name == "start_compulsory"
        )
        assert step.blocked_by is None  # today is long after April 2025


def test_the_workflow_page_describes_every_step_of_the_table():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "workflow.md").read_text()
    for name, transition in TRANSITIONS.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"docs/workflow.md has no row for {name}"
        assert transition.article in row, name
    for state in State:
        assert f"| `{state.value}` |" in text, state


# For each step: the standard step after which the case is in the step's source state.
SOURCE_OF = {
    "call_parties": None,
    "record_noncompliance": "call_parties",
    "issue_order": "record_noncompliance",
    "complete_study": "issue_order",
    "notify": "complete_study",
    "start_compliance": "notify",
    "start_compulsory": "start_compliance",
    "terminate": "start_compulsory",
    "close": "terminate",
    "record_closure_notice": "close",
    "suspend": "call_parties",
    "refuse_request": None,
}
EXTRA = {
    "notify": {"notice_method": "in_person"},
    "terminate": {"ground": "parties_agreed"},
    "suspend": {"ground": "no_means"},
    "refuse_request": {"ground": "not_final"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SOURCE_OF))
def test_each_step_is_refused_to_a_role_that_may_not_take_it(make_case, cast, name):
    from ejcms.org.roles import Role

    case = make_case(source=CaseSource.REQUEST) if name == "refuse_request" else make_case()
    if SOURCE_OF[name]:
        case = advance(case, cast, SOURCE_OF[name])
    transition = TRANSITIONS[name]
    refused_to = cast.officer if Role.OFFICER not in transition.roles else cast.clerk
    on = max(
        case.state_since, date(2025, 4, 24) if name == "start_compulsory" else case.state_since
    )
    with pytest.raises(AccessDenied):
        _take(case, refused_to, name, on, **EXTRA.get(name, {}))
    assert EnforcementCase.objects.get(pk=case.pk).state == case.state
    # …and the same step is taken by the right role.
    allowed = cast.head if Role.OFFICER not in transition.roles else cast.officer
    assert _take(case, allowed, name, on, **EXTRA.get(name, {})).state == transition.target_for(
        case
    )


@pytest.mark.django_db
def test_suspension_steps_are_refused_to_the_wrong_roles(make_case, cast):
    case = _take(
        advance(make_case(), cast, "call_parties"),
        cast.head,
        "suspend",
        date(2025, 3, 6),
        ground="illness",
    )
    with pytest.raises(AccessDenied):
        _take(case, cast.clerk, "record_suspension_notice", date(2025, 3, 7))
    with pytest.raises(AccessDenied):
        _take(case, cast.officer, "resume", date(2025, 3, 7), note="ຫາຍດີແລ້ວ")
    assert (
        _take(case, cast.officer, "record_suspension_notice", date(2025, 3, 7)).state
        == State.SUSPENDED
    )
    assert (
        _take(case, cast.head, "resume", date(2025, 3, 10), note="ຫາຍດີແລ້ວ").state == State.VOLUNTARY
    )
