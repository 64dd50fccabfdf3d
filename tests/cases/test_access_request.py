"""A person's access request: the head of an office or a DEJ supervisor exports, as one JSON
file, everything ejcms holds about a person in the cases they may see; others are refused (404
out of their scope, 403 within it); each export is in the audit log, without personal data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ejcms.cases.choices import PartyRole
from ejcms.cases.models import CaseParty, EnforcementCase
from ejcms.cases.services import PartyData
from ejcms.core.models import AuditRecord
from ejcms.documents.services import attachment_upload
from ejcms.finance.services import PaymentData, payment_record
from ejcms.measures.choices import AssetKind
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import summons_record
from tests.conftest import Cast, advance, party, register
from tests.measures.conftest import asset_data

PERSON = "ທ້າວ ສົມພອນ ແກ້ວມະນີ"
LATIN = "Somphone Keomany"
NUMBER = "01-4455667"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _debtor(**extra: Any) -> PartyData:
    values: dict[str, Any] = {
        "name_latin": LATIN,
        "id_document_type": "id_card",
        "id_document_number": NUMBER,
        "phone": "020 2233 4455",
        "address_detail": "ບ້ານ ໂພນໄຊ ໜ່ວຍ 3",
    }
    values.update(extra)
    return party(PartyRole.DEBTOR, PERSON, **values)


def _case(actor: User, number: str, debtor: PartyData, creditor: str = "ນາງ ຄຳແພງ ສີລາ") -> Any:
    return register(actor, number=number, parties=[party(PartyRole.CREDITOR, creditor), debtor])


@pytest.fixture
def cases(cast: Cast) -> dict[str, EnforcementCase]:
    """The same person in cases of Chanthabouly (0101, twice, the number written two ways),
    Sikhottabong (0102, same province) and Luang Prabang (0601); a namesake without an
    identity number in 0101; and someone else in 0101."""
    cast.officer  # noqa: B018 - created first, so the least-loaded officer is always this one
    cast.outsider_district  # noqa: B018 - an officer of 0102
    cast.outsider_province  # noqa: B018 - an officer of 0601
    made = {
        "first": _case(cast.clerk, "501/ສປ", _debtor()),
        "second": _case(cast.clerk, "502/ສປ", _debtor(id_document_number="01 4455 667")),
        "namesake": _case(
            cast.clerk, "503/ສປ", _debtor(id_document_type="none", id_document_number="")
        ),
        "other": _case(cast.clerk, "504/ສປ", party(PartyRole.DEBTOR, "ທ່ານ ວິໄລ ສີສຸວັນ")),
        "sikhottabong": _case(cast.outsider_district, "505/ສປ", _debtor()),
        "luang_prabang": _case(cast.outsider_province, "506/ສປ", _debtor()),
    }
    return made


def _link(case: EnforcementCase) -> CaseParty:
    return case.case_parties.get(role=PartyRole.DEBTOR)


def _url(case: EnforcementCase) -> str:
    return reverse("cases:party_export", args=[case.pk, _link(case).pk])


def _export(client: Client, case: EnforcementCase, records: list[int] | None = None) -> Any:
    response = client.post(_url(case), {"records": records} if records is not None else {})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return response


def _registers(data: dict[str, Any]) -> list[str]:
    return sorted(record["case"]["register_number"] for record in data["records"])


def _rich(case: EnforcementCase, cast: Cast) -> None:
    """A payment by the person, an asset of theirs, a summons and a scan, in `case`."""
    case = advance(case, cast, "start_compulsory")
    person = _link(case).party
    payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(
            amount=Decimal("2000000"),
            currency="LAK",
            method="cash",
            on=date(2025, 5, 2),
            payer=person,
        ),
    )
    asset_record(actor=cast.officer, case=case, data=asset_data(AssetKind.VEHICLE, person))
    summons_record(
        actor=cast.officer,
        case=case,
        party=person,
        served_on=date(2025, 4, 28),
        appear_on=date(2025, 4, 30),
    )
    attachment_upload(
        actor=cast.officer,
        case=case,
        kind="evidence",
        title="ໃບຮັບເງິນ ສະແກນ",
        upload=SimpleUploadedFile("scan.png", PNG, content_type="image/png"),
    )


@pytest.mark.django_db
def test_the_head_exports_the_persons_records_in_the_office(cast: Cast, cases):
    _rich(cases["first"], cast)
    client = cast.client("head")
    page = client.get(_url(cases["first"]))
    assert page.status_code == 200
    html = page.content.decode()
    # The office's records of the person; the namesake is offered, unticked.
    for name in ("first", "second", "namesake"):
        assert f'data-record="{_link(cases[name]).pk}"' in html, name
    for name in ("other", "sikhottabong", "luang_prabang"):
        assert f'data-record="{_link(cases[name]).pk}"' not in html, name
    assert (
        f'value="{_link(cases["second"]).pk}" id="record-{_link(cases["second"]).pk}" checked'
        in html
    )
    assert (
        f'value="{_link(cases["namesake"]).pk}" id="record-{_link(cases["namesake"]).pk}">' in html
    )
    assert not AuditRecord.objects.filter(action="party.data_exported").exists()

    response = _export(client, cases["first"], [_link(cases["second"]).pk])
    body = response.content.decode("utf-8")
    assert PERSON in body  # UTF-8, the Lao unescaped
    assert "\\u0e" not in body
    data = json.loads(body)
    assert _registers(data) == sorted(
        [cases["first"].register_label, cases["second"].register_label]
    )
    assert data["person"]["name_lo"] == PERSON
    assert data["person"]["id_document_number"] == NUMBER
    first = next(r for r in data["records"] if r["matched_by"] == "this_record")
    assert first["role"] == "debtor"
    assert first["party"]["name_latin"] == LATIN
    assert first["party"]["phone"] == "020 2233 4455"
    assert first["party"]["address"] == "ບ້ານ ໂພນໄຊ ໜ່ວຍ 3"
    assert first["case"]["office"]["code"] == "0101"
    assert first["case"]["decision"]["number"] == "501/ສປ"
    assert first["obligations"][0]["amount"] == "15000000.00"
    assert first["obligations"][0]["in_their_favour"] is False
    payment = next(p for p in first["payments"] if p["direction"] == "paid_by")
    assert (payment["amount"], payment["currency"], payment["on"]) == (
        "2000000.00",
        "LAK",
        "2025-05-02",
    )
    assert first["assets"][0]["plate"] == "ກຂ 4521"
    assert [m["kind"] for m in first["measures"]] == ["summons"]
    assert [a["title"] for a in first["attachments"]] == ["ໃບຮັບເງິນ ສະແກນ"]
    second = next(r for r in data["records"] if r["matched_by"] == "identity_number")
    assert second["party"]["id_document_number"] == "01 4455 667"
    assert second["payments"] == []
    assert second["assets"] == []

    # The audit record: who and how many, nothing of the person.
    (record,) = AuditRecord.objects.filter(action="party.data_exported")
    assert record.actor_id == cast.head.pk
    assert record.payload == {
        "case": cases["first"].pk,
        "party": _link(cases["first"]).party_id,
        "records": 2,
        "cases": 2,
        "by_name": 0,
    }
    dumped = json.dumps(record.payload, ensure_ascii=False)
    for secret in (PERSON, NUMBER, LATIN):
        assert secret not in dumped


@pytest.mark.django_db
def test_a_namesake_is_exported_only_when_ticked(cast: Cast, cases):
    client = cast.client("head")
    default = json.loads(_export(client, cases["namesake"]).content)
    # Started from the record without a number: only that one unless others are ticked.
    assert _registers(default) == [cases["namesake"].register_label]
    ticked = json.loads(_export(client, cases["namesake"], [_link(cases["first"]).pk]).content)
    assert _registers(ticked) == sorted(
        [cases["namesake"].register_label, cases["first"].register_label]
    )
    assert sorted(r["matched_by"] for r in ticked["records"]) == ["name", "this_record"]
    assert AuditRecord.objects.filter(action="party.data_exported").count() == 2
    assert AuditRecord.objects.filter(action="party.data_exported").last().payload["by_name"] == 1


@pytest.mark.django_db
def test_the_scope_decides_which_records_are_found(cast: Cast, cases):
    everything = [
        cases[n].register_label for n in ("first", "second", "sikhottabong", "luang_prabang")
    ]
    province = [cases[n].register_label for n in ("first", "second", "sikhottabong")]
    sure = [_link(cases[n]).pk for n in ("second", "sikhottabong", "luang_prabang")]
    by_province = json.loads(_export(cast.client("head_province"), cases["first"], sure).content)
    assert _registers(by_province) == sorted(province)
    by_dej = json.loads(_export(cast.client("dej"), cases["first"], sure).content)
    assert _registers(by_dej) == sorted(everything)
    # A record outside the scope, slipped into the form, is not exported.
    by_head = json.loads(_export(cast.client("head"), cases["first"], sure).content)
    assert _registers(by_head) == sorted(
        [cases["first"].register_label, cases["second"].register_label]
    )


@pytest.mark.django_db
def test_others_are_refused_404_outside_their_scope_and_403_within_it(cast: Cast, cases):
    url = _url(cases["first"])
    for who in (
        "outsider_district",
        "head_other_district",
        "head_other_province",
        "outsider_province",
    ):
        assert cast.client(who).get(url).status_code == 404, who
        assert cast.client(who).post(url).status_code == 404, who
    for who in ("officer", "clerk", "auditor_district"):
        assert cast.client(who).get(url).status_code == 403, who
        assert cast.client(who).post(url).status_code == 403, who
    for who in ("trainer", "admin"):
        assert cast.client(who).get(url).status_code == 404, who
    assert not AuditRecord.objects.filter(action="party.data_exported").exists()
    # A party that is not one of the case's.
    stranger = reverse("cases:party_export", args=[cases["first"].pk, _link(cases["other"]).pk])
    assert cast.client("head").get(stranger).status_code == 404


@pytest.mark.django_db
def test_the_case_page_offers_the_export_to_heads_and_supervisors(cast: Cast, cases):
    url = reverse("cases:detail", args=[cases["first"].pk])
    link = _link(cases["first"])
    marker = f'data-party-export="{link.pk}"'
    assert marker in cast.client("head").get(url).content.decode()
    assert marker in cast.client("dej").get(url).content.decode()
    assert marker not in cast.client("officer").get(url).content.decode()
    assert marker not in cast.client("clerk").get(url).content.decode()
