"""Dates and numbers as the user's language writes them (Babel, CLDR locale `lo`)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as babel_format_date
from django.utils.translation import get_language


def babel_locale() -> str:
    return "lo" if (get_language() or "lo").startswith("lo") else "en"


def format_date(day: date | None, style: str = "long") -> str:
    """17 ມີນາ 2025 (long) or 17/3/2025 (short) in Lao; March 17, 2025 in English."""
    if day is None:
        return ""
    if style == "short" and babel_locale() == "lo":
        return f"{day.day}/{day.month}/{day.year}"
    return babel_format_date(day, style, locale=babel_locale())
