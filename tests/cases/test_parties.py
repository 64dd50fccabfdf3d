"""Correcting a party's details after registration: who may, what is kept."""

from __future__ import annotations

import pytest

from ejcms.cases.models import EnforcementCase, Party, TimelineEvent
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.org.models import District, Province, Village
from tests.conftest import advance


def _debtor_link(case):
    return case.case_parties.get(role="debtor")


def _form(party, **changes):
    data = {
        "kind": party.kind,
        "name_lo": party.name_lo,
        "name_latin": party.name_latin,
        "id_document_type": party.id_document_type,
        "id_document_number": party.id_document_number,
        "province": party.province_id or "",
        "district": party.district_id or "",
        "village": party.village_id or "",
        "address_detail": party.address_detail,
        "phone": party.phone,
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_officer_in_charge_corrects_a_name_and_an_address(make_case, cast):
    case = advance(make_case(), cast, "call_parties")
    link = _debtor_link(case)
    capital = Province.objects.get(code="01")
    sisattanak = District.objects.get(code="0104")
    village = Village.objects.filter(district=sisattanak).order_by("code").first()
    client = cast.client("officer")
    page = client.get(f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/")
    assert page.status_code == 200
    assert "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ" in page.text
    response = client.post(
        f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/",
        _form(
            link.party,
            name_lo="ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ",
            province=capital.pk,
            district=sisattanak.pk,
            village=village.pk,
        ),
    )
    assert response.status_code == 302
    party = Party.objects.get(pk=link.party_id)
    assert party.name_lo == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ"
    assert party.village == village
    assert party.village_name == village.name_lo
    # Found by the new name; the timeline says what changed; the audit keeps before and after.
    assert f"/cases/{ref(case.pk)}/" in client.get("/cases/", {"q": "ພົມມະຈັນທອງ"}).text
    event = TimelineEvent.objects.get(case=case, kind="party_corrected")
    assert set(event.payload["fields"]) == {
        "name_lo",
        "province",
        "district",
        "village",
        "village_name",
    }
    record = AuditRecord.objects.get(action="case.party_correct")
    assert record.payload["changes"]["party.name_lo"] == [
        "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
        "ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ",
    ]
    assert record.payload["changes"]["party.village"] == [None, village.pk]
    assert "ແກ້ໄຂຂໍ້ມູນຂອງ ທ່ານ ສີສະຫວາດ ພົມມະຈັນທອງ" in client.get(f"/cases/{ref(case.pk)}/").text


@pytest.mark.django_db
def test_a_bad_correction_is_refused_in_lao_and_changes_nothing(make_case, cast):
    case = make_case()
    link = _debtor_link(case)
    response = cast.client("clerk").post(
        f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/",
        _form(link.party, name_lo="", id_document_type="passport", id_document_number=""),
    )
    assert response.status_code == 400
    assert "ຊື່ (ພາສາລາວ): ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້." in response.text
    assert Party.objects.get(pk=link.party_id).name_lo == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
    assert not AuditRecord.objects.filter(action="case.party_correct").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer2", 403),
        ("auditor_district", 403),
        ("head_province", 403),
        ("outsider_district", 404),
        ("dej", 403),
    ],
)
def test_others_may_not_correct_parties(make_case, cast, who, status):
    case = make_case()
    link = _debtor_link(case)
    response = cast.client(who).post(
        f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/", _form(link.party, name_lo="ຊື່ໃໝ່")
    )
    assert response.status_code == status
    assert Party.objects.get(pk=link.party_id).name_lo == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"


@pytest.mark.django_db
def test_a_closed_case_keeps_its_parties(make_case, cast):
    case = advance(make_case(), cast, "record_closure_notice")
    link = _debtor_link(case)
    assert EnforcementCase.objects.get(pk=case.pk).state == "closed"
    response = cast.client("head").post(
        f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/", _form(link.party, name_lo="ຊື່ໃໝ່")
    )
    assert response.status_code == 403
    assert "ຄະດີນີ້ປິດແລ້ວ" in response.text
    assert Party.objects.get(pk=link.party_id).name_lo == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
    # No "Correct" link (the export of a person's data is still offered: cases.access).
    page = cast.client("head").get(f"/cases/{ref(case.pk)}/").text
    for other in case.case_parties.all():
        assert f'href="/cases/{ref(case.pk)}/parties/{ref(other.pk)}/"' not in page


@pytest.mark.django_db
def test_a_party_of_another_case_cannot_be_reached_through_this_one(make_case, cast):
    first = make_case(number="1/ສປ")
    second = make_case(number="2/ສປ")
    foreign = _debtor_link(second)
    response = cast.client("head").get(f"/cases/{ref(first.pk)}/parties/{ref(foreign.pk)}/")
    assert response.status_code == 404
