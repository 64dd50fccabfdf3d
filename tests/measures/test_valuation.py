"""Valuation (Art. 26–32): planning by agreement, expert or committee; the invitations, the
result and its notice, the objection period, and the chain district → province → DEJ → Minister."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils.translation import override

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import Deadline
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.measures.choices import (
    AssetKind,
    AssetStatus,
    Level,
    ValuationMethod,
    ValuationStatus,
)
from ejcms.measures.models import Objection, Valuation, ValuationMember
from ejcms.measures.services.orders import freeze_order
from ejcms.measures.services.valuation import (
    MemberData,
    level_above,
    objection_decide,
    objection_file,
    valuation_is_final,
    valuation_notify,
    valuation_plan,
    valuation_result,
)
from tests.measures.conftest import last_deadline, open_deadlines

MEMBERS = [
    MemberData("ທ່ານ ບຸນທັນ ແກ້ວມະນີ", "ພະແນກຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ"),
    MemberData("ນາງ ພອນທິບ ສຸລິວົງ", "ພະແນກການເງິນ ນະຄອນຫຼວງວຽງຈັນ"),
]
# Invitations delivered on Tuesday 29 April 2025: with Labour Day (Thursday 1 May) the third
# working day after is Monday 5 May.
INVITED_ON = date(2025, 4, 29)
VALUED_ON = date(2025, 5, 5)
NOTIFIED_ON = date(2025, 5, 7)
VALUE = Decimal("180000000")
REASON = "ລາຄາທີ່ຕີໄວ້ ຕ່ຳກວ່າລາຄາຕະຫຼາດ ຂອງທີ່ດິນໃນເຂດດຽວກັນ."


def _plan_committee(cast, asset, **kwargs):
    values = {
        "method": ValuationMethod.COMMITTEE,
        "invited_on": INVITED_ON,
        "scheduled_on": VALUED_ON,
        "members": MEMBERS,
    }
    values.update(kwargs)
    return valuation_plan(actor=cast.officer, asset=asset, **values)


@pytest.fixture
def land(add_asset):
    return add_asset(AssetKind.LAND)


@pytest.fixture
def notified(land, cast):
    """A committee valuation of the land, valued on 5 May and notified on 7 May 2025."""
    valuation = _plan_committee(cast, land)
    valuation_result(
        actor=cast.officer, valuation=valuation, valued_on=VALUED_ON, value=VALUE, currency="LAK"
    )
    return valuation_notify(actor=cast.officer, valuation=valuation, on=NOTIFIED_ON)


def _decide(cast, objection, on, upheld=False):
    return objection_decide(
        actor=cast.head,
        objection=objection,
        on=on,
        upheld=upheld,
        note="ພິຈາລະນາແລ້ວ ເຫັນວ່າ ລາຄາທີ່ຕີໄວ້ ສອດຄ່ອງກັບລາຄາຕະຫຼາດ.",
    )


@pytest.mark.django_db
class TestPlan:
    def test_a_committee_needs_at_least_two_members(self, land, cast):
        for members in (
            [],
            MEMBERS[:1],
            [MEMBERS[0], MemberData("   ", "ຫ້ອງການ ປກຊ")],
        ):
            with pytest.raises(ApplicationError) as exc:
                _plan_committee(cast, land, members=members)
            assert "members" in exc.value.message_dict
        assert not Valuation.objects.exists()
        valuation = _plan_committee(cast, land)
        assert list(valuation.members.values_list("name", "role")) == [
            (m.name, m.role) for m in MEMBERS
        ]

    def test_an_expert_must_be_named(self, land, cast):
        with pytest.raises(ApplicationError) as exc:
            valuation_plan(
                actor=cast.officer,
                asset=land,
                method=ValuationMethod.EXPERT,
                invited_on=INVITED_ON,
                scheduled_on=VALUED_ON,
                expert="  ",
            )
        assert "expert" in exc.value.message_dict
        assert not Valuation.objects.exists()
        valuation = valuation_plan(
            actor=cast.officer,
            asset=land,
            method=ValuationMethod.EXPERT,
            invited_on=INVITED_ON,
            scheduled_on=VALUED_ON,
            expert="ບໍລິສັດ ລາວ ປະເມີນລາຄາຊັບສິນ ຈຳກັດ",
        )
        assert valuation.expert == "ບໍລິສັດ ລາວ ປະເມີນລາຄາຊັບສິນ ຈຳກັດ"

    def test_invitations_must_arrive_three_working_days_ahead(self, land, cast, calendar):
        earliest = calendar.add_working_days(INVITED_ON, 3)
        assert earliest == VALUED_ON
        # Friday 2 May is three calendar days after the invitations but only two working days.
        with override("en"), pytest.raises(ApplicationError) as exc:
            _plan_committee(cast, land, scheduled_on=date(2025, 5, 2))
        message = exc.value.message_dict["scheduled_on"][0]
        assert "5 May 2025" in message
        assert "Art. 26" in message
        assert not Valuation.objects.exists()
        valuation = _plan_committee(cast, land, scheduled_on=earliest)
        assert (valuation.invited_on, valuation.scheduled_on) == (INVITED_ON, earliest)

    def test_an_expert_or_a_committee_needs_the_invitation_date(self, land, cast):
        with pytest.raises(ApplicationError) as exc:
            _plan_committee(cast, land, invited_on=None)
        assert "invited_on" in exc.value.message_dict

    def test_an_agreed_value_needs_no_invitation(self, case, land, cast):
        valuation = valuation_plan(
            actor=cast.officer,
            asset=land,
            method=ValuationMethod.AGREEMENT,
            scheduled_on=date(2025, 5, 2),
        )
        assert valuation.invited_on is None
        assert valuation.status == ValuationStatus.PLANNED
        event = case.events.filter(kind=TimelineKind.VALUATION).get()
        assert event.payload["action"] == "planned"
        assert event.on == date(2025, 5, 2)

    def test_the_valuer_is_the_level_of_the_case_office(self, land, cast):
        # Chanthabouly (0101) is a district office.
        assert _plan_committee(cast, land).level == Level.DISTRICT

    def test_money_and_income_are_not_valued(self, add_asset, cast):
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(ApplicationError) as exc:
            _plan_committee(cast, wages)
        assert "asset" in exc.value.message_dict

    def test_one_valuation_at_a_time(self, land, cast):
        _plan_committee(cast, land)
        with pytest.raises(ApplicationError) as exc:
            _plan_committee(cast, land, scheduled_on=date(2025, 5, 9))
        assert "asset" in exc.value.message_dict
        assert Valuation.objects.count() == 1
        assert ValuationMember.objects.count() == 2

    def test_an_outsider_may_not_plan_a_valuation(self, land, cast):
        with pytest.raises(AccessDenied):
            valuation_plan(
                actor=cast.outsider_district,
                asset=land,
                method=ValuationMethod.AGREEMENT,
                scheduled_on=date(2025, 5, 2),
            )
        assert not Valuation.objects.exists()


@pytest.mark.django_db
class TestResultAndNotice:
    def test_the_result_must_be_notified_within_three_working_days(
        self, case, land, cast, calendar
    ):
        valuation = _plan_committee(cast, land)
        valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        valuation.refresh_from_db()
        land.refresh_from_db()
        assert (valuation.status, valuation.value, valuation.currency) == (
            ValuationStatus.VALUED,
            VALUE,
            "LAK",
        )
        assert (land.status, land.estimated_value, land.currency) == (
            AssetStatus.VALUED,
            VALUE,
            "LAK",
        )
        deadline = last_deadline(case, "valuation_notice")
        assert (deadline.started_on, deadline.due_on) == (
            VALUED_ON,
            calendar.add_working_days(VALUED_ON, 3),
        )
        assert deadline.rule.article == "31"

    def test_a_frozen_asset_stays_frozen_when_valued(self, land, cast):
        freeze_order(actor=cast.officer, asset=land, on=date(2025, 5, 2))
        valuation = _plan_committee(cast, land)
        valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        land.refresh_from_db()
        assert land.status == AssetStatus.FROZEN
        assert land.estimated_value == VALUE

    def test_a_result_before_the_day_or_twice_is_refused(self, land, cast):
        valuation = _plan_committee(cast, land)
        with pytest.raises(ApplicationError) as exc:
            valuation_result(
                actor=cast.officer,
                valuation=valuation,
                valued_on=VALUED_ON - timedelta(days=1),
                value=VALUE,
                currency="LAK",
            )
        assert "valued_on" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            valuation_result(
                actor=cast.officer,
                valuation=valuation,
                valued_on=VALUED_ON,
                value=Decimal("0"),
                currency="LAK",
            )
        assert "value" in exc.value.message_dict
        assert not Deadline.objects.filter(key="valuation_notice").exists()
        valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        with pytest.raises(ApplicationError):
            valuation_result(
                actor=cast.officer,
                valuation=valuation,
                valued_on=VALUED_ON,
                value=Decimal("200000000"),
                currency="LAK",
            )
        valuation.refresh_from_db()
        assert valuation.value == VALUE

    def test_the_notice_meets_its_deadline_and_opens_fifteen_days_to_object(self, case, notified):
        notice = last_deadline(case, "valuation_notice")
        assert notice.met_on == NOTIFIED_ON
        assert not notice.met_late
        assert (notified.status, notified.notified_on) == (ValuationStatus.NOTIFIED, NOTIFIED_ON)
        objection = last_deadline(case, "valuation_objection")
        # 15 calendar days from Wednesday 7 May 2025.
        assert (objection.started_on, objection.due_on) == (NOTIFIED_ON, date(2025, 5, 22))
        assert objection.rule.article == "32"

    def test_a_late_notice_is_recorded_as_late(self, case, land, cast, calendar):
        valuation = _plan_committee(cast, land)
        valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        late = calendar.add_working_days(VALUED_ON, 4)
        valuation_notify(actor=cast.officer, valuation=valuation, on=late)
        assert last_deadline(case, "valuation_notice").met_late
        event = case.events.filter(kind=TimelineKind.VALUATION).order_by("pk").last()
        assert event.payload["late"] is True

    def test_only_a_valued_valuation_is_notified(self, land, cast):
        valuation = _plan_committee(cast, land)
        with pytest.raises(ApplicationError):
            valuation_notify(actor=cast.officer, valuation=valuation, on=NOTIFIED_ON)
        assert not Deadline.objects.filter(key="valuation_objection").exists()


@pytest.mark.django_db
class TestObjection:
    def test_an_objection_is_decided_one_level_above_within_ten_working_days(
        self, case, notified, debtor, cast, calendar
    ):
        filed_on = date(2025, 5, 20)
        objection = objection_file(
            actor=cast.officer, valuation=notified, party=debtor, filed_on=filed_on, reason=REASON
        )
        assert objection.level == Level.PROVINCE
        assert objection.appeal_of is None
        deadline = open_deadlines(case, "objection_decision")[0]
        assert (deadline.started_on, deadline.due_on) == (
            filed_on,
            calendar.add_working_days(filed_on, 10),
        )
        decided_on = date(2025, 5, 30)
        _decide(cast, objection, decided_on)
        objection.refresh_from_db()
        assert (objection.decided_on, objection.upheld) == (decided_on, False)
        deadline.refresh_from_db()
        assert deadline.met_on == decided_on
        assert not deadline.met_late
        assert (
            AuditRecord.objects.filter(
                object_type="measures.objection", object_id=str(objection.pk)
            ).count()
            == 2
        )

    def test_an_objection_on_the_last_day_is_accepted_and_after_it_refused(
        self, notified, debtor, creditor, cast
    ):
        with override("en"), pytest.raises(ApplicationError) as exc:
            objection_file(
                actor=cast.officer,
                valuation=notified,
                party=debtor,
                filed_on=date(2025, 5, 23),
                reason=REASON,
            )
        assert "22 May 2025" in exc.value.message_dict["filed_on"][0]
        assert not Objection.objects.exists()
        assert not Deadline.objects.filter(key="objection_decision").exists()
        objection_file(
            actor=cast.officer,
            valuation=notified,
            party=creditor,
            filed_on=date(2025, 5, 22),
            reason=REASON,
        )
        assert Objection.objects.count() == 1

    def test_no_objection_before_the_result_is_notified(self, land, debtor, cast):
        valuation = _plan_committee(cast, land)
        valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        with pytest.raises(ApplicationError):
            objection_file(
                actor=cast.officer,
                valuation=valuation,
                party=debtor,
                filed_on=VALUED_ON,
                reason=REASON,
            )
        assert not Objection.objects.exists()

    def test_an_objection_needs_reasons_and_a_party_of_the_case(self, notified, debtor, cast):
        with pytest.raises(ApplicationError) as exc:
            objection_file(
                actor=cast.officer,
                valuation=notified,
                party=debtor,
                filed_on=date(2025, 5, 12),
                reason=" ",
            )
        assert "reason" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            objection_file(
                actor=cast.officer,
                valuation=notified,
                party=None,
                filed_on=date(2025, 5, 12),
                reason=REASON,
            )
        assert "party" in exc.value.message_dict
        assert not Objection.objects.exists()

    def test_deciding_one_objection_leaves_another_pending(
        self, case, notified, debtor, creditor, cast
    ):
        first = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        objection_file(
            actor=cast.officer,
            valuation=notified,
            party=creditor,
            filed_on=date(2025, 5, 19),
            reason="ລາຄາທີ່ຕີໄວ້ ສູງເກີນໄປ.",
        )
        _decide(cast, first, date(2025, 5, 20))
        pending = open_deadlines(case, "objection_decision")
        assert [d.started_on for d in pending] == [date(2025, 5, 19)]

    def test_a_decision_needs_its_reasons_and_is_taken_once(self, notified, debtor, cast):
        objection = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        with pytest.raises(ApplicationError) as exc:
            objection_decide(
                actor=cast.head, objection=objection, on=date(2025, 5, 20), upheld=True, note=""
            )
        assert "note" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            _decide(cast, objection, date(2025, 5, 9))
        assert "on" in exc.value.message_dict
        objection.refresh_from_db()
        assert objection.decided_on is None
        _decide(cast, objection, date(2025, 5, 20))
        with pytest.raises(ApplicationError):
            _decide(cast, objection, date(2025, 5, 21), upheld=True)
        notified.refresh_from_db()
        assert notified.status == ValuationStatus.NOTIFIED

    def test_an_upheld_objection_sets_the_valuation_aside(self, notified, land, debtor, cast):
        objection = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        _decide(cast, objection, date(2025, 5, 20), upheld=True)
        notified.refresh_from_db()
        assert notified.status == ValuationStatus.SET_ASIDE
        assert not valuation_is_final(notified, date(2026, 1, 5))
        # The asset is valued again.
        again = _plan_committee(
            cast, land, invited_on=date(2025, 5, 26), scheduled_on=date(2025, 5, 29)
        )
        assert again.status == ValuationStatus.PLANNED


@pytest.mark.django_db
class TestAppealChain:
    def test_appeals_go_up_to_the_minister_and_no_further(self, case, notified, debtor, cast):
        assert [level_above(x) for x in Level] == [
            Level.PROVINCE,
            Level.DEJ,
            Level.MINISTER,
            None,
        ]
        objection = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        levels = [objection.level]
        on = date(2025, 5, 20)
        for _ in range(2):
            _decide(cast, objection, on)
            objection = objection_file(
                actor=cast.officer,
                valuation=notified,
                party=debtor,
                filed_on=on + timedelta(days=1),
                reason="ອຸທອນ ຄຳຕັດສິນ ກ່ຽວກັບຄຳຄັດຄ້ານລາຄາ.",
                appeal_of=objection,
            )
            levels.append(objection.level)
            on += timedelta(days=7)
        assert levels == [Level.PROVINCE, Level.DEJ, Level.MINISTER]
        assert objection.appeal_of.appeal_of.appeal_of is None
        _decide(cast, objection, on)
        count = Objection.objects.count()
        with override("en"), pytest.raises(ApplicationError) as exc:
            objection_file(
                actor=cast.officer,
                valuation=notified,
                party=debtor,
                filed_on=on + timedelta(days=1),
                reason="ອຸທອນ ອີກຄັ້ງ.",
                appeal_of=objection,
            )
        assert "Minister" in exc.value.messages[0]
        assert Objection.objects.count() == count
        assert not open_deadlines(case, "objection_decision")

    def test_an_appeal_waits_for_the_decision_and_is_made_once(self, notified, debtor, cast):
        objection = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        appeal = {
            "actor": cast.officer,
            "valuation": notified,
            "party": debtor,
            "filed_on": date(2025, 5, 26),
            "reason": "ອຸທອນ.",
            "appeal_of": objection,
        }
        with pytest.raises(ApplicationError):
            objection_file(**appeal)
        _decide(cast, objection, date(2025, 5, 20))
        objection_file(**appeal)
        with pytest.raises(ApplicationError):
            objection_file(**appeal)
        assert Objection.objects.count() == 2


@pytest.mark.django_db
class TestFinality:
    def test_an_agreed_value_is_final_at_once(self, land, cast):
        valuation = valuation_plan(
            actor=cast.officer,
            asset=land,
            method=ValuationMethod.AGREEMENT,
            scheduled_on=date(2025, 5, 2),
        )
        assert not valuation_is_final(valuation, date(2025, 5, 2))
        valuation = valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=date(2025, 5, 2),
            value=VALUE,
            currency="LAK",
        )
        assert valuation_is_final(valuation, date(2025, 5, 2))

    def test_a_committee_value_is_final_once_the_objection_period_is_over(
        self, notified, debtor, cast
    ):
        assert not valuation_is_final(notified, date(2025, 5, 22))
        assert valuation_is_final(notified, date(2025, 5, 23))
        objection = objection_file(
            actor=cast.officer,
            valuation=notified,
            party=debtor,
            filed_on=date(2025, 5, 12),
            reason=REASON,
        )
        # A pending objection keeps it open, whatever the day.
        assert not valuation_is_final(notified, date(2025, 6, 30))
        _decide(cast, objection, date(2025, 5, 20))
        assert valuation_is_final(notified, date(2025, 6, 30))

    def test_a_valued_but_not_notified_committee_value_is_not_final(self, land, cast):
        valuation = _plan_committee(cast, land)
        valuation = valuation_result(
            actor=cast.officer,
            valuation=valuation,
            valued_on=VALUED_ON,
            value=VALUE,
            currency="LAK",
        )
        assert not valuation_is_final(valuation, date(2026, 1, 5))
