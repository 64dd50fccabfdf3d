"""Two-step login: a six-digit code from an authenticator app (TOTP, RFC 6238) after the
password, for the accounts that open the most: heads of office, the staff of the national
DEJ and administrators. The devices are django-otp's; this module says who needs one and
records every enrolment, success and failure in the audit log."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ejcms.core.audit import audit_write
from ejcms.core.errors import ApplicationError
from ejcms.org.models import Office
from ejcms.org.roles import TWO_FACTOR_ROLES
from ejcms.org.selectors import AnyUser, staff_profile

DEVICE_NAME = "ejcms"


def two_factor_required(user: AnyUser) -> bool:
    """Whether the account must give a code after its password (EJCMS_TWO_FACTOR on)."""
    if not settings.EJCMS_TWO_FACTOR or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    profile = staff_profile(user)
    if profile is None:
        return False
    return profile.role in TWO_FACTOR_ROLES or profile.office.level == Office.Level.CENTRAL


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The device being enrolled: its secret is shown until the first code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def enrol_confirmed(user: User, key: str | None = None) -> TOTPDevice:
    """A confirmed device made without the enrolment page (demo accounts, tests)."""
    extra = {"key": key} if key else {}
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True, **extra)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup (drawn here: nothing is fetched)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1d2433"))


class WrongCode(ApplicationError):
    pass


def two_factor_check(request: HttpRequest, user: User, token: str) -> TOTPDevice:
    """Check a code: with a confirmed device, the login is completed; with a device being
    enrolled, the device is confirmed and the login completed. Raises WrongCode."""
    token = "".join(ch for ch in token if ch.isdigit())
    device = confirmed_device(user)
    enrolling = device is None
    if device is None:
        device = pending_device(user)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = ""
        if details and details.get("locked_until"):
            from django.utils import timezone

            seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()))
            wait = " " + _("Try again in %(seconds)d seconds.") % {"seconds": seconds}
        _record(user, "auth.two_factor_failed", {"reason": "throttled"})
        raise WrongCode(_("Too many wrong codes.") + wait)
    if len(token) != 6 or not device.verify_token(token):
        _record(user, "auth.two_factor_failed", {"reason": "wrong_code"})
        raise WrongCode(_("This code is not right. Type the six digits the app shows now."))
    with transaction.atomic():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_write(actor=user, action="auth.two_factor_enrolled", obj=user)
        audit_write(actor=user, action="auth.two_factor", obj=user)
    otp_login(request, device)
    return device


def two_factor_reset(*, actor: User | None, user: User) -> int:
    """Remove the user's devices (a lost phone): the next login enrols a new one."""
    with transaction.atomic():
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        audit_write(
            actor=actor, action="auth.two_factor_reset", obj=user, payload={"devices": removed}
        )
    return removed


def client_login(client: Any, user: User) -> None:
    """Log a django.test.Client in without the login form, past the second step too: for the
    benchmark and the tests of everything but the login itself (which go through the forms)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    if two_factor_required(user):
        device = confirmed_device(user) or enrol_confirmed(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def _record(user: User, action: str, payload: dict[str, str]) -> None:
    with transaction.atomic():
        audit_write(actor=user, action=action, obj=user, payload=payload)
