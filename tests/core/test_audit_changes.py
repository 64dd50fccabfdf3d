"""The audit keeps the values before and after of the fields a service changes: the helper,
a representative set of real services, the hash chain over the changes, and the audit page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import translation

from ejcms.cases.choices import Outcome, PartyRole, State
from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.services import PartyData, case_reassign, case_transition, party_correct
from ejcms.cases.workflow import TransitionInput
from ejcms.core.audit import audit_verify, audit_write, changes, row_key, snapshot
from ejcms.core.models import AuditRecord
from ejcms.finance.services import PaymentData, entry_reverse, payment_record
from ejcms.guidelines.services import GuidelineData, guideline_save
from ejcms.org.models import Court, HolidayOverride
from ejcms.org.services import court_save, holiday_override_remove, holiday_override_set
from tests.conftest import advance
from tests.core.test_audit import without_guard

pytestmark = pytest.mark.django_db


def last(action: str) -> AuditRecord:
    return AuditRecord.objects.filter(action=action).order_by("-sequence").first()


def recorded(action: str) -> dict[str, list]:
    record = last(action)
    assert record is not None, action
    return record.payload.get("changes", {})


# --- The helper -----------------------------------------------------------------------------


def test_a_snapshot_is_json_safe(make_case):
    case = make_case()
    obligation = case.obligations.get()
    case.state = State.NOTIFIED  # a choice, set as the enum member
    assert snapshot(case, ["state", "received_on", "office", "assigned_officer"]) == {
        "state": "notified",
        "received_on": "2025-03-03",
        "office": case.office_id,
        "assigned_officer": case.assigned_officer_id,
    }
    # A decimal to the places of its field: 15000000 and 15000000.00 are one value.
    assert snapshot(obligation, ["amount", "kind"]) == {
        "amount": "15000000.00",
        "kind": "pay_money",
    }
    obligation.amount = Decimal("15000000")
    assert snapshot(obligation, ["amount"]) == {"amount": "15000000.00"}
    with pytest.raises(ValueError, match="not a field"):
        snapshot(case, ["case_parties"])


def test_changes_holds_only_what_changed():
    before = {"state": "planned", "on": date(2025, 3, 3), "amount": Decimal("5000"), "note": ""}
    after = {
        "state": "notified",
        "on": date(2025, 3, 3),
        "amount": Decimal("5000.00"),
        "note": None,
    }
    assert changes(before, after) == {"state": ["planned", "notified"]}
    assert changes(before, before) == {}
    assert changes(before, after, prefix="asset") == {"asset.state": ["planned", "notified"]}
    # A row created (nothing before) or removed (nothing after).
    assert changes({}, {"kind": "day_off"}) == {"kind": [None, "day_off"]}
    assert changes({"kind": "day_off", "reference": ""}, {}) == {"kind": ["day_off", None]}
    # Dates and decimals are kept as text.
    assert changes({"on": None}, {"on": date(2025, 3, 5)}) == {"on": [None, "2025-03-05"]}
    assert changes({"x": Decimal("1.5")}, {"x": Decimal("2")}) == {"x": ["1.5", "2"]}


def test_identity_numbers_are_masked_but_their_change_is_recorded():
    found = changes(
        {"id_document_number": "P1234567", "phone": "020 5555 1234"},
        {"id_document_number": "P7654567", "phone": "020 5555 1234"},
        prefix="party",
    )
    assert found == {"party.id_document_number": ["•••••567", "•••••567"]}
    assert changes({"account": "0101234"}, {"account": ""}, private=["account"]) == {
        "account": ["••••234", ""]
    }


def test_audit_write_keeps_the_changes_in_the_hashed_payload(make_case, cast):
    case = make_case()
    with transaction.atomic():
        record = audit_write(
            actor=cast.head,
            action="test.edit",
            obj=case,
            payload={"reason": "ທົດສອບ"},
            changes={"state": ("planned", State.NOTIFIED), "closed_on": [None, date(2025, 5, 6)]},
        )
        unchanged = audit_write(actor=cast.head, action="test.edit", obj=case, changes={})
    record.refresh_from_db()
    assert record.payload == {
        "reason": "ທົດສອບ",
        "changes": {"state": ["planned", "notified"], "closed_on": [None, "2025-05-06"]},
    }
    assert "changes" not in unchanged.payload
    assert audit_verify().intact
    with pytest.raises(ValueError, match="already holds"), transaction.atomic():
        audit_write(
            actor=cast.head,
            action="test.edit",
            obj=case,
            payload={"changes": {}},
            changes={"state": ["a", "b"]},
        )


# --- Real services ----------------------------------------------------------------------------


def _party_data(party: Party, **changed: object) -> PartyData:
    data = PartyData(
        role=PartyRole.DEBTOR,
        kind=party.kind,
        name_lo=party.name_lo,
        name_latin=party.name_latin,
        id_document_type=party.id_document_type,
        id_document_number=party.id_document_number,
        province=party.province,
        district=party.district,
        village=party.village,
        village_name=party.village_name,
        address_detail=party.address_detail,
        phone=party.phone,
    )
    return replace(data, **changed)


def test_a_party_edit_records_the_changed_fields_and_masks_the_identity_number(make_case, cast):
    case = advance(make_case(), cast, "call_parties")
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    party_correct(
        actor=cast.officer,
        case=case,
        link=link,
        data=_party_data(
            link.party,
            name_lo="ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ",
            id_document_type="id_card",
            id_document_number="01-234567",
        ),
    )
    assert recorded("case.party_correct") == {
        "party.name_lo": ["ທ່ານ ສີສະຫວາດ ພົມມະຈັນ", "ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ"],
        "party.id_document_type": ["none", "id_card"],
        "party.id_document_number": ["", "••••••567"],
    }
    assert "01-234567" not in str(last("case.party_correct").payload)
    assert audit_verify().intact


def test_a_reassignment_records_the_officer_before_and_after(make_case, cast):
    case = make_case()
    officer2 = cast.officer2
    case_reassign(actor=cast.head, case=case, officer=officer2, reason="ມີວຽກຫຼາຍ")
    assert recorded("case.reassign") == {"assigned_officer": [cast.officer.pk, officer2.pk]}
    assert audit_verify().intact


def test_a_workflow_step_records_the_state_and_what_it_set(make_case, cast):
    case = advance(make_case(), cast, "complete_study")
    before = EnforcementCase.objects.get(pk=case.pk)
    case = case_transition(
        actor=cast.officer,
        case=case,
        name="notify",
        data=TransitionInput(on=date(2025, 3, 24), notice_method="in_person"),
    )
    assert recorded("case.notify") == {
        "state": [before.state, State.NOTIFIED],
        "state_since": [before.state_since.isoformat(), "2025-03-24"],
        "notice_method": ["", "in_person"],
        "notice_given_on": [None, "2025-03-24"],
        "notice_deemed_on": [None, "2025-03-24"],
    }
    # Termination: the ground and the outcome too.
    advance(case, cast, "terminate")
    terminated = recorded("case.terminate")
    assert terminated["termination_ground"] == ["", "fully_enforced"]
    assert terminated["outcome"] == ["", Outcome.FULLY_ENFORCED]
    assert terminated["state"][1] == State.TERMINATED
    assert audit_verify().intact


def test_a_court_edit_records_what_changed_and_an_unchanged_edit_nothing(cast):
    court = Court.objects.get(level=Court.Level.PROVINCIAL, province__code="01")
    edit = {
        "name_lo": court.name_lo,
        "level": court.level,
        "province": court.province,
        "is_active": True,
    }
    court_save(actor=cast.admin, court=court, name_en=court.name_en, **edit)
    assert "changes" not in last("court.save").payload
    old_name = court.name_en
    court_save(
        actor=cast.admin,
        court=court,
        name_en="Vientiane Capital Court",
        **edit | {"is_active": False},
    )
    assert recorded("court.save") == {
        "name_en": [old_name, "Vientiane Capital Court"],
        "is_active": [True, False],
    }
    # A new court is a creation: its payload, no changes.
    court_save(
        actor=cast.admin,
        name_lo="ສານທົດສອບ",
        name_en="Test court",
        level=Court.Level.OTHER,
        province=None,
    )
    assert "changes" not in last("court.save").payload
    assert audit_verify().intact


def test_a_holiday_set_again_and_removed_keeps_the_values(cast):
    day = date(2026, 4, 14)
    holiday_override_set(actor=cast.admin, day=day, kind="day_off", province=None, name_lo="ປີໃໝ່")
    assert "changes" not in last("holiday_override.set").payload
    override = holiday_override_set(
        actor=cast.admin, day=day, kind="day_off", province=None, name_lo="ບຸນປີໃໝ່ລາວ"
    )
    assert recorded("holiday_override.set") == {"name_lo": ["ປີໃໝ່", "ບຸນປີໃໝ່ລາວ"]}
    holiday_override_remove(actor=cast.admin, override=override)
    assert recorded("holiday_override.remove") == {
        "date": ["2026-04-14", None],
        "kind": ["day_off", None],
        "name_lo": ["ບຸນປີໃໝ່ລາວ", None],
    }
    assert not HolidayOverride.objects.exists()
    assert audit_verify().intact


def test_a_reversal_records_the_balance_before_and_after(make_case, cast):
    case = make_case()
    on = date(2026, 3, 2)
    payment = payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(amount=Decimal("5000000"), currency="LAK", method="cash", on=on),
    )
    reversal = entry_reverse(actor=cast.head, entry=payment, on=on, reason="ພິມຈຳນວນເງິນຜິດ")
    record = last("finance.reversal")
    assert record.object_id == str(reversal.pk)
    assert record.payload["case"] == case.pk
    assert record.payload["changes"] == {
        "balance.received": ["5000000.00", "0.00"],
        "balance.outstanding": ["10000000.00", "15000000.00"],
    }
    assert audit_verify().intact


def test_a_guideline_edit_records_the_texts_and_steps_that_changed(cast):
    data = GuidelineData(
        code="noncompliance",
        title_lo="ການບັນທຶກການບໍ່ປະຕິບັດ",
        body_lo="<p>ສະບັບທຳອິດ</p>",
        steps=("record_noncompliance",),
    )
    guideline_save(actor=cast.admin, data=data)
    assert "changes" not in last("guidelines.save").payload
    guideline_save(
        actor=cast.admin,
        data=replace(data, body_lo="<p>ສະບັບປັບປຸງ</p>", steps=("record_noncompliance", "notify")),
    )
    assert recorded("guidelines.save") == {
        "body_lo": ["<p>ສະບັບທຳອິດ</p>", "<p>ສະບັບປັບປຸງ</p>"],
        "section.steps": [["record_noncompliance"], ["record_noncompliance", "notify"]],
    }
    assert audit_verify().intact


def test_a_row_other_than_the_records_own_is_named_by_its_key(make_case):
    case = make_case()
    obligation = case.obligations.get()
    assert row_key(obligation) == f"obligation:{obligation.pk}"


# --- Tampering and the page -----------------------------------------------------------------


def test_editing_the_stored_changes_is_found_by_verify_audit(make_case, cast):
    case = make_case()
    case_reassign(actor=cast.head, case=case, officer=cast.officer2, reason="ມີວຽກຫຼາຍ")
    record = last("case.reassign")
    forged = dict(record.payload, changes={"assigned_officer": [cast.officer.pk, cast.head.pk]})
    with without_guard():
        AuditRecord.objects.filter(pk=record.pk).update(payload=forged)
    result = audit_verify()
    assert result.broken is not None
    assert result.broken.pk == record.pk
    assert result.problem == "its content does not match its hash"


def test_the_audit_page_shows_each_change_before_and_after(make_case, cast):
    court = Court.objects.get(level=Court.Level.PROVINCIAL, province__code="01")
    old_name = court.name_en
    court_save(
        actor=cast.admin,
        court=court,
        name_lo=court.name_lo,
        name_en="Vientiane Capital Court",
        level=court.level,
        province=court.province,
    )
    case = make_case()
    case_reassign(actor=cast.head, case=case, officer=cast.officer2, reason="ມີວຽກຫຼາຍ")
    html = cast.client("dej").get("/org/audit/").content.decode()
    with translation.override("lo"):
        name_label = str(Court._meta.get_field("name_en").verbose_name)
        officer_label = str(EnforcementCase._meta.get_field("assigned_officer").verbose_name)
    court_row = html.split(f'data-changes-of="{last("court.save").sequence}"')[1]
    court_row = court_row.split("</tr>")[0]
    assert f"{name_label[0].upper()}{name_label[1:]}:" in court_row
    assert (
        f'<span class="audit-before">{old_name}</span> → '
        '<span class="audit-after">Vientiane Capital Court</span>'
    ) in court_row.replace("&#x27;", "'")
    # A member of staff by name, not by id.
    reassign_row = html.split(f'data-changes-of="{last("case.reassign").sequence}"')[1]
    reassign_row = reassign_row.split("</tr>")[0]
    assert officer_label.split()[0] in reassign_row
    assert (
        '<span class="audit-before">ທ່ານ ສົມສັກ ພົມມະຈັນ</span> → '
        '<span class="audit-after">ນາງ ມະນີວັນ ສີຫາລາດ</span>'
    ) in reassign_row
    # The details column no longer repeats the changes.
    court_record = html.split(f'data-sequence="{last("court.save").sequence}"')[1]
    assert "Vientiane Capital Court" not in court_record.split("</tr>")[0]
