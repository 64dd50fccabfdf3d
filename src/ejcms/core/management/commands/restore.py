from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ejcms.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ejcms backup`: check every file's SHA-256, replace the "
        "database and the documents with the backup's, then walk the audit chain. Stop the "
        "web servers and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="The backup folder (with manifest.json).")
        parser.add_argument(
            "--yes", action="store_true", help="Replace what the system holds now without asking."
        )

    def handle(self, *args: Any, folder: Path, yes: bool, **options: Any) -> None:
        try:
            manifest = read_manifest(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not yes:
            answer = input(
                f"Replace this system's database and documents with the backup of "
                f"{manifest['made_at']}? Type yes: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            result = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored from {folder}: {result.files} files; audit chain intact, "
            f"{result.audit_records} records"
        )
