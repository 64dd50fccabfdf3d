"""What every app's api.py shares: the actions a machine client may be given, the one error
shape, the permission that checks a client's actions, and the base view that speaks the
caller's language. The api app wires these into /api/v1/ (DESIGN: endpoints live in each
app's api.py; nothing below the api app imports it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from ejcms.core.api_actions import ApiAction
from ejcms.core.errors import AccessDenied

__all__ = ["ApiAction", "HasApiAction", "error_body", "exception_handler"]


def error_body(
    code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The one shape of every API error."""
    return {"code": code, "message": message, "fields": fields or {}}


def _field_errors(error: ValidationError) -> tuple[str, dict[str, list[str]]]:
    if hasattr(error, "error_dict"):
        fields = {
            ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
            for name, messages in error.message_dict.items()
        }
        first = next(iter(fields.values()))[0] if fields else _("The request is not valid.")
        return first, fields
    messages = [str(m) for m in error.messages]
    return (messages[0] if messages else _("The request is not valid.")), {}


def _drf_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail, flattened to "parties.0.name_lo": [messages]."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            out.update(_drf_fields(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        out = {}
        for index, item in enumerate(detail):
            out.update(_drf_fields(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "non_field_errors": [str(detail)]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error as {code, message, fields}, the message in the caller's language."""
    if isinstance(exc, AccessDenied):
        if not exc.visible:
            return Response(error_body("not_found", _("Not found.")), status=404)
        return Response(error_body("permission_denied", str(exc) or _("Not allowed.")), status=403)
    if isinstance(exc, Http404):
        return Response(error_body("not_found", _("Not found.")), status=404)
    if isinstance(exc, PermissionDenied):  # Django's, raised by code shared with the pages
        return Response(error_body("permission_denied", str(exc) or _("Not allowed.")), status=403)
    if isinstance(exc, ValidationError):
        message, fields = _field_errors(exc)
        code = getattr(exc, "code", None) or "invalid"
        return Response(error_body(str(code), message, fields), status=400)
    if isinstance(exc, exceptions.ValidationError):
        fields = _drf_fields(exc.detail)
        first = next(iter(fields.values()))[0] if fields else _("The request is not valid.")
        return Response(error_body("invalid", first, fields), status=400)
    if isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        response = Response(
            error_body(codes if isinstance(codes, str) else "error", str(exc.detail)),
            status=exc.status_code,
        )
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            response["Retry-After"] = str(int(exc.wait))
        auth_header = getattr(exc, "auth_header", None)
        if exc.status_code == status.HTTP_401_UNAUTHORIZED:
            response["WWW-Authenticate"] = auth_header or 'Bearer realm="ejcms"'
        return response
    return None


class HasApiAction(BasePermission):
    """A machine client (token) must have been given the view's action; a browser session is
    checked by the selectors and services like any page. Everyone must be logged in."""

    message = gettext_lazy("This client may not do this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise exceptions.NotAuthenticated(_("Log in, or send an API token."))
        actions = getattr(request.auth, "allowed_actions", None)
        if actions is None:  # a session, not a token
            return True
        needed = getattr(view, "api_action", None)
        return needed is not None and needed in actions


# Called after each API response made with a token (the api app records it in the audit log).
CALL_HOOKS: list[Callable[[Request, Response], None]] = []


class ClientRateThrottle(UserRateThrottle):
    """Calls per client (a token's service account, or a logged-in person): EJCMS_API_RATE.
    Read at each call, so that a changed setting applies without a restart of the class."""

    def get_rate(self) -> str:
        return str(settings.EJCMS_API_RATE)


class AddressRateThrottle(AnonRateThrottle):
    """Calls without a login, per address: EJCMS_API_RATE_ANON."""

    def get_rate(self) -> str:
        return str(settings.EJCMS_API_RATE_ANON)
