from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ejcms.core.audit import audit_verify


class Command(BaseCommand):
    help = "Walk the audit chain and name the first broken record, if any."

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if result.broken is not None:
            broken = result.broken
            raise CommandError(
                f"audit chain broken at record {broken.sequence} "
                f"(id {broken.pk}, {broken.action}, {broken.at:%Y-%m-%d %H:%M}): "
                f"{result.problem}; {result.checked} records before it are intact"
            )
        if not result.intact:
            raise CommandError(f"audit chain broken: {result.problem}")
        self.stdout.write(f"audit chain intact: {result.checked} records")
