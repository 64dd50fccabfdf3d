"""The accounts `ejcms bench` works as: made inside the benchmark's transaction (rolled back at
its end) and logged in on a test client past both login steps."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from ejcms.org.models import Office
from ejcms.org.roles import Position, Role
from ejcms.org.services import staff_create
from ejcms.org.two_factor import client_login


def bench_user(username: str, office: Office, role: Role, position: Position) -> User:
    """An account without a password (it cannot log in through the form)."""
    return staff_create(
        actor=None,
        username=username,
        password=None,
        office=office,
        role=role,
        position=position,
        full_name_lo="ທ່ານ ບຸນມີ ວົງສາ",
        full_name_en="Bounmy Vongsa",
    ).user


def bench_client(username: str, office_code: str, role: Role, position: Position) -> Client:
    user = bench_user(username, Office.objects.get(code=office_code), role, position)
    client = Client(HTTP_HOST="localhost")
    client_login(client, user)
    return client


def ok(client: Client, path: str, data: dict[str, str] | None = None) -> None:
    """GET a page that must answer 200."""
    response = client.get(path, data or {})
    if response.status_code != 200:
        raise AssertionError(f"{path}: {response.status_code}")
