"""API v1, cases: tokens, scope, the error shape, registration through the service."""

from __future__ import annotations

from typing import Any

import pytest

from ejcms.api.services import api_client_revoke
from ejcms.cases.choices import PartyRole
from ejcms.cases.models import EnforcementCase
from ejcms.core.audit import audit_verify
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.org.models import Court
from tests.conftest import party, register

pytestmark = pytest.mark.django_db


def test_a_call_without_a_token_is_refused(client: Any) -> None:
    response = client.get("/api/v1/cases/")
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_list_holds_the_office_cases_only(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    own = register(cast.clerk, number="11/ສປ")
    cast.outsider_district  # noqa: B018 - the other district's officer, to be assigned
    other = register(cast.head_other_district, number="12/ສປ")
    api = api_client()
    body = api.get("/api/v1/cases/").json()
    ids = [row["id"] for row in body["results"]]
    assert ref(own.pk) in ids
    assert other.office.code == "0102"
    assert ref(other.pk) not in ids
    row = body["results"][0]
    assert row["register"] == own.register_label
    assert row["office"] == "0101"


def test_another_province_case_is_not_found(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    own = register(cast.clerk, number="11/ສປ")
    far = api_client(office="0601")
    response = far.get(f"/api/v1/cases/{ref(own.pk)}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert api_client().get(f"/api/v1/cases/{ref(own.pk)}/").status_code == 200


def test_a_revoked_token_gets_401(cast: Any, api_client: Any) -> None:
    api = api_client()
    assert api.get("/api/v1/cases/").status_code == 200
    api_client_revoke(actor=None, client=api.new.client)
    response = api.get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_token_in_lao_letters_gets_401_not_a_server_error(cast: Any) -> None:
    from django.test import Client

    response = Client(HTTP_AUTHORIZATION="Bearer ລະຫັດລັບ").get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_client_without_the_action_is_refused(cast: Any, api_client: Any) -> None:
    api = api_client(actions=["statistics.read"])
    response = api.get("/api/v1/cases/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def _payload(court: Court, **over: Any) -> dict[str, Any]:
    body = {
        "decision": {
            "court": court.pk,
            "number": "45/ສປ",
            "decided_on": "2026-01-10",
            "final_on": "2026-02-10",
            "kind": "civil",
            "operative_part": "ໃຫ້ ທ່ານ ສີສະຫວາດ ຊຳລະເງິນ 15.000.000 ກີບ",
        },
        "parties": [
            {"role": PartyRole.CREDITOR, "kind": "organisation", "name_lo": "ທະນາຄານ ພັດທະນາລາວ"},
            {"role": PartyRole.DEBTOR, "kind": "person", "name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"},
        ],
        "obligations": [{"kind": "pay_money", "amount": "15000000", "currency": "LAK"}],
    }
    body.update(over)
    return body


def test_register_through_the_service(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    court = Court.objects.filter(province__code="01").first() or Court.objects.first()
    assert court is not None
    api = api_client()
    response = api.post("/api/v1/cases/", _payload(court))
    assert response.status_code == 201, response.json()
    body = response.json()
    case = EnforcementCase.objects.get(decision__number="45/ສປ")
    assert body["id"] == ref(case.pk)
    assert [p["name_lo"] for p in body["parties"]] == ["ທະນາຄານ ພັດທະນາລາວ", "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"]
    assert case.office.code == "0101"
    assert AuditRecord.objects.filter(action="case.register", object_id=str(case.pk)).exists()
    calls = AuditRecord.objects.filter(action="api.call")
    assert calls.count() == 1
    assert calls.get().payload == {"method": "POST", "path": "/api/v1/cases/", "status": 201}
    assert audit_verify().intact


def test_invalid_payloads_name_each_bad_field(cast: Any, api_client: Any) -> None:
    court = Court.objects.first()
    assert court is not None
    bad = _payload(court)
    bad["decision"]["decided_on"] = "10/01/2026"
    bad["parties"][1]["role"] = "judge"
    bad["obligations"][0]["amount"] = "-5"
    before = EnforcementCase.objects.count()
    response = api_client(language="en").post("/api/v1/cases/", bad)
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert set(fields) == {"decision.decided_on", "parties.1.role", "obligations.0.amount"}
    assert EnforcementCase.objects.count() == before
    # The service's own checks come back in the same shape, in Lao by default.
    later = _payload(court)
    later["decision"]["final_on"] = "2026-01-01"  # before the decision
    lao = api_client(name="ລະບົບ ທີ 2").post("/api/v1/cases/", later)
    assert lao.status_code == 400
    assert "final_on" in lao.json()["fields"]
    assert lao["Content-Language"] == "lo"


def test_identity_numbers_are_masked_above_the_case_office(cast: Any, api_client: Any) -> None:
    cast.officer  # noqa: B018
    case = register(
        cast.clerk,
        number="77/ສປ",
        parties=[
            party(PartyRole.CREDITOR, "ທະນາຄານ ພັດທະນາລາວ"),
            party(
                PartyRole.DEBTOR,
                "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
                id_document_type="id_card",
                id_document_number="01-123456",
            ),
        ],
    )
    own = api_client().get(f"/api/v1/cases/{ref(case.pk)}/").json()
    assert own["parties"][1]["id_document_number"] == "01-123456"
    for office in ("01", "00"):  # the province's division and the DEJ see the case, masked
        above = api_client(office=office, role="supervisor", name=f"ລະບົບ {office}")
        body = above.get(f"/api/v1/cases/{ref(case.pk)}/").json()
        assert body["parties"][1]["id_document_number"] == "••••••456"
        listed = above.get(f"/api/v1/cases/{ref(case.pk)}/parties/").json()
        assert listed[1]["id_document_number"] == "••••••456"
        assert "01-123456" not in str(body)


def test_a_django_refusal_inside_an_endpoint_keeps_the_error_shape() -> None:
    from django.core.exceptions import PermissionDenied

    from ejcms.core.api import exception_handler

    response = exception_handler(PermissionDenied("ບໍ່ອະນຸຍາດ"), {})
    assert response is not None
    assert response.status_code == 403
    assert response.data == {"code": "permission_denied", "message": "ບໍ່ອະນຸຍາດ", "fields": {}}
