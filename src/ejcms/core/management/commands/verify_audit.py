from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ejcms.core.audit import audit_verify


class Command(BaseCommand):
    help = "Walk the audit chain and name the first broken record, if any."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit_verify()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at record {broken.sequence} "
                f"(id {broken.pk}, {broken.action}); "
                f"{checked} records before it are intact"
            )
        self.stdout.write(f"audit chain intact: {checked} records")
