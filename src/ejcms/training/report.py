"""The TNA report of a campaign, as a PDF (Typst, Lao) and as a spreadsheet, from the same
figures as the campaign's page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ejcms.core.formatting import format_date
from ejcms.documents.render import render_pdf
from ejcms.org.models import Province
from ejcms.training.choices import Band, band_of
from ejcms.training.models import Campaign
from ejcms.training.selectors import gap_analysis, gap_by, response_rates

FILLS = {Band.HIGH: "F8C9C4", Band.MODERATE: "FDE9B8", Band.LOW: "D9EFDC"}


def report_data(campaign: Campaign) -> dict[str, Any]:
    """Every figure of the report, ready to print (numbers as text with two decimals)."""
    rates = response_rates(campaign)
    asked = sum(r.asked for r in rates)
    submitted = sum(r.submitted for r in rates)
    gaps = gap_analysis(campaign)
    grouped = gap_by(campaign, "province")
    names = {p.pk: p.name_lo for p in Province.objects.all()}
    competencies = list(campaign.framework.competencies.all())
    return {
        "title": campaign.title,
        "period": f"{format_date(campaign.opens_on)} – {format_date(campaign.closes_on)}",
        "framework": f"{campaign.framework.title} v{campaign.framework.version}",
        "asked": asked,
        "submitted": submitted,
        "rate": round(100 * submitted / asked) if asked else 0,
        "printed_on": format_date(timezone.localdate()),
        "priorities": [
            {
                "name": f"{g.competency.number}. {g.competency.name_lo}",
                "importance": f"{g.importance:.2f}",
                "performance": f"{g.performance:.2f}",
                "need": f"{g.need:.2f}",
                "priority": f"{g.priority:.2f}",
                "band": str(g.band),
                "band_label": str(Band(g.band).label),
            }
            for g in gaps
        ],
        "provinces": [names.get(int(str(key)), str(key)) for key, _n in grouped.groups],
        "heatmap": [
            {
                "name": f"{c.number}. {c.name_lo}",
                "cells": [
                    {"need": f"{gap.need:.1f}", "band": str(gap.band)}
                    if (gap := grouped.cells.get((c.pk, key)))
                    else {"need": "—", "band": ""}
                    for key, _n in grouped.groups
                ],
            }
            for c in competencies
        ],
        "hidden": grouped.hidden,
    }


def report_pdf(campaign: Campaign) -> bytes:
    with translation.override("lo"):
        return render_pdf("tna_report", report_data(campaign))


def report_xlsx(campaign: Campaign) -> bytes:
    with translation.override("lo"):
        data = report_data(campaign)
    book = Workbook()
    sheet = book.active
    sheet.title = "priorities"
    sheet.append([data["title"]])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["#", "ຄວາມສາມາດ", "ຄວາມສຳຄັນ", "ການປະຕິບັດ", "ຄວາມຕ້ອງການ", "ບຸລິມະສິດ", "ລະດັບ"])
    for index, row in enumerate(data["priorities"], start=1):
        sheet.append(
            [
                index,
                row["name"],
                float(row["importance"]),
                float(row["performance"]),
                float(row["need"]),
                float(row["priority"]),
                row["band_label"],
            ]
        )
        sheet.cell(sheet.max_row, 7).fill = PatternFill("solid", fgColor=FILLS[Band(row["band"])])
    heat = book.create_sheet("heatmap")
    heat.append(["ຄວາມສາມາດ", *data["provinces"]])
    for row in data["heatmap"]:
        values = [row["name"]]
        for cell in row["cells"]:
            values.append(float(cell["need"]) if cell["band"] else None)
        heat.append(values)
        for column, cell in enumerate(row["cells"], start=2):
            if cell["band"]:
                heat.cell(heat.max_row, column).fill = PatternFill(
                    "solid", fgColor=FILLS[band_of(float(cell["need"]))]
                )
    rates = book.create_sheet("response")
    rates.append(["ອົງການ", "ຖືກສອບຖາມ", "ສົ່ງແລ້ວ", "%"])
    for rate in response_rates(campaign):
        rates.append(
            [f"{rate.office.code} {rate.office.name_lo}", rate.asked, rate.submitted, rate.percent]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
