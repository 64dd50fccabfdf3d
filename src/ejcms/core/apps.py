from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ejcms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth import signals
        from django.urls import register_converter

        from ejcms.core.ids import OpaqueIdConverter

        # `<ref:case_id>`: record ids in URLs as opaque tokens (ADR 0009).
        register_converter(OpaqueIdConverter, "ref")

        signals.user_logged_in.connect(_logged_in, dispatch_uid="ejcms-audit-login")
        signals.user_logged_out.connect(_logged_out, dispatch_uid="ejcms-audit-logout")
        signals.user_login_failed.connect(_login_failed, dispatch_uid="ejcms-audit-login-failed")
        from axes.signals import user_locked_out

        user_locked_out.connect(_locked_out, dispatch_uid="ejcms-audit-locked-out")


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from ejcms.core.middleware import session_started

    if request is not None and hasattr(request, "session"):
        session_started(request.session)
    _record(user, "auth.login", user)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _record(user, "auth.logout", user)


def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    """A failed login, under the name that was typed (the password never)."""
    from django.contrib.auth import get_user_model

    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    _record(None, "auth.login_failed", user, {"username": username})


def _locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    """Logins stopped for an account or an address after too many wrong passwords."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    _record(None, "auth.locked_out", user, {"username": username, "ip": ip_address})


def _record(actor: Any, action: str, obj: Any, payload: dict[str, Any] | None = None) -> None:
    from django.db import transaction

    from ejcms.core.audit import audit_write

    with transaction.atomic():
        audit_write(actor=actor, action=action, obj=obj, payload=payload)
