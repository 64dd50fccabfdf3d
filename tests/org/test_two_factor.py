"""The second step of a login: who must give a code, enrolment, the code itself, refusals."""

from __future__ import annotations

import time
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ejcms.core.audit import audit_verify
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.org.two_factor import enrol_confirmed, two_factor_required
from tests.conftest import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + step_offset * device.step
    return f"{totp.token():06d}"


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def actions(user: Any) -> list[str]:
    return list(
        AuditRecord.objects.filter(object_id=str(user.pk), action__startswith="auth.two_factor")
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_who_must_give_a_code(cast: Cast) -> None:
    assert two_factor_required(cast.head)
    assert two_factor_required(cast.head_province)
    assert two_factor_required(cast.dej)
    assert two_factor_required(cast.admin)
    assert two_factor_required(cast.trainer)  # every account of the national department
    assert not two_factor_required(cast.officer)
    assert not two_factor_required(cast.clerk)


def test_an_officer_goes_straight_in(cast: Cast) -> None:
    cast.officer  # noqa: B018
    client = password_login("officer")
    assert client.get("/cases/").status_code == 200


def test_a_head_enrols_then_logs_in_with_codes(cast: Cast) -> None:
    cast.head  # noqa: B018
    client = password_login("head")
    # Every page leads to the code page until the code is given, and comes back after.
    response = client.get("/cases/?state=open")
    assert response.status_code == 302
    assert response["Location"] == "/login/two-factor/?next=%2Fcases%2F%3Fstate%3Dopen"
    assert client.get("/statistics/").status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert 'id="header-search"' not in html  # no menu before the code
    assert 'id="two-factor-secret"' in html
    device = TOTPDevice.objects.get(user=cast.head)
    assert not device.confirmed
    secret = page.context["secret"].replace(" ", "")
    assert len(secret) == 32
    assert secret.isalnum()

    wrong = client.post("/login/two-factor/", {"code": "000000", "next": "/cases/?state=open"})
    assert wrong.status_code == 400
    assert "ລະຫັດນີ້ບໍ່ຖືກຕ້ອງ" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the next try may come at once in this test
    device.throttling_failure_timestamp = None
    device.save()

    right = client.post(
        "/login/two-factor/", {"code": code_for(device), "next": "/cases/?state=open"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/cases/?state=open"
    assert client.get("/cases/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert actions(cast.head) == [
        "auth.two_factor_failed",
        "auth.two_factor_enrolled",
        "auth.two_factor",
    ]

    # The next login asks for a code from the same device, and shows no secret any more.
    again = password_login("head")
    page = again.get("/login/two-factor/")
    assert page.context["enrolling"] is False
    assert "<svg" not in page.content.decode()
    assert again.post("/login/two-factor/", {"code": code_for(device, 1)}).status_code == 302
    assert again.get("/cases/").status_code == 200
    assert audit_verify().intact


def test_a_code_is_not_taken_twice(cast: Cast) -> None:
    device = enrol_confirmed(cast.dej)
    code = code_for(device)
    first = password_login("dej")
    assert first.post("/login/two-factor/", {"code": code}).status_code == 302
    second = password_login("dej")
    replay = second.post("/login/two-factor/", {"code": code})
    assert replay.status_code == 400
    assert second.get("/cases/").status_code == 302


def test_wrong_codes_slow_the_next_tries(cast: Cast) -> None:
    device = enrol_confirmed(cast.admin)
    client = password_login("admin")
    for _ in range(2):
        client.post("/login/two-factor/", {"code": "123456"})
    refused = client.post("/login/two-factor/", {"code": code_for(device)})
    assert refused.status_code == 400
    assert "ລະຫັດຜິດຫຼາຍເທື່ອເກີນໄປ" in refused.content.decode()
    assert actions(cast.admin)[-1] == "auth.two_factor_failed"
    last = AuditRecord.objects.filter(action="auth.two_factor_failed").latest("sequence")
    assert last.payload == {"reason": "throttled"}


def test_htmx_requests_are_sent_to_the_code_page(cast: Cast) -> None:
    cast.head  # noqa: B018
    client = password_login("head")
    response = client.get("/cases/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/login/two-factor/"


def test_next_does_not_leave_the_site(cast: Cast) -> None:
    device = enrol_confirmed(cast.head)
    client = password_login("head")
    response = client.post(
        "/login/two-factor/", {"code": code_for(device), "next": "https://example.org/x"}
    )
    assert response["Location"] == "/"


def test_the_code_page_may_be_left_by_logging_out(cast: Cast) -> None:
    cast.head  # noqa: B018
    client = password_login("head")
    assert client.post("/logout/").status_code == 302
    assert client.get("/cases/")["Location"].startswith("/login/")


def test_reset_removes_the_devices(cast: Cast) -> None:
    enrol_confirmed(cast.head)
    out = StringIO()
    call_command("two_factor_reset", "head", stdout=out)
    assert "1 device(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=cast.head).exists()
    assert actions(cast.head) == ["auth.two_factor_reset"]
    page = password_login("head").get("/login/two-factor/")
    assert page.context["enrolling"] is True


def test_off_when_the_setting_is_off(cast: Cast, settings: Any) -> None:
    settings.EJCMS_TWO_FACTOR = False
    cast.head  # noqa: B018
    assert password_login("head").get("/cases/").status_code == 200


def test_an_administrator_resets_it_from_the_account_page(cast: Cast) -> None:
    enrol_confirmed(cast.head)
    admin = cast.client("admin")
    page = admin.get(f"/org/staff/{ref(cast.head.pk)}/")
    assert "ຕັ້ງຄືນໃໝ່ (ໂທລະສັບເສຍ)" in page.text
    response = admin.post(f"/org/staff/{ref(cast.head.pk)}/two-factor-reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.head).exists()
    record = AuditRecord.objects.get(action="auth.two_factor_reset")
    assert record.actor_id == cast.admin.pk
    assert "ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ" in admin.get(f"/org/staff/{ref(cast.head.pk)}/").text
    # Only administrators, and within their scope.
    assert cast.client("head_province").post(
        f"/org/staff/{ref(cast.head.pk)}/two-factor-reset/"
    ).status_code in (403, 404)
    assert (
        cast.client("admin_province")
        .post(f"/org/staff/{ref(cast.head.pk)}/two-factor-reset/")
        .status_code
        == 404
    )
