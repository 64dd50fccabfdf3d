import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ejcms.core.errors import ApplicationError
from ejcms.org.models import Office
from ejcms.org.roles import Position, Role
from ejcms.org.services import staff_create


class Command(BaseCommand):
    help = (
        "Create a user with a staff profile (the first administrator of a new installation, say)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--office", required=True, help="Office code: 00 (DEJ), 01, 0101 …")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--position", default=Position.OTHER, choices=Position.values)
        parser.add_argument("--name-lo", required=True, help="Full name in Lao script.")
        parser.add_argument("--name-en", default="")
        parser.add_argument(
            "--password", default=None, help="Asked for when not given (safer than the shell)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(
                f"No office with code {options['office']}; run `ejcms load-reference` first."
            )
        password = options["password"] or getpass.getpass("Password: ")
        try:
            profile = staff_create(
                actor=None,
                username=options["username"],
                password=password,
                office=office,
                role=options["role"],
                position=options["position"],
                full_name_lo=options["name_lo"],
                full_name_en=options["name_en"],
            )
        except ApplicationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"created {profile.user.username}: {profile.role} at {office.code}")
