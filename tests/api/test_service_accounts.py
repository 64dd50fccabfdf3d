"""An API client's account is never taken for a person: no cases assigned to it, no signature,
no questionnaire, no place in an office's caseload."""

from __future__ import annotations

from typing import Any

import pytest

from ejcms.cases.selectors import officers_visible_to
from ejcms.documents.kinds import head_of
from ejcms.org.models import Office
from ejcms.org.roles import Role
from ejcms.org.selectors import officers_of
from tests.conftest import register

pytestmark = pytest.mark.django_db


def test_an_officer_role_client_gets_no_cases(cast: Any, api_client: Any) -> None:
    machine = api_client(role=Role.OFFICER, name="ລະບົບ ທະນາຄານ ແຫ່ງ ສປປ ລາວ").new.client.user
    cast.officer  # noqa: B018 - the one person who may be assigned
    cases = [register(cast.clerk, number=f"{n}/ສປ") for n in range(3)]
    assert {case.assigned_officer_id for case in cases} == {cast.officer.pk}
    office = Office.objects.get(code="0101")
    assert machine.pk not in {p.user_id for p in officers_of(office)}
    assert machine.pk not in set(officers_visible_to(cast.head).values_list("pk", flat=True))


def test_a_head_role_client_never_signs(cast: Any, api_client: Any) -> None:
    api_client(role=Role.HEAD, name="ລະບົບ ກະຊວງ")  # created before the office's head
    head = cast.head
    cast.officer  # noqa: B018
    case = register(cast.clerk, number="9/ສປ")
    signer = head_of(case)
    assert signer is not None
    assert signer.user_id == head.pk
