"""Repeated wrong passwords stop logins for the account, and for the address they come from,
for a while; a lockout is audited; a success clears the account's count."""

from __future__ import annotations

import pytest
from django.test import Client

from ejcms.core.models import AuditRecord
from tests.conftest import PASSWORD, Cast


def _fail(username: str, address: str = "10.0.0.1", times: int = 1) -> int:
    status = 0
    for _attempt in range(times):
        status = (
            Client(REMOTE_ADDR=address)
            .post("/login/", {"username": username, "password": "ຜິດ-wrong"})
            .status_code
        )
    return status


@pytest.mark.django_db
def test_an_account_is_locked_after_five_wrong_passwords(cast: Cast):
    cast.officer  # noqa: B018
    assert _fail("officer", times=4) == 200  # the form again, with its message
    # The fifth wrong password locks: from another computer too, even with the right password.
    assert _fail("officer", address="10.0.0.2") == 429
    locked = Client(REMOTE_ADDR="10.0.0.3").post(
        "/login/", {"username": "officer", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert 'id="locked-out"' in locked.content.decode()
    assert "15" in locked.content.decode()
    record = AuditRecord.objects.filter(action="auth.locked_out").first()
    assert record is not None
    assert record.payload["username"] == "officer"
    # Another account from a clean address still logs in.
    cast.head  # noqa: B018
    ok = Client(REMOTE_ADDR="10.0.0.9").post("/login/", {"username": "head", "password": PASSWORD})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_an_address_is_locked_after_five_wrong_passwords_on_any_accounts(cast: Cast):
    cast.head  # noqa: B018
    for name in ("a", "b", "c", "d", "e"):
        _fail(name, address="10.0.0.66")
    blocked = Client(REMOTE_ADDR="10.0.0.66").post(
        "/login/", {"username": "head", "password": PASSWORD}
    )
    assert blocked.status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.0.0.67").post(
        "/login/", {"username": "head", "password": PASSWORD}
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_the_accounts_count(cast: Cast):
    cast.officer  # noqa: B018
    _fail("officer", address="10.0.1.1", times=4)
    ok = Client(REMOTE_ADDR="10.0.1.2").post(
        "/login/", {"username": "officer", "password": PASSWORD}
    )
    assert ok.status_code == 302
    assert _fail("officer", address="10.0.1.3", times=4) == 200
