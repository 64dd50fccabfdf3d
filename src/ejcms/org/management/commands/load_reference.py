from typing import Any

from django.core.management.base import BaseCommand

from ejcms.org.services import reference_load


class Command(BaseCommand):
    help = "Load or update provinces, districts, villages, offices and seeded courts (repeatable)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = reference_load()
        self.stdout.write(
            f"provinces {result.provinces}, districts {result.districts}, "
            f"villages {result.villages}, "
            f"offices {result.offices}, courts {result.courts}"
        )
