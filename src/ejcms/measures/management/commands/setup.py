from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ejcms.cases.demo import DEMO_PASSWORD
from ejcms.cases.models import EnforcementCase
from ejcms.guidelines.services import law_load
from ejcms.measures.demo import demo_load
from ejcms.org.services import reference_load


class Command(BaseCommand):
    help = (
        "Prepare this installation: migrate, collect static files, load reference data and, "
        "with --demo, demo data once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Add demo staff and cases if there are no cases yet.",
        )
        parser.add_argument("--cases", type=int, default=120)

    def handle(self, *args: Any, demo: bool, cases: int, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        result = reference_load()
        self.stdout.write(
            f"reference data: {result.offices} offices, {result.villages} villages, "
            f"{result.courts} courts"
        )
        laws = law_load()
        self.stdout.write("law texts: " + ", ".join(f"{r.law} {r.articles} articles" for r in laws))
        # By name: the documents module sits to the right of this one (DESIGN.md).
        call_command("load_document_templates", stdout=self.stdout)
        call_command("search_reindex", if_empty=True, stdout=self.stdout)
        if demo and not settings.PRODUCTION:
            if EnforcementCase.objects.exists():
                self.stdout.write("demo data: cases exist already, nothing added")
            else:
                self.stdout.write(
                    f"demo data: creating {cases} cases through the services (under a minute)…"
                )
                demo_load(cases=cases, seed=1, as_of=timezone.localdate())
                call_command("demo_documents", cases=min(cases, 40), stdout=self.stdout)
            self.stdout.write("")
            self.stdout.write(f"  Demo logins (password: {DEMO_PASSWORD})")
            self.stdout.write(
                "    officer-0101-1   enforcement officer, Chanthabouly district office"
            )
            self.stdout.write("    head-0101        head of the Chanthabouly district office")
            self.stdout.write("    clerk-0101       registry clerk, Chanthabouly")
            self.stdout.write("    head-01          head of the Vientiane Capital division")
            self.stdout.write("    supervisor       DEJ supervisor (sees every case)")
            self.stdout.write("    admin            administrator (working days, courts)")
            self.stdout.write("")
