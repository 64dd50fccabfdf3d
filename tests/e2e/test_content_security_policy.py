"""The Content-Security-Policy in the real browser: sent with the pages, it refuses a script
written into a page, and the browser tests notice such a refusal (the `page` fixture fails the
test that caused one)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import CHROMIUM_ARGS  # noqa: F401 - the same browser set-up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_inline_script_is_refused(live_server: Any, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(f"{live_server.url}/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in text for text in messages), messages
    context.close()
