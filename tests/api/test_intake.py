"""Court intake: a court's system sends a final decision; the route table decides the office."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import pytest

from ejcms.cases.choices import CaseSource, PartyRole
from ejcms.cases.models import Decision, EnforcementCase
from ejcms.core.api_actions import ApiAction
from ejcms.core.audit import audit_verify
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.documents.models import Attachment, AttachmentKind
from ejcms.org.models import District, IntakeRoute, Office
from ejcms.org.selectors import receiving_office
from ejcms.org.services import intake_route_set
from tests.conftest import court

pytestmark = pytest.mark.django_db

URL = "/api/v1/intake/decisions/"
PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    + b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    + "% ຄຳຕັດສິນ ເລກທີ 45/ສປ\n".encode()
    + b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _payload(number: str = "45/ສປ", district: str = "0101", **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "decision": {
            "court": court("01").pk,
            "number": number,
            "decided_on": "2026-01-10",
            "final_on": "2026-02-10",
            "kind": "civil",
            "operative_part": "ໃຫ້ ທ່ານ ສີສະຫວາດ ພົມມະຈັນ ຊຳລະເງິນ 15.000.000 ກີບ ໃຫ້ ທະນາຄານ",
        },
        "parties": [
            {"role": PartyRole.CREDITOR, "kind": "organisation", "name_lo": "ທະນາຄານ ພັດທະນາລາວ"},
            {
                "role": PartyRole.DEBTOR,
                "kind": "person",
                "name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
                "province": district[:2],
                "district": district,
            },
        ],
        "obligations": [{"kind": "pay_money", "amount": "15000000", "currency": "LAK"}],
        "decision_pdf": base64.b64encode(PDF).decode(),
        "court_reference": "PSC-2026-000451",
    }
    body.update(over)
    return body


@pytest.fixture
def intake(api_client: Any, cast: Any) -> Any:
    """The court's client: a registry clerk of the DEJ with the intake action only."""
    cast.officer  # noqa: B018 - an officer in 0101 to be assigned
    return api_client(
        office="00",
        role="clerk",
        actions=[ApiAction.INTAKE],
        name="ລະບົບ ສານປະຊາຊົນ ນະຄອນຫຼວງວຽງຈັນ",
    )


def test_a_resent_decision_creates_one_case(intake: Any) -> None:
    first = intake.post(URL, _payload())
    assert first.status_code == 201, first.json()
    case = EnforcementCase.objects.get()
    assert first.json() == {
        "id": ref(case.pk),
        "register": case.register_label,
        "office": "0101",
        "state": "received",
        "created": True,
    }
    assert case.source == CaseSource.COURT
    again = intake.post(URL, _payload(number="ເລກທີ 45 / ສປ"))  # the same number, written otherwise
    assert again.status_code == 200, again.json()
    assert again.json()["id"] == ref(case.pk)
    assert again.json()["created"] is False
    assert EnforcementCase.objects.count() == 1
    assert Decision.objects.count() == 1
    assert Attachment.objects.count() == 1
    received = AuditRecord.objects.filter(action="case.receive_from_court")
    assert received.count() == 1
    assert received.get().payload["court_reference"] == "PSC-2026-000451"
    assert received.get().payload["office"] == "0101"
    assert audit_verify().intact


def test_the_pdf_is_kept_with_the_case(intake: Any) -> None:
    response = intake.post(URL, _payload())
    assert response.status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.case.decision.number == "45/ສປ"
    assert attachment.kind == AttachmentKind.DECISION
    assert attachment.content_type == "application/pdf"
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    with attachment.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == hashlib.sha256(PDF).hexdigest()
    assert AuditRecord.objects.filter(
        action="document.attachment_uploaded", object_id=str(attachment.pk)
    ).exists()


def test_the_office_follows_the_route_table(intake: Any, cast: Any) -> None:
    sikhottabong = District.objects.get(code="0103")
    # Without a route: the district's own office.
    assert receiving_office(sikhottabong) == Office.objects.get(code="0103")
    response = intake.post(URL, _payload(number="50/ສປ", district="0103"))
    assert response.json()["office"] == "0103"
    # A route sends the next decision for the district to the capital's division.
    intake_route_set(
        actor=cast.admin,
        district=sikhottabong,
        office=Office.objects.get(code="01"),
        note="ຫ້ອງການເມືອງ ຂາດພະນັກງານ",
    )
    routed = intake.post(URL, _payload(number="51/ສປ", district="0103"))
    assert routed.status_code == 201, routed.json()
    assert routed.json()["office"] == "01"
    assert EnforcementCase.objects.get(decision__number="51/ສປ").office.code == "01"
    assert EnforcementCase.objects.get(decision__number="50/ສປ").office.code == "0103"


def test_a_district_without_an_office_goes_to_the_province() -> None:
    district = District.objects.get(code="0601")
    Office.objects.filter(code="0601").update(is_active=False)
    assert receiving_office(district) == Office.objects.get(code="06")


