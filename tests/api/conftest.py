"""API clients for the tests: a token per client, sent as a Bearer header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ejcms.api.services import NewClient, api_client_create
from ejcms.core.api_actions import ApiAction
from ejcms.org.models import Office
from ejcms.org.roles import Role

ALL = [action.value for action in ApiAction]


class TokenClient:
    """A test client that sends the token on every request."""

    def __init__(self, new: NewClient, language: str = "lo") -> None:
        self.new = new
        self.client = Client(
            HTTP_AUTHORIZATION=f"Bearer {new.token}", HTTP_ACCEPT_LANGUAGE=language
        )

    def get(self, path: str, data: Any = None) -> Any:
        return self.client.get(path, data)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(path, data or {}, content_type="application/json")


@pytest.fixture
def api_client(cast: Any) -> Callable[..., TokenClient]:
    def make(
        office: str = "0101",
        role: str = Role.CLERK,
        actions: list[str] | None = None,
        language: str = "lo",
        name: str = "ລະບົບສານປະຊາຊົນ ນະຄອນຫຼວງ",
    ) -> TokenClient:
        new = api_client_create(
            actor=None,
            name=name,
            office=Office.objects.get(code=office),
            role=role,
            actions=ALL if actions is None else actions,
        )
        return TokenClient(new, language)

    return make
