"""A login ends after a while without requests, and in any case hours after it began."""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from ejcms.core.middleware import LOGIN_AT, SEEN_AT
from tests.conftest import Cast


@pytest.mark.django_db
def test_a_login_ends_after_the_idle_time_and_activity_keeps_it(cast: Cast, settings):
    settings.EJCMS_SESSION_IDLE_SECONDS = 60 * 30
    client = cast.client("officer")
    assert client.get("/cases/").status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - 25 * 60  # last seen 25 minutes ago: still in
    session.save()
    assert client.get("/cases/").status_code == 200
    assert time.time() - client.session[SEEN_AT] < 5  # the visit was noted
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60  # 31 minutes without a request: out
    session.save()
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_login_ends_hours_after_it_began_however_active(cast: Cast):
    client = cast.client("officer")
    assert client.get("/cases/").status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - settings.EJCMS_SESSION_HOURS * 3600 - 5
    session.save()
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_deactivated_account_is_out_at_its_next_request(cast: Cast):
    client = cast.client("officer")
    assert client.get("/cases/").status_code == 200
    cast.officer.is_active = False
    cast.officer.save(update_fields=["is_active"])
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
