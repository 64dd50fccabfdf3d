"""Each audit record says where the act came from: the actor's office, the request (its id is
sent back as X-Request-ID) and the client's address; logins, failed logins and logouts are
recorded too, never the password typed."""

from __future__ import annotations

import pytest
from django.test import Client

from ejcms.core.audit import audit_verify
from ejcms.core.models import AuditRecord
from tests.conftest import PASSWORD, Cast


@pytest.mark.django_db
def test_a_login_is_recorded_with_the_request_the_address_and_the_office(cast: Cast):
    user = cast.head
    response = Client(REMOTE_ADDR="10.20.30.40").post(
        "/login/", {"username": "head", "password": PASSWORD}
    )
    assert response.status_code == 302
    record = AuditRecord.objects.get(action="auth.login")
    assert record.actor_id == user.pk
    assert record.office == "0101"
    assert record.ip == "10.20.30.40"
    assert record.request_id == response["X-Request-ID"]
    assert len(record.request_id) == 32
    assert audit_verify().intact


@pytest.mark.django_db
def test_a_failed_login_is_recorded_under_the_name_typed_without_the_password(cast: Cast):
    cast.head  # noqa: B018
    Client().post("/login/", {"username": "head", "password": "ຜິດ-wrong-1"})
    Client().post("/login/", {"username": "nobody-here", "password": "x-wrong-2"})
    failed = list(AuditRecord.objects.filter(action="auth.login_failed").order_by("sequence"))
    assert [r.payload["username"] for r in failed] == ["head", "nobody-here"]
    assert failed[0].object_id == str(cast.head.pk)
    assert failed[1].object_id == ""
    assert failed[0].actor_id is None
    stored = str([r.payload for r in AuditRecord.objects.all()])
    assert "wrong" not in stored


@pytest.mark.django_db
def test_every_response_carries_its_own_request_id(cast: Cast):
    client = cast.client("officer")
    first = client.get("/cases/")["X-Request-ID"]
    second = client.get("/cases/")["X-Request-ID"]
    assert first != second


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_address_it_saw_is_kept(cast: Cast, settings):
    settings.EJCMS_PROXY_COUNT = 1
    cast.head  # noqa: B018
    Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.168.1.9").post(
        "/login/", {"username": "head", "password": PASSWORD}
    )
    assert AuditRecord.objects.get(action="auth.login").ip == "192.168.1.9"
    settings.EJCMS_PROXY_COUNT = 0
    Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4").post(
        "/login/", {"username": "head", "password": PASSWORD}
    )
    assert AuditRecord.objects.filter(action="auth.login").last().ip == "127.0.0.1"
