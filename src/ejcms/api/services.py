"""API clients: created by an administrator, revoked at once, every call recorded."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.api.models import ApiClient
from ejcms.core.api_actions import ApiAction
from ejcms.core.audit import audit_write
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.models import Office
from ejcms.org.roles import Action, Position, Role, may
from ejcms.org.selectors import account_scope, staff_profile
from ejcms.org.services import staff_create

TOKEN_START = "ejcms"
# The roles a client may act with: none of them administers anything.
CLIENT_ROLES = (Role.CLERK, Role.OFFICER, Role.HEAD, Role.SUPERVISOR, Role.AUDITOR)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class NewClient:
    client: ApiClient
    token: str  # shown once


@transaction.atomic
def api_client_create(
    *, actor: User | None, name: str, office: Office, role: str, actions: list[str]
) -> NewClient:
    """A new client with its service account in `office`; returns the token, shown once."""
    if actor is not None:
        profile = staff_profile(actor)
        if profile is None or not may(profile.role, Action.ACCOUNTS_ADMIN):
            raise AccessDenied(_("Only an administrator may create API clients."))
        if not account_scope(actor).contains(office):
            raise AccessDenied(_("This office is not yours to administer."), visible=False)
    errors: dict[str, str] = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = _("Give the client a name.")
    if role not in CLIENT_ROLES:
        errors["role"] = _("Choose one of the roles a client may have.")
    unknown = [a for a in actions if a not in ApiAction.values]
    if unknown or not actions:
        errors["actions"] = _("Choose the actions from the list.")
    if errors:
        raise ApplicationError(errors)
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    username = f"api-{slugify(name)[:40] or 'client'}-{prefix}"
    user = staff_create(
        actor=actor,
        username=username,
        password=None,
        office=office,
        role=role,
        position=Position.OTHER,
        full_name_lo=name,
        full_name_en=name,
        service_account=True,
    ).user
    client = ApiClient.objects.create(
        name=name,
        user=user,
        actions=sorted(set(actions)),
        token_prefix=prefix,
        token_hash=_digest(secret),
        created_by=actor,
    )
    audit_write(
        actor=actor,
        action="api_client.create",
        obj=client,
        payload={"name": name, "office": office.code, "role": role, "actions": client.actions},
    )
    return NewClient(client=client, token=f"{TOKEN_START}_{prefix}_{secret}")


@transaction.atomic
def api_client_revoke(*, actor: User | None, client: ApiClient) -> None:
    """Revoke at once: the next call with the token answers 401."""
    if client.revoked_at is not None:
        raise ApplicationError(_("This client is already revoked."))
    client.revoked_at = timezone.now()
    client.revoked_by = actor
    client.save(update_fields=["revoked_at", "revoked_by"])
    audit_write(
        actor=actor,
        action="api_client.revoke",
        obj=client,
        payload={"name": client.name},
        changes={"revoked_at": [None, client.revoked_at.isoformat()]},
    )


def client_for_token(token: str) -> ApiClient | None:
    """The active client whose token this is, or None."""
    start, _sep, rest = token.partition("_")
    prefix, _sep2, secret = rest.partition("_")
    if start != TOKEN_START or not prefix or not secret:
        return None
    client = ApiClient.objects.select_related("user").filter(token_prefix=prefix).first()
    if client is None or not hmac.compare_digest(client.token_hash, _digest(secret)):
        return None
    if client.revoked_at is not None or not client.user.is_active:
        return None
    return client


def client_actions(user: User) -> frozenset[str]:
    """The actions of the active client whose service account `user` is (none for a person)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    client = ApiClient.objects.filter(user_id=user.pk, revoked_at__isnull=True).first()
    return client.allowed_actions if client is not None else frozenset()


def record_call(request: Request, response: Response) -> None:
    """Every call made with a token, in the audit log: method, path, status."""
    client = request.auth
    if not isinstance(client, ApiClient):
        return
    now = timezone.now()
    with transaction.atomic():
        audit_write(
            actor=client.user,
            action="api.call",
            obj=client,
            payload={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
            },
        )
        if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
