from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ejcms.cases.models import EnforcementCase
from ejcms.cases.retention import (
    RetentionError,
    archive_read,
    archive_write,
    due_cases,
    erase_archived,
    is_archive,
    retention_cutoff,
    retention_years,
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of: give a day as YYYY-MM-DD, not {text!r}.") from error


class Command(BaseCommand):
    help = (
        "Case files are kept EJCMS_RETENTION_YEARS (20) years after the closure order "
        "(Art. 52). Without options: list, by office, the closed cases whose time is up (nothing "
        "is changed). --archive FOLDER: write their archive (a JSON record per case, its files, "
        "a manifest of SHA-256 sums) into a new folder, or check an archive already there. "
        "--erase --yes with --archive: erase the personal data of the due cases that the "
        "archive holds exactly as they are now, keeping what the statistics count."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=_day,
            default=None,
            metavar="DATE",
            help="Count the years up to this day (YYYY-MM-DD); today by default.",
        )
        parser.add_argument(
            "--archive",
            type=Path,
            default=None,
            metavar="FOLDER",
            help="A new folder to write the archive in, or an archive written before.",
        )
        parser.add_argument(
            "--erase",
            action="store_true",
            help="Erase the personal data of the archived cases (needs --archive and --yes).",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Confirm the erasure: it cannot be undone."
        )

    def handle(
        self,
        *args: Any,
        as_of: date | None,
        archive: Path | None,
        erase: bool,
        yes: bool,
        **options: Any,
    ) -> None:
        today = timezone.localdate()
        as_of = as_of or today
        years = retention_years()
        if erase and archive is None:
            raise CommandError(
                "--erase needs --archive FOLDER: personal data are erased only once the cases "
                "are archived (write the archive in the same run, or give an earlier one)."
            )
        if erase and not yes:
            raise CommandError("--erase cannot be undone: add --yes to confirm. Nothing erased.")
        if erase and as_of > today:
            raise CommandError("--erase counts up to today or an earlier day only.")
        due = list(due_cases(as_of, years))
        self._list(due, as_of, years)
        if archive is None:
            self.stdout.write("dry run: nothing written or changed")
            return
        try:
            if is_archive(archive):
                found = archive_read(archive)
                self.stdout.write(
                    f"archive {found.folder} checked: {len(found.cases)} cases, "
                    f"every file unchanged"
                )
            elif not due:
                self.stdout.write("nothing is due: no archive written")
                return
            else:
                result = archive_write(archive, due, as_of=as_of, years=years)
                self.stdout.write(
                    f"archive written to {result.folder}: {result.cases} cases, "
                    f"{result.files} files"
                )
                for name in result.missing:
                    self.stderr.write(f"  missing from the storage, not archived: {name}")
                found = archive_read(result.folder)
            if not erase:
                return
            report = erase_archived(found, as_of=as_of, years=years)
        except RetentionError as error:
            raise CommandError(str(error)) from error
        by_office = Counter(erased.case.office.code for erased in report.erased)
        offices = ", ".join(f"{code}: {count}" for code, count in sorted(by_office.items()))
        self.stdout.write(
            f"personal data erased in {len(report.erased)} cases"
            + (f" ({offices})" if offices else "")
        )
        for case, reason in report.kept:
            self.stdout.write(f"  kept {case.office.code} {case.register_label}: {reason}")
        if report.swept:
            self.stdout.write(f"{report.swept} files left by an interrupted run deleted")

    def _list(self, due: list[EnforcementCase], as_of: date, years: int) -> None:
        cutoff = retention_cutoff(as_of, years)
        self.stdout.write(
            f"as of {as_of}: case files closed before {cutoff} have been kept {years} years "
            f"(Art. 52): {len(due)} due"
        )
        current = None
        counts = Counter(case.office_id for case in due)
        for case in due:
            if case.office_id != current:
                current = case.office_id
                self.stdout.write(
                    f"{case.office.code} {case.office.name_lo}: {counts[case.office_id]}"
                )
            self.stdout.write(f"  {case.register_label} closed {case.closed_on} ({case.state})")
