"""The audit log as auditors read it: within their scope, by case, user, office and date."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ejcms.core.models import AuditRecord
from tests.conftest import Cast, register

URL = "/org/audit/"


def sequences(response) -> list[int]:
    html = response.content.decode()
    return [int(part.split('"')[0]) for part in html.split('data-sequence="')[1:]]


@pytest.mark.django_db
def test_a_district_auditor_reads_their_office_only(cast: Cast):
    own = register(cast.clerk)
    other = register(cast.head_other_district, number="77/ສປ")
    response = cast.client("auditor_district").get(URL)
    assert response.status_code == 200
    shown = set(sequences(response))
    own_records = set(
        AuditRecord.objects.filter(
            object_id=str(own.pk), object_type="cases.enforcementcase"
        ).values_list("sequence", flat=True)
    )
    other_records = set(
        AuditRecord.objects.filter(
            object_id=str(other.pk), object_type="cases.enforcementcase"
        ).values_list("sequence", flat=True)
    )
    assert own_records <= shown
    assert not other_records & shown
    assert all(
        office == "0101"
        for office in AuditRecord.objects.filter(sequence__in=shown).values_list(
            "office", flat=True
        )
    )


@pytest.mark.django_db
def test_filters_by_case_user_office_and_date(cast: Cast):
    case = register(cast.clerk)
    register(cast.clerk, number="126/ສປ")
    Client().post("/login/", {"username": "clerk", "password": "ຜິດ"})
    dej = cast.client("dej")
    by_case = sequences(dej.get(URL, {"case": case.pk}))
    assert by_case
    assert all(
        r.object_id == str(case.pk) or r.payload.get("case") == case.pk
        for r in AuditRecord.objects.filter(sequence__in=by_case)
    )
    failed = sequences(dej.get(URL, {"user": "clerk"}))
    actions = set(AuditRecord.objects.filter(sequence__in=failed).values_list("action", flat=True))
    assert "auth.login_failed" in actions
    assert "case.register" in actions
    assert sequences(dej.get(URL, {"office": "0601"})) == []
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert sequences(dej.get(URL, {"start": tomorrow})) == []
    bad = dej.get(URL, {"start": tomorrow, "end": "01/01/2020"})
    assert bad.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer", 404),
        ("head", 404),
        ("clerk", 404),
        ("trainer", 404),
        ("auditor_district", 200),
        ("dej", 200),
        ("admin", 200),
    ],
)
def test_who_reads_the_audit_log(cast: Cast, who: str, status: int):
    assert cast.client(who).get(URL).status_code == status


@pytest.mark.django_db
def test_the_menu_shows_the_audit_log_to_auditors(cast: Cast):
    assert "/org/audit/" in cast.client("auditor_district").get("/cases/").content.decode()
    assert "/org/audit/" not in cast.client("officer").get("/cases/").content.decode()
