"""The case screens, as officers use them, in Lao."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ejcms.cases.models import EnforcementCase, Party
from ejcms.core.ids import ref
from ejcms.org.models import Court, District, Province, Village
from tests.conftest import advance, register


def intake_post(**overrides):
    capital = Province.objects.get(code="01")
    chanthabouly = District.objects.get(code="0101")
    village = Village.objects.filter(district=chanthabouly).order_by("code").first()
    data = {
        "court": Court.objects.get(level="provincial", province=capital).pk,
        "number": "88/ສປ",
        "kind": "civil",
        "decided_on": "2025-01-10",
        "final_on": "2025-02-14",
        "source": "court",
        "received_on": "2025-03-03",
        "operative_part": "ໃຫ້ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຊຳລະໜີ້ 15.000.000 ກີບ.",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "50",
        "parties-0-role": "creditor",
        "parties-0-kind": "person",
        "parties-0-name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
        "parties-0-id_document_type": "id_card",
        "parties-0-id_document_number": "123456789",
        "parties-1-role": "debtor",
        "parties-1-kind": "person",
        "parties-1-name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
        "parties-1-name_latin": "Sisavath Phommachanh",
        "parties-1-id_document_type": "family_book",
        "parties-1-id_document_number": "A-2231",
        "parties-1-province": capital.pk,
        "parties-1-district": chanthabouly.pk,
        "parties-1-village": village.pk,
        "obligations-TOTAL_FORMS": "1",
        "obligations-INITIAL_FORMS": "0",
        "obligations-MIN_NUM_FORMS": "1",
        "obligations-MAX_NUM_FORMS": "30",
        "obligations-0-kind": "pay_money",
        "obligations-0-amount": "15.000.000",
        "obligations-0-currency": "LAK",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestIntakeForm:
    def test_a_complete_form_registers_the_case_and_opens_it(self, cast):
        cast.officer  # noqa: B018
        response = cast.client("clerk").post("/cases/new/", intake_post())
        case = EnforcementCase.objects.get()
        assert response.status_code == 302
        assert response.url == f"/cases/{ref(case.pk)}/"
        assert case.obligations.get().amount == 15000000
        debtor = Party.objects.get(case_links__role="debtor")
        assert debtor.village.district.code == "0101"
        assert debtor.village_name == debtor.village.name_lo

    def test_errors_are_shown_in_lao_with_the_field_named_and_nothing_is_saved(self, cast):
        data = intake_post(
            **{
                "parties-1-name_lo": "",
                "obligations-0-amount": "ສິບລ້ານ",
                "received_on": "2025-02-01",
            }
        )
        response = cast.client("clerk").post("/cases/new/", data)
        assert response.status_code == 400
        text = response.text
        assert "ຍັງບໍ່ໄດ້ບັນທຶກຫຍັງ" in text
        # The field is named in the summary: party 2, "Name (Lao)": this field is required.
        assert "ຄູ່ຄວາມ 2 · ຊື່ (ພາສາລາວ): ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້." in text
        assert "ພັນທະ 1 · ຈຳນວນເງິນ: ກະລຸນາປ້ອນຈຳນວນເງິນເປັນຕົວເລກ" in text
        assert EnforcementCase.objects.count() == 0
        assert Party.objects.count() == 0
        # What was typed is kept, so nothing the officer wrote is lost.
        assert "ນາງ ແສງເດືອນ ວົງສາ" in text
        assert "ສິບລ້ານ" in text

    def test_a_service_refusal_lands_on_its_field(self, cast):
        response = cast.client("clerk").post("/cases/new/", intake_post(received_on="2025-02-01"))
        assert response.status_code == 400
        assert "ວັນທີໄດ້ຮັບ: ວັນທີໄດ້ຮັບ ຕ້ອງບໍ່ກ່ອນວັນທີຄຳຕັດສິນໃຊ້ໄດ້ຢ່າງເດັດຂາດ." in response.text
        assert EnforcementCase.objects.count() == 0

    def test_a_duplicate_decision_is_warned_and_needs_confirmation(self, cast):
        client = cast.client("clerk")
        client.post("/cases/new/", intake_post())
        first = EnforcementCase.objects.get()
        warned = client.post("/cases/new/", intake_post())
        assert warned.status_code == 400
        assert "ຄຳຕັດສິນຂອງສານສະບັບນີ້ ໄດ້ລົງທະບຽນແລ້ວ" in warned.text
        assert f"/cases/{ref(first.pk)}/" in warned.text
        assert EnforcementCase.objects.count() == 1
        confirmed = client.post("/cases/new/", intake_post(confirm_duplicate="on"))
        assert confirmed.status_code == 302
        assert EnforcementCase.objects.count() == 2

    def test_a_duplicate_in_an_office_one_cannot_see_is_counted_not_shown(self, cast):
        cast.client("head_other_province")
        register(cast.head_other_district, number="88/ສປ")  # Sikhottabong, same court
        warned = cast.client("officer").post("/cases/new/", intake_post())
        assert warned.status_code == 400
        # The officer of Chanthabouly sees no case of Sikhottabong, only that one exists.
        assert "1 ຄະດີ ໃນອົງການທີ່ທ່ານບໍ່ມີສິດເບິ່ງ" in warned.text

    def test_the_form_lists_only_the_villages_of_the_chosen_district(self, cast):
        client = cast.client("clerk")
        chanthabouly = District.objects.get(code="0101")
        options = client.get(f"/org/villages/?parties-0-district={chanthabouly.pk}")
        assert options.status_code == 200
        assert (
            options.text.count("<option")
            == Village.objects.filter(district=chanthabouly).count() + 1
        )
        districts = client.get(f"/org/districts/?parties-0-province={chanthabouly.province_id}")
        assert "ຈັນທະບູລີ" in districts.text
        assert "ຫຼວງພະບາງ" not in districts.text

    def test_the_auditor_cannot_open_the_intake_form(self, cast):
        assert cast.client("auditor_district").get("/cases/new/").status_code == 403


@pytest.mark.django_db
class TestCaseList:
    def test_search_by_party_name_in_either_spelling_register_or_decision_number(self, cast):
        cast.officer  # noqa: B018
        from ejcms.cases.choices import PartyRole
        from tests.conftest import party

        wanted = register(
            cast.clerk,
            number="301/ສປ",
            parties=[
                party(PartyRole.CREDITOR, "ບໍລິສັດ ນ້ຳງື່ມ ຈຳກັດ"),
                party(PartyRole.DEBTOR, "ທ່ານ ຄຳໝັ້ນ ໜໍ່ແກ້ວ", name_latin="Khamman Norkeo"),
            ],
        )
        other = register(cast.clerk, number="302/ສປ")
        client = cast.client("officer")
        for query in ["ຫນໍ່ແກ້ວ", "ນໍ້າງື່ມ", "norkeo", "301/ສປ", wanted.register_label]:
            text = client.get("/cases/", {"q": query}).text
            assert f"/cases/{ref(wanted.pk)}/" in text, query
            assert f"/cases/{ref(other.pk)}/" not in text, query

    def test_filters_by_stage_officer_and_overdue(self, cast):
        cast.officer, cast.officer2  # noqa: B018
        late = register(cast.clerk, number="1/ສປ")  # call-in deadline 11 March 2025: long overdue
        moved = register(cast.clerk, number="2/ສປ")  # assigned to officer2
        from ejcms.cases.services import case_transition
        from ejcms.cases.workflow import TransitionInput

        case_transition(
            actor=cast.officer2,
            case=moved,
            name="call_parties",
            data=TransitionInput(on=date(2025, 3, 5)),
        )
        client = cast.client("head")
        voluntary = client.get("/cases/", {"state": "voluntary"}).text
        assert f"/cases/{ref(moved.pk)}/" in voluntary
        assert f"/cases/{ref(late.pk)}/" not in voluntary
        by_officer = client.get("/cases/", {"officer": cast.officer.pk}).text
        assert f"/cases/{ref(late.pk)}/" in by_officer
        assert f"/cases/{ref(moved.pk)}/" not in by_officer
        overdue = client.get("/cases/", {"overdue": "on"}).text
        assert f"/cases/{ref(late.pk)}/" in overdue
        assert f"/cases/{ref(moved.pk)}/" not in overdue

    def test_the_list_is_paginated_and_keeps_the_filters(self, cast, settings):
        settings.EJCMS_PAGE_SIZE = 2
        cast.officer  # noqa: B018
        for n in range(5):
            register(cast.clerk, number=f"{n}/ສປ")
        page = cast.client("head").get("/cases/", {"state": "received"})
        assert len(re.findall(r'href="/cases/[0-9a-z]{13}/"', page.text)) == 2
        assert "?state=received&amp;page=2" in page.text
        assert "ໜ້າ 1 ຈາກ 3" in page.text


@pytest.mark.django_db
class TestCasePage:
    def test_the_page_shows_parties_obligations_deadlines_and_the_steps_allowed_now(
        self, make_case, cast
    ):
        case = make_case()
        text = cast.client("officer").get(f"/cases/{ref(case.pk)}/").text
        assert "ນາງ ແສງເດືອນ ວົງສາ" in text
        assert "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ" in text
        assert "15.000.000 ກີບ" in text
        assert "ຮຽກຄູ່ຄວາມເຂົ້າມາ ເພື່ອແຈ້ງເນື້ອໃນຄຳຕັດສິນ" in text
        assert "11 ມີນາ 2025" in text
        assert 'data-step="call_parties"' in text
        assert 'data-step="suspend"' not in text  # a head's step
        head_text = cast.client("head").get(f"/cases/{ref(case.pk)}/").text
        assert 'data-step="suspend"' in head_text
        assert "ມອບໝາຍຄືນໃໝ່" in head_text

    def test_the_page_costs_the_same_number_of_queries_however_long_the_history(
        self, make_case, cast
    ):
        from ejcms.cases.services import case_reassign

        case = advance(make_case(), cast, "start_compulsory")
        client = cast.client("head")
        counts = []
        for round_ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/cases/{ref(case.pk)}/").status_code == 200
            counts.append(len(queries))
            for officer in (cast.officer2, cast.officer) * 3:  # six more timeline entries
                case_reassign(actor=cast.head, case=case, officer=officer, reason=f"ຮອບ {round_}")
        # 16 since the complaints section (one prefetch for the case's complaints); 17 for a
        # head, whose second login step (the authenticator device) is read at each request.
        assert counts[0] == counts[1] <= 17, counts

    def test_a_step_through_the_form_with_a_bad_date_shows_the_reason_in_lao(self, make_case, cast):
        case = make_case()
        response = cast.client("officer").post(
            f"/cases/{ref(case.pk)}/step/call_parties/", {"on": "2099-01-01"}
        )
        assert response.status_code == 400
        assert "ວັນທີປະຕິບັດ ຕ້ອງບໍ່ເປັນວັນທີໃນອະນາຄົດ" in response.text
        assert EnforcementCase.objects.get(pk=case.pk).state == "received"

    def test_the_notice_form_asks_for_the_method_and_shows_the_thirty_days(self, make_case, cast):
        case = advance(make_case(), cast, "complete_study")
        client = cast.client("officer")
        form = client.get(f"/cases/{ref(case.pk)}/step/notify/").text
        assert "ວິທີແຈ້ງ" in form
        assert "ແຈ້ງໂດຍຕິດຄຳສັ່ງ ຢູ່ອົງການປົກຄອງບ້ານ" in form
        response = client.post(
            f"/cases/{ref(case.pk)}/step/notify/",
            {"on": "2025-03-24", "notice_method": "in_person"},
        )
        assert response.status_code == 302
        page = client.get(f"/cases/{ref(case.pk)}/").text
        assert "ກຳນົດເວລາການປະຕິບັດຄຳຕັດສິນຂອງສານ" in page
        assert "23 ເມສາ 2025" in page
        assert "30 ວັນ" in page

    def test_reassignment_through_the_page(self, make_case, cast):
        case = make_case()
        cast.officer2  # noqa: B018
        client = cast.client("head")
        assert client.get(f"/cases/{ref(case.pk)}/reassign/").status_code == 200
        response = client.post(
            f"/cases/{ref(case.pk)}/reassign/", {"officer": cast.officer2.pk, "reason": "ແບ່ງວຽກໃໝ່"}
        )
        assert response.status_code == 302
        page = client.get(f"/cases/{ref(case.pk)}/").text
        assert "ມອບໝາຍຄືນໃໝ່ ຈາກ" in page
        assert "ແບ່ງວຽກໃໝ່" in page
        assert cast.client("officer").get(f"/cases/{ref(case.pk)}/reassign/").status_code == 403


@pytest.mark.django_db
class TestDashboards:
    def test_my_dashboard_shows_my_cases_by_stage_and_my_overdue_deadlines(self, make_case, cast):
        case = make_case()
        text = cast.client("officer").get("/").text
        assert "ຄະດີຂອງຂ້ອຍ ຕາມຂັ້ນຕອນ" in text
        assert "ໄດ້ຮັບຄຳຕັດສິນຂອງສານ" in text
        assert f"/cases/{ref(case.pk)}/" in text  # overdue: the call-in was due 11 March 2025

    def test_the_deadlines_page_shows_overdue_and_done_late_for_the_office(self, make_case, cast):
        from ejcms.cases.services import case_transition
        from ejcms.cases.workflow import TransitionInput

        overdue = make_case(number="1/ສປ")
        late = make_case(number="2/ສປ", received_on=date(2026, 11, 2))
        # Called in on 20 November 2026, after the 5 working days ran out.
        case_transition(
            actor=late.assigned_officer,
            case=late,
            name="call_parties",
            data=TransitionInput(on=date(2026, 11, 20)),
        )
        text = cast.client("head").get("/deadlines/").text
        overdue_section, _, late_section = text.partition("ປະຕິບັດຊ້າກວ່າກຳນົດ (90 ວັນຜ່ານມາ)")
        assert f"/cases/{ref(overdue.pk)}/" in overdue_section
        assert f"/cases/{ref(late.pk)}/" in late_section

    def test_the_office_dashboard_shows_each_officers_load(self, make_case, cast):
        make_case(number="1/ສປ")
        make_case(number="2/ສປ")
        text = cast.client("head").get("/office/").text
        # Both officers are listed; the officer in charge of the two cases shows 2 open cases.
        assert "ທ່ານ ສົມສັກ ພົມມະຈັນ" in text
        row = text[text.index("ທ່ານ ສົມສັກ ພົມມະຈັນ") :]
        assert re.search(r'<td class="text-end">2</td>', row[:200])
        assert "ຄະດີ ຕາມຂັ້ນຕອນ" in text

    def test_a_province_head_chooses_among_their_districts_only(self, make_case, cast):
        from ejcms.org.models import Office

        make_case()
        client = cast.client("head_province")
        text = client.get("/office/").text
        assert "ຫ້ອງປະຕິບັດຄຳຕັດສິນຂອງສານ ເມືອງຈັນທະບູລີ" in text
        assert "ນະຄອນຫຼວງພະບາງ" not in text
        luang_prabang = Office.objects.get(code="0601")
        assert client.get("/office/", {"office": luang_prabang.pk}).status_code == 404


@pytest.mark.django_db
def test_a_head_looks_at_one_officers_deadlines(make_case, cast):
    cast.officer, cast.officer2  # noqa: B018
    mine = make_case(number="1/ສປ")  # officer
    theirs = make_case(number="2/ສປ")  # officer2
    client = cast.client("head")
    text = client.get("/deadlines/", {"officer": cast.officer2.pk}).text
    assert f"/cases/{ref(theirs.pk)}/" in text
    assert f"/cases/{ref(mine.pk)}/" not in text
    # An officer of another province is not someone this head looks at.
    assert client.get("/deadlines/", {"officer": cast.outsider_province.pk}).status_code == 404
