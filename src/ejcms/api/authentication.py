"""`Authorization: Bearer ejcms_<prefix>_<secret>`: the client's service account."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from ejcms.api.services import client_for_token


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            header = get_authorization_header(request).split()
        except UnicodeEncodeError:
            # A header that is not Latin-1 (a pasted Lao word) is no token, not a server error.
            raise exceptions.AuthenticationFailed(
                _("This token is not valid, or was revoked.")
            ) from None
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Bearer <token>."))
        client = client_for_token(header[1].decode("ascii", "replace"))
        if client is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid, or was revoked."))
        return client.user, client

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="ejcms"'