def test_invalid_payloads_name_each_bad_field(intake: Any) -> None:
    bad = _payload(decision_pdf=base64.b64encode(b"MZ\x90\x00 not a pdf").decode())
    bad["decision"]["number"] = ""
    bad["parties"][1]["role"] = "judge"
    response = intake.post(URL, bad)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"decision.number", "parties.1.role", "decision_pdf"}
    assert EnforcementCase.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not AuditRecord.objects.filter(action="case.receive_from_court").exists()
    # The service's own checks are named the same way, and write nothing either.
    late = _payload()
    late["decision"]["final_on"] = "2026-01-01"  # before the decision was made
    del late["decision"]["operative_part"]
    refused = intake.post(URL, late)
    assert refused.status_code == 400
    assert set(refused.json()["fields"]) == {"decision.final_on", "decision.operative_part"}
    assert EnforcementCase.objects.count() == 0
    # Not base64, and a debtor without a district.
    nowhere = _payload(decision_pdf="%PDF-!!")
    del nowhere["parties"][1]["district"]
    response = intake.post(URL, nowhere)
    assert set(response.json()["fields"]) == {"decision_pdf", "parties"}


def test_a_token_without_the_intake_action_is_refused(api_client: Any, cast: Any) -> None:
    api = api_client(office="00", actions=[ApiAction.CASES_WRITE, ApiAction.CASES_READ])
    response = api.post(URL, _payload())
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert EnforcementCase.objects.count() == 0


def test_a_person_may_not_use_the_intake(cast: Any) -> None:
    client = cast.client("clerk")
    response = client.post(URL, _payload(), content_type="application/json")
    assert response.status_code == 403
    assert EnforcementCase.objects.count() == 0


def test_a_provincial_client_reaches_its_province_only(api_client: Any, cast: Any) -> None:
    cast.officer  # noqa: B018
    api = api_client(office="01", actions=[ApiAction.INTAKE])
    assert api.post(URL, _payload()).status_code == 201
    far = api.post(URL, _payload(number="60/ສປ", district="0601"))
    assert far.status_code == 403
    assert not EnforcementCase.objects.filter(decision__number="60/ສປ").exists()


def test_a_decision_registered_on_paper_is_not_shown(intake: Any, cast: Any) -> None:
    from tests.conftest import register

    register(cast.clerk, number="45/ສປ")
    response = intake.post(URL, _payload())
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate"
    assert "id" not in body
    assert body["fields"] == {}
    assert EnforcementCase.objects.count() == 1


# ---------------------------------------------------------------- the route table page


def test_the_admin_sets_and_removes_a_route(cast: Any) -> None:
    admin = cast.client("admin")
    page = admin.get("/org/intake-routes/")
    assert page.status_code == 200
    assert "ເສັ້ນທາງ" in page.content.decode() or "Intake routes" in page.content.decode()
    district = District.objects.get(code="0103")
    division = Office.objects.get(code="01")
    response = admin.post(
        "/org/intake-routes/",
        {"district": district.pk, "office": division.pk, "note": "ຕາມແຈ້ງການ ເລກທີ 12/ກປຕ"},
    )
    assert response.status_code == 302
    route = IntakeRoute.objects.get(district=district)
    assert route.office == division
    assert route.created_by == cast.admin
    listed = admin.get("/org/intake-routes/").content.decode()
    assert "ຕາມແຈ້ງການ ເລກທີ 12/ກປຕ" in listed
    # Setting the district again changes its route, recorded with before and after.
    admin.post("/org/intake-routes/", {"district": district.pk, "office": division.pk})
    changed = AuditRecord.objects.filter(action="intake_route.set").order_by("sequence")
    assert changed.count() == 2
    assert changed.last().payload["changes"]["note"] == ["ຕາມແຈ້ງການ ເລກທີ 12/ກປຕ", ""]
    removed = admin.post(f"/org/intake-routes/{ref(route.pk)}/remove/")
    assert removed.status_code == 302
    assert not IntakeRoute.objects.exists()
    record = AuditRecord.objects.get(action="intake_route.remove")
    assert record.payload["district"] == "0103"
    assert record.payload["office"] == "01"
    assert receiving_office(district).code == "0103"
    assert audit_verify().intact


def test_a_central_office_is_no_route(cast: Any) -> None:
    admin = cast.client("admin")
    response = admin.post(
        "/org/intake-routes/",
        {
            "district": District.objects.get(code="0103").pk,
            "office": Office.objects.get(code="00").pk,
        },
    )
    assert response.status_code == 400
    assert not IntakeRoute.objects.exists()


def test_a_provincial_admin_routes_only_their_province(cast: Any) -> None:
    admin = cast.client("admin_province")  # province 06
    response = admin.post(
        "/org/intake-routes/",
        {
            "district": District.objects.get(code="0103").pk,
            "office": Office.objects.get(code="01").pk,
        },
    )
    assert response.status_code == 400  # not a choice for them
    assert not IntakeRoute.objects.exists()
    own = admin.post(
        "/org/intake-routes/",
        {
            "district": District.objects.get(code="0601").pk,
            "office": Office.objects.get(code="06").pk,
        },
    )
    assert own.status_code == 302
    assert IntakeRoute.objects.get().office.code == "06"


def test_a_non_admin_gets_403(cast: Any) -> None:
    head = cast.client("head")
    assert head.get("/org/intake-routes/").status_code == 403
    district = District.objects.get(code="0103")
    response = head.post(
        "/org/intake-routes/", {"district": district.pk, "office": Office.objects.get(code="01").pk}
    )
    assert response.status_code == 403
    assert not IntakeRoute.objects.exists()
