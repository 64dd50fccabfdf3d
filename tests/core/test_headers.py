"""Every response carries the Content-Security-Policy and its request id."""

from __future__ import annotations

import pytest

from ejcms.core.middleware import CONTENT_SECURITY_POLICY
from tests.conftest import Cast


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/cases/", "/statistics/", "/no-such-page/"])
def test_pages_carry_the_policy(cast: Cast, path: str) -> None:
    response = cast.client("head").get(path)
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert len(response["X-Request-ID"]) == 32
