"""The tables of the statistics, built once from the indicators and used by the page, the CSV
and XLSX exports, the PDF report and the baseline snapshots, so that they cannot disagree."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from ejcms.core.money import currency_word
from ejcms.reports.selectors import OFFICER, PROVINCE, Indicators, Row

Value = int | Decimal | str | None


@dataclass
class Column:
    key: str
    label: str
    # How the value is shown: "count", "rate" (one decimal, %), "days", "money", "text".
    kind: str = "count"


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    total: list[Value] | None = None
    # For the drill-down table: the unit key of each row ("" when it cannot be opened).
    links: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[str, Value, list[tuple[Value, Column]]]]:
        """Each row as (unit key to open or "", its name, [(value, column) of the rest])."""
        return [
            (
                self.links[index] if index < len(self.links) else "",
                row[0],
                list(zip(row[1:], self.columns[1:], strict=True)),
            )
            for index, row in enumerate(self.rows)
        ]

    def total_cells(self) -> list[tuple[Value, Column]]:
        return list(zip(self.total or [], self.columns, strict=False))


def _unit_heading(level: str | None) -> str:
    if level == PROVINCE:
        return _("Province")
    if level == OFFICER:
        return _("Enforcement officer")
    return _("Office")


def _by_heading(level: str | None) -> str:
    if level == PROVINCE:
        return _("By province")
    if level == OFFICER:
        return _("By officer")
    return _("By office")


def indicator_columns() -> list[Column]:
    return [
        Column("incoming", _("Incoming")),
        Column("resolved", _("Resolved")),
        Column("pending_start", _("Pending at start")),
        Column("pending_end", _("Pending at end")),
        Column("clearance_rate", _("Clearance rate (%)"), "rate"),
        Column("disposition_days", _("Disposition time (days)"), "days"),
        Column("backlog", _("Backlog (cases)")),
        Column("backlog_rate", _("Backlog (%)"), "rate"),
        Column("deadlines_met", _("Deadlines met")),
        Column("deadlines_missed", _("Deadlines missed")),
        Column("complaints", _("Complaints")),
        Column("complaints_per_100", _("Complaints per 100 resolved"), "rate"),
        Column("evictions", _("Evictions carried out")),
        Column("officers", _("Officers")),
        Column("caseload", _("Pending cases per officer"), "rate"),
    ]


def row_values(row: Row, columns: list[Column]) -> list[Value]:
    return [getattr(row, column.key) for column in columns]


def units_table(ind: Indicators) -> Table:
    columns = indicator_columns()
    table = Table(
        "units",
        _by_heading(ind.child_level) if ind.rows else _("Indicators"),
        [
            Column("name", _unit_heading(ind.child_level) if ind.rows else _("Unit"), "text"),
            *columns,
        ],
    )
    for row in ind.rows or [ind.total]:
        assert row.unit is not None
        table.rows.append([row.unit.name, *row_values(row, columns)])
        table.links.append(row.unit.key if row.unit.id is not None else "")
    table.total = [pgettext("table", "Total"), *row_values(ind.total, columns)]
    return table


def outcomes_table(ind: Indicators) -> Table:
    table = Table(
        "outcomes",
        _("How the resolved cases ended"),
        [
            Column("outcome", _("Outcome"), "text"),
            Column("cases", _("Cases")),
            Column("share", _("Share (%)"), "rate"),
        ],
    )
    total = sum(count for _value, _label, count in ind.outcomes)
    for _value, label, count in ind.outcomes:
        share = (Decimal(count * 100) / total).quantize(Decimal("0.1")) if total else None
        table.rows.append([label, count, share])
    table.total = [pgettext("table", "Total"), total, Decimal(100) if total else None]
    return table


def money_table(ind: Indicators) -> Table:
    table = Table(
        "money",
        _("Money"),
        [
            Column("currency", _("Currency"), "text"),
            Column("due", _("Due in the cases resolved"), "money"),
            Column("recovered", _("Recovered in the cases resolved"), "money"),
            Column("recovery_rate", _("Recovery rate (%)"), "rate"),
            Column("collected", _("Collected in the period"), "money"),
        ],
    )
    for line in ind.money:
        table.rows.append(
            [
                currency_word(line.currency),
                line.due,
                line.recovered,
                line.recovery_rate,
                line.collected,
            ]
        )
    return table


def stages_table(ind: Indicators) -> Table:
    table = Table(
        "stages",
        _("Time spent in each stage"),
        [
            Column("stage", _("Stage"), "text"),
            Column("exits", _("Cases that left it")),
            Column("median", _("Median (days)"), "days"),
            Column("p90", _("90th percentile (days)"), "days"),
        ],
    )
    for stage in ind.stages:
        table.rows.append([stage.label, stage.exits, stage.median, stage.p90])
    return table


def all_tables(ind: Indicators) -> list[Table]:
    return [units_table(ind), outcomes_table(ind), money_table(ind), stages_table(ind)]


def key_figures(ind: Indicators) -> list[tuple[str, str, Value, str]]:
    """The headline numbers of the unit: (key, label, value, how it is shown)."""
    total = ind.total
    return [
        ("incoming", _("Incoming"), total.incoming, "count"),
        ("resolved", _("Resolved"), total.resolved, "count"),
        ("pending_start", _("Pending at start"), total.pending_start, "count"),
        ("pending_end", _("Pending at end"), total.pending_end, "count"),
        ("clearance_rate", _("Clearance rate (%)"), total.clearance_rate, "rate"),
        ("disposition_days", _("Disposition time (days)"), total.disposition_days, "days"),
        ("backlog_rate", _("Backlog (%)"), total.backlog_rate, "rate"),
        ("deadlines_met_rate", _("Deadlines met (%)"), total.deadlines_met_rate, "rate"),
        (
            "complaints_per_100",
            _("Complaints per 100 resolved"),
            total.complaints_per_100,
            "rate",
        ),
        ("evictions", _("Evictions carried out"), total.evictions, "count"),
        ("caseload", _("Pending cases per officer"), total.caseload, "rate"),
    ]


def cell_text(value: Value) -> str:
    """A value as exported to CSV: plain digits with a point, "—" for nothing to show."""
    if value is None:
        return "—"
    return str(value)


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        writer.writerow([cell_text(value) for value in row])
    if table.total is not None:
        writer.writerow([cell_text(value) for value in table.total])
    # With a byte-order mark, so that spreadsheet programs read the Lao as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Table], heading: list[str]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=_sheet_title(table.title))
        for line in heading:
            sheet.append([line])
        sheet.append([])
        sheet.append([column.label for column in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_xlsx_value(value) for value in row])
        if table.total is not None:
            sheet.append([_xlsx_value(value) for value in table.total])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Value) -> Any:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31]


@dataclass
class Change:
    key: str
    label: str
    baseline: Decimal | None
    current: Decimal | None
    kind: str = "count"

    @property
    def difference(self) -> Decimal | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def percent(self) -> Decimal | None:
        if self.difference is None or not self.baseline:
            return None
        return (self.difference * 100 / abs(self.baseline)).quantize(Decimal("0.1"))


def compare(baseline: dict[str, Any], ind: Indicators) -> list[Change]:
    """The headline figures of a stored baseline beside the same figures now."""
    changes = []
    for key, label, value, kind in key_figures(ind):
        stored = baseline.get("figures", {}).get(key)
        changes.append(
            Change(
                key,
                label,
                None if stored is None else Decimal(str(stored)),
                None if value is None else Decimal(str(value)),
                kind,
            )
        )
    return changes
