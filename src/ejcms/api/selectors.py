"""Reads of the API clients, scoped to the administrator who manages them."""

from __future__ import annotations

from django.db.models import F, QuerySet

from ejcms.api.models import ApiClient
from ejcms.org.models import Office
from ejcms.org.selectors import AnyUser, account_scope


def api_clients_in_scope(user: AnyUser) -> QuerySet[ApiClient]:
    """The clients whose service accounts belong to the offices whose accounts `user`
    administers (org.selectors.account_scope); none for anyone else."""
    scope = account_scope(user)
    return (
        ApiClient.objects.filter(scope.q("user__staff_profile__office"))
        .select_related("user__staff_profile__office", "created_by", "revoked_by")
        .order_by(
            F("revoked_at").asc(nulls_first=True),  # the active first
            "user__staff_profile__office__code",
            "name",
            "pk",
        )
    )


def client_offices_for(user: AnyUser) -> QuerySet[Office]:
    """The offices `user` may create API clients in."""
    return Office.objects.filter(account_scope(user).offices_q()).order_by("code")
