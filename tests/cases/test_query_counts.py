"""The hot pages cost a fixed number of queries, however many cases they show (no N+1)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ejcms.api.services import api_client_create
from ejcms.core.api_actions import ApiAction
from ejcms.org.models import Office
from ejcms.org.roles import Role
from tests.conftest import register

pytestmark = pytest.mark.django_db

PAGES = ["/", "/cases/", "/cases/?state=received", "/deadlines/", "/api/v1/cases/"]


def _counts(client: Any) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries)
    return counts


def test_the_hot_pages_do_not_grow_with_the_cases(cast: Any) -> None:
    cast.officer  # noqa: B018
    for n in range(3):
        register(cast.clerk, number=f"{n}/ສປ")
    client = cast.client("head")
    client.get("/")  # the first request warms the session and the caches
    few = _counts(client)
    for n in range(3, 20):
        register(cast.clerk, number=f"{n}/ສປ")
    many = _counts(client)
    assert many == few
    # And few in all: the figures to keep in view when a page changes.
    assert max(many.values()) <= 20, many


def test_the_api_list_costs_the_same_for_a_machine_client(cast: Any) -> None:
    cast.officer  # noqa: B018
    token = api_client_create(
        actor=None,
        name="ລະບົບ ທົດສອບ",
        office=Office.objects.get(code="0101"),
        role=Role.CLERK,
        actions=[ApiAction.CASES_READ],
    ).token
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    register(cast.clerk, number="1/ສປ")
    client.get("/api/v1/cases/")  # the first call also notes when the client was last used
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/cases/").status_code == 200
    for n in range(2, 15):
        register(cast.clerk, number=f"{n}/ສປ")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/cases/").status_code == 200
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]
