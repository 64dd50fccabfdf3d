from typing import Any

from django.core.management.base import BaseCommand

from ejcms.guidelines.services import law_load


class Command(BaseCommand):
    help = "Load the law texts shipped with ejcms (repeatable)."

    def handle(self, *args: Any, **options: Any) -> None:
        for result in law_load():
            missing = ", ".join(str(n) for n in result.missing) or "none"
            self.stdout.write(
                f"{result.law}: {result.articles} articles; missing in the source: {missing}"
            )
