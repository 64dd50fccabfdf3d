"""`ejcms api_client create|list|revoke`: the API's machine clients from the shell (the first
client of a new installation, a script, CI). Every change goes through api.services and is
recorded in the audit log with no actor (the command line)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from ejcms.api.models import ApiClient
from ejcms.api.services import CLIENT_ROLES, api_client_create, api_client_revoke
from ejcms.core.api_actions import ApiAction
from ejcms.core.errors import ApplicationError
from ejcms.org.models import Office


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = (
        "Create, list and revoke API clients. `create` prints the token once: it cannot be "
        "read again, only revoked and replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="A new client; prints its token once.")
        create.add_argument("--name", required=True, help="Who uses it: 'ສານປະຊາຊົນ ແຂວງ …'.")
        create.add_argument("--office", required=True, help="Office code: 00, 01, 0101 …")
        create.add_argument("--role", required=True, choices=[str(r) for r in CLIENT_ROLES])
        create.add_argument(
            "--actions",
            required=True,
            help="Comma-separated, or 'all': " + ", ".join(ApiAction.values),
        )
        commands.add_parser("list", help="Every client: office, role, actions, use, revocation.")
        revoke = commands.add_parser("revoke", help="Revoke a client: its token stops at once.")
        revoke.add_argument("client", help="The client's id or its token prefix.")

    def handle(self, *args: Any, **options: Any) -> None:
        {"create": self.create, "list": self.list, "revoke": self.revoke}[options["command"]](
            options
        )

    def create(self, options: dict[str, Any]) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"No office with code {options['office']!r}.")
        actions = [a.strip() for a in options["actions"].split(",") if a.strip()]
        if actions == ["all"]:
            actions = list(ApiAction.values)
        unknown = sorted(set(actions) - set(ApiAction.values))
        if unknown:
            raise CommandError(
                f"Unknown action(s): {', '.join(unknown)}. Known: {', '.join(ApiAction.values)}."
            )
        try:
            new = api_client_create(
                actor=None,
                name=options["name"],
                office=office,
                role=options["role"],
                actions=actions,
            )
        except ApplicationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        client = new.client
        self.stderr.write(
            f"created client {client.pk} ({client.token_prefix}): {client.name}, "
            f"{options['role']} at {office.code}, {', '.join(client.actions)}\n"
            "The token, shown this once:"
        )
        self.stdout.write(new.token)

    def list(self, options: dict[str, Any]) -> None:
        clients = ApiClient.objects.select_related("user__staff_profile__office").order_by("pk")
        header = ("id", "prefix", "name", "office", "role", "actions", "created", "last used")
        self.stdout.write("\t".join([*header, "revoked"]))
        for client in clients:
            profile = client.user.staff_profile
            self.stdout.write(
                "\t".join(
                    [
                        str(client.pk),
                        client.token_prefix,
                        client.name,
                        profile.office.code,
                        profile.role,
                        ",".join(client.actions),
                        _when(client.created_at),
                        _when(client.last_used_at),
                        _when(client.revoked_at),
                    ]
                )
            )

    def revoke(self, options: dict[str, Any]) -> None:
        key = options["client"].strip()
        query = Q(token_prefix=key)
        if key.isdigit():
            query |= Q(pk=int(key))
        found = list(ApiClient.objects.filter(query))
        if len(found) != 1:
            raise CommandError(
                f"No client with id or prefix {key!r}."
                if not found
                else f"{key!r} names several clients: give the prefix."
            )
        try:
            api_client_revoke(actor=None, client=found[0])
        except ApplicationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"revoked client {found[0].pk} ({found[0].token_prefix}): {found[0].name}"
        )
