"""Browser tests: Playwright from PyPI driving Debian's Chromium against a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test itself still talks to the
# database synchronously (to prepare users), which Django allows only with this switch.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("EJCMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package (`apt-get install chromium`); "
            "`make test` does it for you."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab. Anything the Content-Security-Policy refused (a script, a style, an
    image from elsewhere or inline) fails the test that caused it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="lo-LA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not refused, f"refused by the Content-Security-Policy: {refused}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("EJCMS_SCREENSHOTS") or "test-artifacts/screenshots")
    if folder.exists() and os.environ.get("EJCMS_SCREENSHOTS"):
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page: Any, live_server: Any, username: str, password: str) -> None:
    """Log in through the login form, in Lao, and wait for the first page."""
    page.goto(f"{live_server.url}/login/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    page.get_by_role("button", name="ເຂົ້າສູ່ລະບົບ").click()
    second_step(page, username)
    page.wait_for_selector("#header-search", state="attached")


def totp_code(username: str) -> str:
    """The code an authenticator app would show now for the user's device (the one being
    enrolled, or the confirmed one), never one already used."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed").first()
    assert device is not None, f"{username} has no authenticator device"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    # A code of this period already used: the app's next one (within the tolerance of one).
    totp.time = device.t0 + max(totp.t(), device.last_t + 1) * device.step
    return f"{totp.token():06d}"


def second_step(page: Any, username: str) -> None:
    """If the account must give a code after its password, type it as from the phone."""
    page.wait_for_selector("#header-search, #two-factor", state="attached")
    if page.locator("#two-factor").count():
        page.fill('input[name="code"]', totp_code(username))
        page.get_by_role("button", name="ຢືນຢັນ").click()
