from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.models import Office
from ejcms.reports.legacy_rows import report_lines
from ejcms.reports.legacy_services import legacy_check, legacy_import
from ejcms.reports.models import LegacyImport

# Problems printed before "… and N more" (the whole report is on the import's page).
SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = (
        "Import an office's earlier register from a file (.xlsx or .csv, as the template), as the "
        "import page does: check every row, then import the valid ones, all or nothing. For a "
        "file too large to upload comfortably. Repeatable: rows already imported are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="The file to check and import.")
        parser.add_argument("--office", required=True, help="Office code, e.g. 0101.")
        parser.add_argument(
            "--user", required=True, help="Who imports: the head of office or a registry clerk."
        )
        parser.add_argument(
            "--accept-valid-rows",
            action="store_true",
            help="Import the valid rows even when other rows have problems.",
        )
        parser.add_argument(
            "--check-only", action="store_true", help="Check the file and keep it; import nothing."
        )
        parser.add_argument(
            "--batch",
            type=int,
            help="Import a file checked earlier (its number on the import page) instead of FILE.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"No office with code {options['office']}.")
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"No active user {options['user']}.")
        if (options["file"] is None) == (options["batch"] is None):
            raise CommandError("Give either a file or --batch, not both.")
        try:
            if options["batch"] is not None:
                batch = LegacyImport.objects.filter(pk=options["batch"], office=office).first()
                if batch is None:
                    raise CommandError(f"No import {options['batch']} of office {office.code}.")
            else:
                path = Path(options["file"])
                if not path.is_file():
                    raise CommandError(f"No file {path}.")
                batch = legacy_check(
                    actor=actor, office=office, file_name=path.name, data=path.read_bytes()
                )
            self._report_check(batch)
            if options["check_only"]:
                self.stdout.write(f"checked only: import it with --batch {batch.pk}")
                return
            batch = legacy_import(
                actor=actor, batch=batch, accept_valid_rows=options["accept_valid_rows"]
            )
        except ApplicationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except AccessDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"import {batch.pk}: {batch.imported_rows} cases imported, "
            f"{batch.skipped_rows} rows already imported"
        )

    def _report_check(self, batch: LegacyImport) -> None:
        lines = report_lines(batch)
        self.stdout.write(
            f"import {batch.pk} ({batch.file_name}, {batch.status}): {batch.rows} rows, "
            f"{batch.valid_rows} valid, {batch.skipped_rows} already imported, "
            f"{len(lines)} problems"
        )
        for line in lines[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  row {line.row}, {line.column or '—'}: {line.message}")
        if len(lines) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … and {len(lines) - SHOWN_PROBLEMS} more")
