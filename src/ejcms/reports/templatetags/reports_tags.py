from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def stat(value: int | Decimal | str | None, kind: str = "count") -> str:
    """A figure of the statistics as the page shows it: grouped digits in the user's language,
    one decimal for a rate, "—" when there is nothing to divide by."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    places = 0
    if isinstance(value, Decimal):
        if kind == "rate":
            places = 1
        elif kind == "money" and value != value.to_integral_value():
            places = 2
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


@register.filter
def signed(value: Decimal | None, kind: str = "count") -> str:
    """A change: "+12", "−3,5", "—"."""
    if value is None:
        return "—"
    text = stat(abs(value), kind)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.filter
def zip_columns(row: list[object], columns: list[object]) -> list[tuple[object, object]]:
    return list(zip(row, columns, strict=False))
