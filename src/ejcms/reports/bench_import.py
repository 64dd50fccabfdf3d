"""`ejcms bench` for importing an earlier register: a file of historic cases checked row by row
and imported through the services (legacy_check, legacy_import), as an office brings its paper
register in; cases a second, everything rolled back."""

from __future__ import annotations

import csv
import io
import time

from django.db import transaction
from django.utils import translation

from ejcms.cases.choices import DecisionKind, ObligationKind, Outcome
from ejcms.core.bench import Rollback
from ejcms.org.bench import bench_user
from ejcms.org.models import Court, Office
from ejcms.org.roles import Position, Role
from ejcms.reports.legacy import COLUMNS
from ejcms.reports.legacy_services import legacy_check, legacy_import

YEAR = 2009  # before the demo's and the generated caseload's registers


def register_file(rows: int, court: str) -> bytes:
    """A CSV of `rows` closed civil cases, with the Lao headings of the template."""
    with translation.override("lo"):
        kind, obligation, outcome = (
            str(DecisionKind.CIVIL.label),
            str(ObligationKind.PAY_MONEY.label),
            str(Outcome.FULLY_ENFORCED.label),
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.lo for column in COLUMNS])
    for number in range(1, rows + 1):
        values = {
            "register_number": number,
            "register_year": YEAR,
            "received_on": f"02/03/{YEAR}",
            "court": court,
            "decision_number": f"{number}/ສປ-{YEAR}",
            "decided_on": f"15/01/{YEAR}",
            "final_on": f"14/02/{YEAR}",
            "decision_kind": kind,
            "creditor_name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
            "creditor_name_latin": "Sengdeuane Vongsa",
            "debtor_name_lo": f"ທ່ານ ສີສະຫວາດ ພົມມະຈັນ {number}",
            "debtor_name_latin": f"Sisavath Phommachanh {number}",
            "obligation_kind": obligation,
            "amount": 15_000_000,
            "currency": "LAK",
            "status": "ປິດ",
            "closed_on": f"20/11/{YEAR}",
            "outcome": outcome,
            "amount_recovered": 15_000_000,
        }
        writer.writerow([values.get(column.key, "") for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def bench_import(rows: int = 2000) -> list[str]:
    lines = [f"{'import of a register':<28}{'rows':>5}{'check s':>9}{'import s':>9}{'cases/s':>9}"]
    office = Office.objects.filter(code="0101").first()
    court = Court.objects.filter(level=Court.Level.PROVINCIAL, province__code="01").first()
    if office is None or court is None:
        return [*lines, "no reference data: run `ejcms setup`"]
    data = register_file(rows, court.name_lo)
    try:
        with transaction.atomic():
            clerk = bench_user("bench-import", office, Role.CLERK, Position.CLERK)
            start = time.perf_counter()
            batch = legacy_check(actor=clerk, office=office, file_name="bench.csv", data=data)
            checked = time.perf_counter() - start
            if batch.valid_rows != rows:
                raise AssertionError(f"import: {batch.valid_rows} of {rows} rows valid")
            start = time.perf_counter()
            batch = legacy_import(actor=clerk, batch=batch, accept_valid_rows=False)
            imported = time.perf_counter() - start
            if batch.imported_rows != rows:
                raise AssertionError(f"import: {batch.imported_rows} of {rows} imported")
            raise Rollback
    except Rollback:
        pass
    lines.append(
        f"{'csv, check + import':<28}{rows:>5}{checked:>9.2f}{imported:>9.2f}"
        f"{rows / (checked + imported):>9.0f}"
    )
    lines.append("target ≥ 2,000 cases/s; rolled back")
    return lines
