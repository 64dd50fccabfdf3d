"""Logins in the real browser: five wrong passwords stop logins for the account, with the
reason in Lao, even when the right password is typed next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ejcms.core.ids import ref
from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _try(page: Any, live_server: Any, password: str) -> None:
    _try_as(page, live_server, "officer", password)


def _try_as(page: Any, live_server: Any, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.get_by_role("button", name="ເຂົ້າສູ່ລະບົບ").click()
    page.wait_for_load_state()


def test_five_wrong_passwords_lock_the_account(live_server: Any, page: Any, screenshots: Path):
    if not Office.objects.exists():
        seed_reference_data()
    Cast().officer  # noqa: B018
    for attempt in range(4):
        _try(page, live_server, f"ຜິດ-{attempt}")
        assert page.locator(".alert-danger").count() == 1  # the form again, with the reason
    _try(page, live_server, "ຜິດ-4")
    page.wait_for_selector("#locked-out")
    _try(page, live_server, PASSWORD)
    page.wait_for_selector("#locked-out")
    text = page.inner_text("#locked-out")
    assert "15" in text
    assert page.inner_text("#locked-out h1") == "ການເຂົ້າສູ່ລະບົບ ຖືກຢຸດໄວ້ຊົ່ວຄາວ"
    page.screenshot(path=str(screenshots / "26-locked-out.png"), full_page=True)


def test_a_login_ends_after_the_idle_time(live_server: Any, page: Any, settings: Any):
    if not Office.objects.exists():
        seed_reference_data()
    Cast().officer  # noqa: B018
    settings.EJCMS_SESSION_IDLE_SECONDS = 2  # for the test
    _try(page, live_server, PASSWORD)
    page.wait_for_selector("#header-search")
    page.goto(f"{live_server.url}/cases/")
    assert "/login/" not in page.url
    page.wait_for_timeout(3_000)
    page.goto(f"{live_server.url}/cases/")
    page.wait_for_selector('input[name="password"]')
    assert "/login/" in page.url


def test_a_masked_identity_number_is_opened_and_recorded(live_server: Any, page: Any):
    from ejcms.cases.choices import PartyRole
    from ejcms.core.models import AuditRecord
    from tests.conftest import party, register

    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018
    case = register(
        cast.clerk,
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
    cast.head_province  # noqa: B018
    log_in(page, live_server, "head-province", PASSWORD)
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/")
    masked = page.locator("[data-id-number]")
    assert "••••••456" in masked.inner_text()
    assert "01-123456" not in page.content()
    masked.get_by_role("link").click()  # htmx swaps the number in, under the CSP
    page.wait_for_selector("[data-id-number-shown]")
    assert page.inner_text("[data-id-number-shown]") == "01-123456"
    assert page.url.endswith(f"/cases/{ref(case.pk)}/")
    assert AuditRecord.objects.filter(action="party.id_number_read").count() == 1


def _code_from_secret(secret: str, after_step: int = -1) -> tuple[str, int]:
    """What an authenticator app shows for the key typed into it from the page: the code of
    the current 30-second step, or of the next one if the current one was already used."""
    import time
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = secret.replace(" ", "")
    totp = TOTP(b32decode(key + "=" * (-len(key) % 8)))
    step = max(int(time.time()) // 30, after_step + 1)
    totp.time = step * 30
    return f"{totp.token():06d}", step


def test_a_head_enrols_an_authenticator_and_logs_in_with_it(
    live_server: Any, page: Any, screenshots: Path
):
    if not Office.objects.exists():
        seed_reference_data()
    Cast().head  # noqa: B018
    _try_as(page, live_server, "head", PASSWORD)
    page.wait_for_selector("#two-factor")
    assert page.inner_text("#two-factor h1") == "ການເຂົ້າສູ່ລະບົບສອງຂັ້ນຕອນ"
    assert page.locator("#two-factor-qr svg").is_visible()
    secret = page.inner_text("#two-factor-secret")
    page.screenshot(path=str(screenshots / "27-two-factor.png"), full_page=True)
    # Pages stay closed until the code is given.
    page.goto(f"{live_server.url}/cases/")
    page.wait_for_selector("#two-factor")

    page.fill('input[name="code"]', "000000")
    page.get_by_role("button", name="ຢືນຢັນ").click()
    page.wait_for_selector(".invalid-feedback")
    assert "ລະຫັດນີ້ບໍ່ຖືກຕ້ອງ" in page.inner_text(".invalid-feedback")
    page.wait_for_timeout(1_100)  # a wrong code makes the next try wait a second
    code, used_step = _code_from_secret(secret)
    page.fill('input[name="code"]', code)
    page.get_by_role("button", name="ຢືນຢັນ").click()
    page.wait_for_url(f"{live_server.url}/cases/")
    page.wait_for_selector("#header-search", state="attached")

    # Log out; the next login asks for the code only, no secret shown.
    page.get_by_role("button", name="ອອກຈາກລະບົບ").click()
    page.wait_for_selector('input[name="password"]')
    _try_as(page, live_server, "head", PASSWORD)
    page.wait_for_selector("#two-factor")
    assert page.locator("#two-factor-secret").count() == 0
    page.fill('input[name="code"]', _code_from_secret(secret, after_step=used_step)[0])
    page.get_by_role("button", name="ຢືນຢັນ").click()
    page.wait_for_selector("#header-search", state="attached")
    assert "/login/" not in page.url
