"""Complaints against acts of enforcement: recorded by the office, decided by a head, on the
case page and its timeline, with an audit record for each."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from ejcms.cases.models import Complaint, TimelineEvent
from ejcms.cases.selectors import timeline_lines
from ejcms.cases.services import complaint_decide, complaint_record
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from tests.conftest import advance

SUMMARY = "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ບໍ່ເຫັນດີນຳຄຳສັ່ງ"
REASONS = "ຄຳສັ່ງຖືກຕ້ອງຕາມກົດໝາຍ ມາດຕາ 20"


def _record(case, actor, **overrides):
    data = {
        "filed_on": date(2025, 3, 20),
        "complainant": "debtor",
        "against": "order",
        "summary": SUMMARY,
    }
    data.update(overrides)
    return complaint_record(actor=actor, case=case, **data)


def _decide(complaint, actor, **overrides):
    data = {
        "decided_on": date(2025, 3, 28),
        "decision": "rejected",
        "note": REASONS,
    }
    data.update(overrides)
    return complaint_decide(actor=actor, complaint=complaint, **data)


def _english_timeline(case):
    with translation.override("en"):
        return [line.text for line in timeline_lines(list(case.events.all()))]


def _nothing_written(case):
    return (
        not Complaint.objects.filter(case=case).exists()
        and not TimelineEvent.objects.filter(case=case, kind="complaint").exists()
        and not AuditRecord.objects.filter(action__startswith="case.complaint").exists()
    )


@pytest.mark.django_db
class TestServices:
    def test_the_officer_in_charge_records_a_complaint_and_the_head_decides_it(
        self, make_case, cast
    ):
        case = make_case()
        complaint = _record(case, cast.officer)
        assert complaint.case == case
        assert (complaint.filed_on, complaint.complainant, complaint.against) == (
            date(2025, 3, 20),
            "debtor",
            "order",
        )
        assert complaint.summary == SUMMARY
        assert complaint.decided_on is None
        assert complaint.decision == ""
        assert complaint.created_by == cast.officer

        event = TimelineEvent.objects.get(case=case, kind="complaint")
        assert event.on == date(2025, 3, 20)
        assert event.actor == cast.officer
        assert "Complaint filed by the debtor against the enforcement order." in (
            _english_timeline(case)
        )
        record = AuditRecord.objects.get(action="case.complaint_record")
        assert record.actor_id == cast.officer.pk
        assert (record.object_type, record.object_id) == ("cases.complaint", str(complaint.pk))
        assert record.payload["case"] == case.pk
        assert record.payload["summary"] == SUMMARY

        decided = _decide(complaint, cast.head)
        complaint.refresh_from_db()
        assert complaint.decided_on == date(2025, 3, 28)
        assert complaint.decision == "rejected"
        assert complaint.decision_note == REASONS
        assert complaint.modified_by == cast.head
        assert decided.pk == complaint.pk
        decision_event = TimelineEvent.objects.filter(case=case, kind="complaint").latest("pk")
        assert decision_event.on == date(2025, 3, 28)
        assert decision_event.note == REASONS
        assert "Complaint against the enforcement order decided: rejected." in (
            _english_timeline(case)
        )
        record = AuditRecord.objects.get(action="case.complaint_decide")
        assert record.actor_id == cast.head.pk
        assert record.payload["decision"] == "rejected"
        assert record.payload["note"] == REASONS

    def test_the_timeline_names_each_kind_of_complainant_and_act(self, make_case, cast):
        case = make_case()
        _record(case, cast.clerk, complainant="creditor", against="valuation")
        _record(case, cast.head, complainant="third_party", against="conduct")
        lines = _english_timeline(case)
        assert "Complaint filed by the judgment creditor against the valuation of assets." in lines
        assert "Complaint filed by a third party against an officer's conduct." in lines

    def test_a_complaint_dated_in_the_future_is_refused_and_nothing_is_saved(self, make_case, cast):
        case = make_case()
        tomorrow = timezone.localdate() + timedelta(days=1)
        with translation.override("en"), pytest.raises(ApplicationError) as exc:
            _record(case, cast.officer, filed_on=tomorrow)
        assert exc.value.message_dict == {
            "filed_on": ["The date the complaint was filed cannot be in the future."]
        }
        assert _nothing_written(case)

    def test_a_complaint_filed_before_the_case_was_received_is_refused(self, make_case, cast):
        case = make_case()  # received on 3 March 2025
        with translation.override("en"), pytest.raises(ApplicationError) as exc:
            _record(case, cast.officer, filed_on=date(2025, 3, 2))
        [message] = exc.value.message_dict["filed_on"]
        assert "cannot be before the case was received" in message
        assert _nothing_written(case)
        # The day the case was received is accepted.
        assert _record(case, cast.officer, filed_on=date(2025, 3, 3)).pk

    def test_a_complaint_without_a_summary_or_with_unknown_choices_names_each_field(
        self, make_case, cast
    ):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _record(case, cast.officer, summary="   ", complainant="judge", against="weather")
        assert set(exc.value.message_dict) == {"summary", "complainant", "against"}
        assert _nothing_written(case)

    def test_a_complaint_is_decided_once(self, make_case, cast):
        case = make_case()
        complaint = _decide(_record(case, cast.officer), cast.head)
        with translation.override("en"), pytest.raises(ApplicationError) as exc:
            _decide(complaint, cast.head, decision="upheld", decided_on=date(2025, 4, 2))
        assert "already decided" in exc.value.messages[0]
        complaint.refresh_from_db()
        assert (complaint.decision, complaint.decided_on) == ("rejected", date(2025, 3, 28))
        assert AuditRecord.objects.filter(action="case.complaint_decide").count() == 1
        assert TimelineEvent.objects.filter(case=case, kind="complaint").count() == 2

    def test_a_decision_before_the_filing_or_in_the_future_is_refused(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        tomorrow = timezone.localdate() + timedelta(days=1)
        for decided_on in (date(2025, 3, 19), tomorrow):
            with pytest.raises(ApplicationError) as exc:
                _decide(complaint, cast.head, decided_on=decided_on)
            assert set(exc.value.message_dict) == {"decided_on"}
        with pytest.raises(ApplicationError) as exc:
            _decide(complaint, cast.head, decision="maybe")
        assert set(exc.value.message_dict) == {"decision"}
        complaint.refresh_from_db()
        assert complaint.decided_on is None
        assert not AuditRecord.objects.filter(action="case.complaint_decide").exists()

    def test_only_a_head_of_the_office_or_of_a_higher_level_decides(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        for name in (
            "officer",
            "clerk",
            "auditor_district",
            "head_other_district",
            "head_other_province",
            "dej",
        ):
            with pytest.raises(AccessDenied):
                _decide(complaint, getattr(cast, name))
        complaint.refresh_from_db()
        assert complaint.decided_on is None
        # The head of the capital's division is the next higher level of Chanthabouly.
        _decide(complaint, cast.head_province, decision="partly")
        complaint.refresh_from_db()
        assert complaint.decision == "partly"

    def test_only_the_office_of_the_case_records_a_complaint(self, make_case, cast):
        case = make_case()
        for name in ("officer2", "auditor_district", "outsider_district", "head_province"):
            with pytest.raises(AccessDenied):
                _record(case, getattr(cast, name))
        assert _nothing_written(case)

    def test_a_closure_order_may_be_contested_after_the_case_is_closed(self, make_case, cast):
        case = advance(make_case(), cast, "close")
        assert case.state == "closed"
        complaint = _record(case, cast.clerk, against="closure", filed_on=date(2025, 5, 9))
        _decide(complaint, cast.head, decided_on=date(2025, 5, 20), decision="upheld")
        assert "Complaint against the closure order decided: upheld." in _english_timeline(case)


def _post_complaint(**overrides):
    data = {
        "filed_on": "20/03/2025",
        "complainant": "debtor",
        "against": "order",
        "summary": SUMMARY,
    }
    data.update(overrides)
    return data


def _post_decision(**overrides):
    data = {"decided_on": "28/03/2025", "decision": "rejected", "note": REASONS}
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestViews:
    def test_the_case_page_shows_the_complaints_with_the_forms_to_who_may_use_them(
        self, make_case, cast
    ):
        case = make_case()
        _record(case, cast.officer)
        url = f"/cases/{ref(case.pk)}/"
        officer_page = cast.client("officer").get(url).text
        assert 'id="complaints"' in officer_page
        assert SUMMARY in officer_page
        assert 'id="complaint-form"' in officer_page
        assert "data-complaint-decide" not in officer_page
        head_page = cast.client("head").get(url).text
        assert 'id="complaint-form"' in head_page
        assert "data-complaint-decide" in head_page
        province_page = cast.client("head_province").get(url).text
        assert SUMMARY in province_page
        assert 'id="complaint-form"' not in province_page  # oversees, does not handle
        assert "data-complaint-decide" in province_page
        auditor_page = cast.client("auditor_district").get(url).text
        assert SUMMARY in auditor_page
        assert 'id="complaint-form"' not in auditor_page
        assert "data-complaint-decide" not in auditor_page

    def test_a_complaint_recorded_through_the_form_returns_to_the_case_page(self, make_case, cast):
        case = make_case()
        client = cast.client("officer")
        response = client.post(f"/cases/{ref(case.pk)}/complaints/", _post_complaint())
        assert response.status_code == 302
        assert response["Location"] == f"/cases/{ref(case.pk)}/"
        complaint = Complaint.objects.get(case=case)
        assert complaint.filed_on == date(2025, 3, 20)
        assert complaint.summary == SUMMARY
        page = client.get(response["Location"])
        assert [str(m) for m in page.context["messages"]]  # the success message
        assert SUMMARY in page.text
        assert AuditRecord.objects.filter(action="case.complaint_record").count() == 1

    def test_a_bad_complaint_is_shown_again_with_its_errors_and_nothing_is_saved(
        self, make_case, cast
    ):
        case = make_case()
        client = cast.client("officer")
        tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
        for bad in ({"filed_on": tomorrow}, {"filed_on": "01/03/2025"}, {"summary": ""}):
            response = client.post(f"/cases/{ref(case.pk)}/complaints/", _post_complaint(**bad))
            assert response.status_code == 400, bad
            form = response.context["form"]
            assert set(form.errors) == set(bad), form.errors
            assert 'id="complaint-form"' in response.text
            if "summary" not in bad:
                assert SUMMARY in response.text  # what was typed is kept
        assert _nothing_written(case)

    def test_the_head_decides_through_the_form(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        client = cast.client("head")
        url = f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/"
        assert client.get(url).status_code == 200
        response = client.post(url, _post_decision())
        assert response.status_code == 302
        assert response["Location"] == f"/cases/{ref(case.pk)}/"
        complaint.refresh_from_db()
        assert (complaint.decision, complaint.decided_on) == ("rejected", date(2025, 3, 28))
        page = client.get(response["Location"]).text
        assert "data-complaint-decide" not in page
        assert REASONS in page

    def test_the_head_of_a_higher_level_decides_through_the_form(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        response = cast.client("head_province").post(
            f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/",
            _post_decision(decision="upheld"),
        )
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert complaint.decision == "upheld"

    def test_deciding_twice_through_the_form_is_refused(self, make_case, cast):
        case = make_case()
        complaint = _decide(_record(case, cast.officer), cast.head)
        client = cast.client("head")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(
            f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/",
            _post_decision(decision="upheld", decided_on="02/04/2025"),
        )
        assert response.status_code == 400
        assert "already decided" in response.text
        complaint.refresh_from_db()
        assert complaint.decision == "rejected"

    def test_a_bad_decision_is_shown_again_and_nothing_is_saved(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        response = cast.client("head").post(
            f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/",
            _post_decision(decided_on="19/03/2025"),
        )
        assert response.status_code == 400
        assert set(response.context["form"].errors) == {"decided_on"}
        assert 'id="complaint-decide-form"' in response.text
        complaint.refresh_from_db()
        assert complaint.decided_on is None

    def test_an_officer_of_another_district_gets_not_found(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        client = cast.client("outsider_district")
        assert client.get(f"/cases/{ref(case.pk)}/").status_code == 404
        assert (
            client.post(f"/cases/{ref(case.pk)}/complaints/", _post_complaint()).status_code == 404
        )
        decide_url = f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/"
        assert client.post(decide_url, _post_decision()).status_code == 404
        head = cast.client("head_other_district")
        assert head.post(decide_url, _post_decision()).status_code == 404
        assert Complaint.objects.filter(case=case).count() == 1
        complaint.refresh_from_db()
        assert complaint.decided_on is None

    def test_who_is_not_a_head_may_not_decide_and_a_viewer_may_not_record(self, make_case, cast):
        case = make_case()
        complaint = _record(case, cast.officer)
        decide_url = f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/"
        for name in ("officer", "clerk", "auditor_district"):
            response = cast.client(name).post(decide_url, _post_decision())
            assert response.status_code == 403, name
        for name in ("auditor_district", "officer2", "head_province"):
            response = cast.client(name).post(
                f"/cases/{ref(case.pk)}/complaints/", _post_complaint()
            )
            assert response.status_code == 403, name
        complaint.refresh_from_db()
        assert complaint.decided_on is None
        assert Complaint.objects.filter(case=case).count() == 1

    def test_a_complaint_of_another_case_is_not_found(self, make_case, cast):
        case = make_case()
        other = make_case(number="126/ສປ")
        complaint = _record(other, cast.officer)
        response = cast.client("head").post(
            f"/cases/{ref(case.pk)}/complaints/{ref(complaint.pk)}/decide/", _post_decision()
        )
        assert response.status_code == 404
        complaint.refresh_from_db()
        assert complaint.decided_on is None

    def test_the_page_costs_the_same_number_of_queries_however_many_complaints(
        self, make_case, cast
    ):
        case = make_case()
        client = cast.client("head")
        counts = []
        for _round in range(2):
            _record(case, cast.officer)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/cases/{ref(case.pk)}/").status_code == 200
            counts.append(len(queries))
            _decide(_record(case, cast.officer), cast.head)
            _record(case, cast.clerk, against="measure")
        assert counts[0] == counts[1], counts
