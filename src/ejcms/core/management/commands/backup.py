from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ejcms.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (a consistent copy, taken while ejcms runs) and the documents and "
        "scans, with a manifest of SHA-256 sums, into a new folder under <var>/backups or --to."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, default=None, help="Folder to write the backup in.")

    def handle(self, *args: Any, to: Path | None, **options: Any) -> None:
        try:
            result = backup(to=to)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"backup written to {result.folder}: {result.files} files, "
            f"{result.audit_records} audit records"
        )
