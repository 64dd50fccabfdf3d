"""The administrator's pages for API clients, and the `ejcms api_client` command: a token shown
once that works at once, revocation that stops it at once, each office's administrator for
their own offices only, every change in the audit log."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ejcms.api.models import ApiClient
from ejcms.api.services import api_client_create
from ejcms.core.audit import audit_verify
from ejcms.core.ids import ref
from ejcms.core.models import AuditRecord
from ejcms.org.models import Office
from ejcms.org.roles import Role
from tests.conftest import register

pytestmark = pytest.mark.django_db

COURT_SYSTEM = "ລະບົບຄຸ້ມຄອງຄະດີ ສານປະຊາຊົນນະຄອນຫຼວງ"
TOKEN = re.compile(r"ejcms_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


def _create(web: Any, office: str = "0101", **extra: Any) -> Any:
    body = {
        "name": COURT_SYSTEM,
        "office": Office.objects.get(code=office).pk,
        "role": Role.HEAD,
        "actions": ["cases.read", "cases.write"],
        **extra,
    }
    return web.post("/api/clients/new/", body)


def _bearer(client: Any, token: str, path: str = "/api/v1/cases/") -> Any:
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_new_client_shows_its_token_once_and_it_works(cast: Any, client: Any) -> None:
    case = register(cast.clerk, number="41/ສປ")
    web = cast.client("admin")
    form = web.get("/api/clients/new/")
    assert form.status_code == 200
    html = form.content.decode()
    # The actions as checkboxes with their Lao labels; the roles a client may have, no admin.
    assert 'type="checkbox" name="actions" value="intake.submit"' in html
    assert "ອ່ານຄະດີ, ຄູ່ຄວາມ, ພັນທະ ແລະ ລຳດັບເຫດການ" in html  # cases.read, in Lao
    assert f'value="{Role.ADMIN}"' not in html

    response = _create(web)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    tokens = TOKEN.findall(response.content.decode())
    assert len(set(tokens)) == 1
    token = tokens[0]
    api = ApiClient.objects.get()
    assert api.name == COURT_SYSTEM
    assert api.actions == ["cases.read", "cases.write"]
    assert api.user.staff_profile.office.code == "0101"
    assert api.user.staff_profile.role == Role.HEAD
    assert api.created_by == cast.admin
    assert token not in api.token_hash
    assert token.split("_")[2] not in api.token_hash

    # The token works against the API at once, within the office's scope.
    answer = _bearer(client, token)
    assert answer.status_code == 200
    assert ref(case.pk) in [row["id"] for row in answer.json()["results"]]

    # It is never shown again: not in the list, not on the revocation page.
    listing = web.get("/api/clients/").content.decode()
    assert COURT_SYSTEM in listing
    assert f"ejcms_{api.token_prefix}_" in listing
    assert token not in listing
    assert not TOKEN.search(listing)
    confirm = web.get(f"/api/clients/{ref(api.pk)}/revoke/").content.decode()
    assert not TOKEN.search(confirm)


def test_revoking_makes_the_token_401_at_once(cast: Any, client: Any) -> None:
    web = cast.client("admin")
    token = TOKEN.findall(_create(web).content.decode())[0]
    api = ApiClient.objects.get()
    assert _bearer(client, token).status_code == 200

    confirm = web.get(f"/api/clients/{ref(api.pk)}/revoke/")
    assert confirm.status_code == 200
    assert 'id="revoke-api-client"' in confirm.content.decode()
    api.refresh_from_db()
    assert api.revoked_at is None  # asking to confirm revokes nothing

    response = web.post(f"/api/clients/{ref(api.pk)}/revoke/")
    assert response.status_code == 302
    api.refresh_from_db()
    assert api.revoked_at is not None
    assert api.revoked_by == cast.admin
    refused = _bearer(client, token)
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"
    # Twice is refused with the reason, and changes nothing.
    again = web.post(f"/api/clients/{ref(api.pk)}/revoke/")
    assert again.status_code == 400
    assert "ຍົກເລີກແລ້ວ" in again.content.decode()


def test_a_provincial_admin_manages_the_clients_of_their_province_only(cast: Any) -> None:
    web = cast.client("admin_province")  # the administrator of Savannakhet (06)
    form = web.get("/api/clients/new/").content.decode()
    office_0601 = Office.objects.get(code="0601")
    office_0101 = Office.objects.get(code="0101")
    assert f'value="{office_0601.pk}"' in form
    assert f'value="{office_0101.pk}"' not in form

    refused = _create(web, office="0101")
    assert refused.status_code == 400
    assert not ApiClient.objects.exists()

    assert _create(web, office="0601").status_code == 200
    theirs = ApiClient.objects.get()
    capital = api_client_create(
        actor=cast.admin,
        name="ທະນາຄານ ພັດທະນາລາວ",
        office=office_0101,
        role=Role.CLERK,
        actions=["money.read"],
    ).client
    listing = web.get("/api/clients/").content.decode()
    assert COURT_SYSTEM in listing
    assert "ທະນາຄານ ພັດທະນາລາວ" not in listing
    assert web.get(f"/api/clients/{ref(capital.pk)}/revoke/").status_code == 404
    assert web.post(f"/api/clients/{ref(capital.pk)}/revoke/").status_code == 404
    capital.refresh_from_db()
    assert capital.revoked_at is None
    # The national administrator sees both.
    national = cast.client("admin").get("/api/clients/").content.decode()
    assert COURT_SYSTEM in national
    assert "ທະນາຄານ ພັດທະນາລາວ" in national
    assert theirs.user.staff_profile.office == office_0601


@pytest.mark.parametrize("who", ["officer", "head", "clerk", "head_province", "dej", "trainer"])
def test_only_administrators_manage_clients(cast: Any, who: str) -> None:
    web = cast.client(who)
    assert web.get("/api/clients/").status_code == 403
    assert web.get("/api/clients/new/").status_code == 403
    assert _create(web).status_code == 403
    assert not ApiClient.objects.exists()
    assert "/api/clients/" not in web.get("/").content.decode()


def test_the_menu_links_administrators_to_the_clients(cast: Any) -> None:
    assert 'href="/api/clients/"' in cast.client("admin").get("/org/staff/").content.decode()


def test_a_bad_form_says_why_and_creates_nothing(cast: Any) -> None:
    web = cast.client("admin")
    response = _create(web, name="  ", actions=[], role=Role.ADMIN)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("invalid-feedback") >= 3
    assert not ApiClient.objects.exists()


def test_creation_and_revocation_are_audited(cast: Any) -> None:
    web = cast.client("admin")
    _create(web)
    api = ApiClient.objects.get()
    web.post(f"/api/clients/{ref(api.pk)}/revoke/")
    records = AuditRecord.objects.filter(
        object_type="api.apiclient", object_id=str(api.pk)
    ).order_by("sequence")
    assert [(r.action, r.actor_id) for r in records] == [
        ("api_client.create", cast.admin.pk),
        ("api_client.revoke", cast.admin.pk),
    ]
    assert records[0].payload["office"] == "0101"
    assert records[0].payload["actions"] == ["cases.read", "cases.write"]
    assert audit_verify().intact


# ---------------------------------------------------------------------------- the command


def test_the_command_creates_lists_and_revokes(cast: Any, client: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api_client",
        "create",
        "--name",
        COURT_SYSTEM,
        "--office",
        "0101",
        "--role",
        "head",
        "--actions",
        "cases.read,intake.submit",
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    assert TOKEN.fullmatch(token), out.getvalue()  # the token alone on stdout, for scripts
    api = ApiClient.objects.get()
    assert api.actions == ["cases.read", "intake.submit"]
    assert _bearer(client, token).status_code == 200

    listing = io.StringIO()
    call_command("api_client", "list", stdout=listing)
    row = listing.getvalue().splitlines()[1].split("\t")
    assert row[1:6] == [api.token_prefix, COURT_SYSTEM, "0101", "head", "cases.read,intake.submit"]
    assert row[-1] == "-"  # not revoked
    assert token not in listing.getvalue()

    call_command("api_client", "revoke", api.token_prefix, stdout=io.StringIO())
    assert _bearer(client, token).status_code == 401
    with pytest.raises(CommandError):
        call_command("api_client", "revoke", str(api.pk), stdout=io.StringIO())
    records = AuditRecord.objects.filter(object_type="api.apiclient", object_id=str(api.pk))
    assert sorted((r.action, r.actor_id) for r in records if r.action != "api.call") == [
        ("api_client.create", None),
        ("api_client.revoke", None),
    ]


def test_the_command_refuses_unknown_actions_and_offices(cast: Any) -> None:
    with pytest.raises(CommandError, match=r"money\.steal"):
        call_command(
            "api_client", "create", "--name", "x", "--office", "0101", "--role", "head",
            "--actions", "cases.read,money.steal",
        )  # fmt: skip
    with pytest.raises(CommandError, match="9999"):
        call_command(
            "api_client", "create", "--name", "x", "--office", "9999", "--role", "head",
            "--actions", "all",
        )  # fmt: skip
    assert not ApiClient.objects.exists()
