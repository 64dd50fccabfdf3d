"""Logins in the real browser: five wrong passwords stop logins for the account, with the
reason in Lao, even when the right password is typed next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _try(page: Any, live_server: Any, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill('input[name="username"]', "officer")
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
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    masked = page.locator("[data-id-number]")
    assert "••••••456" in masked.inner_text()
    assert "01-123456" not in page.content()
    masked.get_by_role("link").click()  # htmx swaps the number in, under the CSP
    page.wait_for_selector("[data-id-number-shown]")
    assert page.inner_text("[data-id-number-shown]") == "01-123456"
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert AuditRecord.objects.filter(action="party.id_number_read").count() == 1
