"""`ejcms import-cases`: an earlier register imported from a file by an operator, through the same
check and import as the import page (all or nothing, repeatable), with the report printed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ejcms.cases.models import EnforcementCase
from ejcms.reports.models import LegacyImport
from tests.reports.test_legacy_import import csv_bytes, open_row, row

pytestmark = [pytest.mark.django_db]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_cases", *args, stdout=out)
    return out.getvalue()


def imported() -> list[str]:
    return sorted(c.register_label for c in EnforcementCase.objects.filter(office__code="0101"))


def register_file(tmp_path: Path, rows: list[dict]) -> str:
    path = tmp_path / "ທະບຽນເກົ່າ.csv"
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_a_clean_file_is_checked_and_imported_and_a_second_run_imports_nothing(cast, tmp_path):
    path = register_file(tmp_path, [row(1), open_row(2), row(3)])
    user = cast.clerk.username

    first = run(path, "--office", "0101", "--user", user)
    second = run(path, "--office", "0101", "--user", user)

    assert "3 rows, 3 valid, 0 already imported, 0 problems" in first
    assert "3 cases imported, 0 rows already imported" in first
    assert "0 cases imported, 3 rows already imported" in second
    assert imported() == ["1/2020", "2/2020", "3/2020"]


def test_rows_with_problems_are_printed_and_nothing_is_imported_unless_accepted(cast, tmp_path):
    path = register_file(tmp_path, [row(1), row(2, debtor_name_lo=None), row(3)])
    user = cast.head.username

    with pytest.raises(CommandError):
        run(path, "--office", "0101", "--user", user)
    assert imported() == []
    out = io.StringIO()
    call_command(
        "import_cases", "--check-only", path, "--office", "0101", "--user", user, stdout=out
    )
    # The spreadsheet's row (after the row of headings), the column and what is wrong.
    assert "row 3, ຊື່ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ (ພາສາລາວ): ບໍ່ມີຂໍ້ມູນ" in out.getvalue()
    assert "3 rows, 2 valid, 0 already imported, 1 problems" in out.getvalue()

    accepted = run(path, "--office", "0101", "--user", user, "--accept-valid-rows")
    assert "2 cases imported" in accepted
    assert imported() == ["1/2020", "3/2020"]


def test_a_file_checked_earlier_is_imported_by_its_number_once(cast, tmp_path):
    path = register_file(tmp_path, [row(1), row(2)])
    user = cast.clerk.username
    run(path, "--office", "0101", "--user", user, "--check-only")
    batch = LegacyImport.objects.get()
    assert imported() == []

    done = run("--batch", str(batch.pk), "--office", "0101", "--user", user)

    assert "2 cases imported" in done
    with pytest.raises(CommandError):
        run("--batch", str(batch.pk), "--office", "0101", "--user", user)
    assert imported() == ["1/2020", "2/2020"]


def test_only_those_who_may_import_into_the_office_can(cast, tmp_path):
    path = register_file(tmp_path, [row(1)])

    for user, office in (
        (cast.officer.username, "0101"),  # not the head or the clerk
        (cast.head.username, "0102"),  # another office
        ("nobody", "0101"),
    ):
        with pytest.raises(CommandError):
            run(path, "--office", office, "--user", user)
    with pytest.raises(CommandError):
        run(path, "--office", "9999", "--user", cast.head.username)
    assert imported() == []
    assert not LegacyImport.objects.exists()
