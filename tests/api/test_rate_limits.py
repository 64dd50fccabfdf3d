"""Rate limits: per client and per address, answered 429 in the error shape."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()


def test_a_client_over_its_rate_gets_429(cast: Any, api_client: Any, settings: Any) -> None:
    settings.EJCMS_API_RATE = "3/min"
    api = api_client()
    assert [api.get("/api/v1/cases/").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/api/v1/cases/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    # Another client has its own count.
    assert api_client(name="ທະນາຄານ ການຄ້າ").get("/api/v1/cases/").status_code == 200


def test_calls_without_a_login_are_limited_per_address(client: Any, settings: Any) -> None:
    settings.EJCMS_API_RATE_ANON = "2/min"
    assert [client.get("/api/v1/schema/").status_code for _ in range(2)] == [200, 200]
    assert client.get("/api/v1/schema/").status_code == 429
