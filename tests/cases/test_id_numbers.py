"""Identity numbers: in full for the case's own office; masked for the levels above, who may
open one at a time, each opening recorded in the audit log."""

from __future__ import annotations

import pytest

from ejcms.cases.choices import PartyRole
from ejcms.cases.templatetags.case_tags import masked
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from tests.conftest import Cast, party, register

NUMBER = "01-123456"


def _case(cast: Cast):
    return register(
        cast.clerk,
        parties=[
            party(PartyRole.CREDITOR, "ທະນາຄານ ພັດທະນາລາວ"),
            party(
                PartyRole.DEBTOR,
                "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
                id_document_type="id_card",
                id_document_number=NUMBER,
            ),
        ],
    )


def test_masked_keeps_the_last_three_characters():
    assert masked("01-123456") == "••••••456"
    assert masked("12") == "••"
    assert masked("") == ""


@pytest.mark.django_db
def test_the_office_sees_the_number_and_the_province_sees_it_masked(cast: Cast):
    case = _case(cast)
    own = cast.client("officer").get(f"/cases/{ref(case.pk)}/").content.decode()
    assert NUMBER in own
    above = cast.client("head_province").get(f"/cases/{ref(case.pk)}/").content.decode()
    assert NUMBER not in above
    assert masked(NUMBER) in above
    assert f"/cases/{ref(case.pk)}/parties/" in above


@pytest.mark.django_db
def test_opening_a_masked_number_is_recorded(cast: Cast):
    case = _case(cast)
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    url = f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/id-number/"
    response = cast.client("dej").get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert NUMBER in response.content.decode()
    record = AuditRecord.objects.get(action="party.id_number_read")
    assert record.actor_id == cast.dej.pk
    assert record.payload == {"case": case.pk, "party": link.party_id}
    page = cast.client("dej").get(url)  # without htmx: a page of its own
    assert page.status_code == 200
    assert NUMBER in page.content.decode()
    assert f'href="/cases/{ref(case.pk)}/"' in page.content.decode()
    assert AuditRecord.objects.filter(action="party.id_number_read").count() == 2


@pytest.mark.django_db
def test_another_office_cannot_open_it(cast: Cast):
    case = _case(cast)
    link = case.case_parties.get(role=PartyRole.DEBTOR)
    url = f"/cases/{ref(case.pk)}/parties/{ref(link.pk)}/id-number/"
    assert cast.client("outsider_district").get(url).status_code == 404
    assert cast.client("head_other_province").get(url).status_code == 404
    assert not AuditRecord.objects.filter(action="party.id_number_read").exists()
