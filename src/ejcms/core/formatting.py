"""Dates and numbers as the user's language writes them (Babel, CLDR locale `lo`)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as babel_format_date
from django.utils.translation import get_language


def babel_locale(language: str | None = None) -> str:
    """The CLDR locale for a language (the active one by default): Lao, or English."""
    return "lo" if (language or get_language() or "lo").startswith("lo") else "en"


def format_date(day: date | None, style: str = "long") -> str:
    """17 ມີນາ 2025 / 17 March 2025 (long); 17/3/2025 / 17/03/2025 (short). Day before month in
    both languages, as dates are written in the Lao PDR."""
    if day is None:
        return ""
    lao = babel_locale() == "lo"
    if style == "short":
        return f"{day.day}/{day.month}/{day.year}" if lao else day.strftime("%d/%m/%Y")
    return babel_format_date(day, "long" if lao else "d MMMM y", locale=babel_locale())
