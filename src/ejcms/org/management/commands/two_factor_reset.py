from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from ejcms.org.two_factor import two_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator devices (a lost phone): at the next login the user "
        "enrols a new one. Recorded in the audit log."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        removed = two_factor_reset(actor=None, user=user)
        self.stdout.write(f"{user.username}: {removed} device(s) removed")
