"""The API reference page in the real browser: the vendored Swagger UI renders the schema's
operations under the site's Content-Security-Policy (the `page` fixture fails on a refusal)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_reference_lists_the_operations(live_server: Any, page: Any, screenshots: Path) -> None:
    if not Office.objects.exists():
        seed_reference_data()
    Cast().officer  # noqa: B018
    log_in(page, live_server, "officer", PASSWORD)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    page.wait_for_selector("#api-reference .opblock", timeout=30_000)
    assert page.locator("#api-reference-loading").count() == 0
    assert page.inner_text("#api-reference .info .title").startswith("ejcms API")
    operations = page.locator("#api-reference .opblock-summary-path")
    paths = {text.replace("\u200b", "") for text in operations.all_inner_texts()}
    assert "/api/v1/cases/" in paths
    assert "/api/v1/cases/{case_id}/transitions/{name}/" in paths
    assert page.locator("#api-reference .opblock-get").count() >= 6
    assert page.locator("#api-reference .opblock-post").count() >= 2
    page.wait_for_timeout(300)  # any late refusal reaches the console
    page.screenshot(path=str(screenshots / "28-api-reference.png"))
