"""The periodic statistics report as a PDF in Lao (Typst template `periodic_report.typ`), with
the same tables as the dashboard and the exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from ejcms.core.formatting import format_date
from ejcms.core.money import format_amount
from ejcms.documents.render import render_pdf
from ejcms.org.models import Office, StaffProfile
from ejcms.reports.selectors import NATIONAL, OFFICE, PROVINCE, Indicators
from ejcms.reports.tables import Table, Value, all_tables, key_figures

LANGUAGE = "lo"


def number_text(value: Value, kind: str = "count", currency: str = "") -> str:
    """A figure as the report prints it: grouped digits, "—" for nothing to show."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == "money" and currency:
        # The currency is named in the row's first column.
        return format_amount(Decimal(value), currency, LANGUAGE)
    places = 1 if kind == "rate" else 0
    return formats.number_format(
        value, places if isinstance(value, Decimal) else None, use_l10n=True, force_grouping=True
    )


# The drill-down table has too many columns for a page: it is printed in two parts, the flow
# of cases and then the rest, each with the unit's name.
UNIT_PARTS = (
    (
        "incoming",
        "resolved",
        "pending_start",
        "pending_end",
        "clearance_rate",
        "disposition_days",
        "backlog",
        "backlog_rate",
    ),
    (
        "deadlines_met",
        "deadlines_missed",
        "complaints",
        "complaints_per_100",
        "evictions",
        "officers",
        "caseload",
    ),
)


def _table_data(
    table: Table, currencies: list[str], keys: tuple[str, ...] | None = None
) -> dict[str, Any]:
    chosen = [
        index
        for index, column in enumerate(table.columns)
        if index == 0 or keys is None or column.key in keys
    ]
    columns = [table.columns[index] for index in chosen]
    rows = []
    for number, row in enumerate(table.rows):
        currency = currencies[number] if table.name == "money" else ""
        rows.append([number_text(row[i], table.columns[i].kind, currency) for i in chosen])
    total = None
    if table.total is not None:
        total = [number_text(table.total[i], table.columns[i].kind) for i in chosen]
    return {
        "title": table.title,
        "columns": [column.label for column in columns],
        "widths": ["wide" if column.kind == "text" else "auto" for column in columns],
        "align": ["left" if column.kind == "text" else "right" for column in columns],
        "rows": rows,
        "total": total,
    }


def _tables_data(tables: list[Table], currencies: list[str]) -> list[dict[str, Any]]:
    printed = []
    for table in tables:
        if table.name == "units":
            for part, keys in enumerate(UNIT_PARTS, start=1):
                data = _table_data(table, currencies, keys)
                data["title"] = f"{table.title} ({part}/{len(UNIT_PARTS)})"
                printed.append(data)
        else:
            printed.append(_table_data(table, currencies))
    return printed


def _addressees(ind: Indicators) -> list[str]:
    """To whom the report goes, by the level it covers (Art. 78 ff.: the divisions report to
    the DEJ and to the People's Prosecutor and the authorities at their level)."""
    level = ind.unit.level
    if level == NATIONAL:
        return [
            _("To: the Minister of Justice"),
            _("Copy: the Supreme People's Prosecutor's Office"),
        ]
    if level == PROVINCE:
        return [
            _("To: the Department of Enforcement of Judgments"),
            _("Copy: the People's Prosecutor's Office and the administration of the province"),
        ]
    if level == OFFICE:
        return [
            _("To: the provincial enforcement division"),
            _("Copy: the People's Prosecutor's Office of the district"),
        ]
    return [_("To: the head of the office")]


def report_data(ind: Indicators, *, author: StaffProfile | None, today: date) -> dict[str, Any]:
    """What the template prints, every text in Lao."""
    with translation.override(LANGUAGE):
        office: Office | None = author.office if author else None
        tables = all_tables(ind)
        currencies = [line.currency for line in ind.money]
        figures = []
        for _key, label, value, kind in key_figures(ind):
            figures.append([label, number_text(value, kind)])
        return {
            "title": _("Report on the enforcement of court decisions"),
            "unit": ind.unit.name,
            "period": ind.period.label,
            "office": office.name if office else "",
            "office_code": office.code if office else "",
            "place": (office.province.name if office and office.province else _("Vientiane")),
            "printed": format_date(today),
            "addressees": _addressees(ind),
            "figures": figures,
            "tables": _tables_data(tables, currencies),
            "nothing": _("Nothing to report for this period."),
            "notes": [
                _("Pending at end = pending at start + incoming − resolved."),
                _("Clearance rate = resolved ÷ incoming × 100."),
                _("Disposition time = pending at end ÷ resolved × %(days)s days.")
                % {"days": ind.period.days},
                _("Backlog = cases pending at the end received more than %(days)s days before it.")
                % {"days": ind.standard_days},
                _(
                    "Recovery rate = recovered ÷ due, in the cases resolved in the period, "
                    "per currency."
                ),
                _("— : nothing to divide by."),
            ],
            "signer_title": _("Head of office"),
            "signature": _("signature and stamp"),
            "signer": author.display_name if author else "",
        }


def periodic_report_pdf(ind: Indicators, *, author: StaffProfile | None, today: date) -> bytes:
    return render_pdf("periodic_report", report_data(ind, author=author, today=today))
