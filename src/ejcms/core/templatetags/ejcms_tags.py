from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone

from ejcms.core.formatting import format_date
from ejcms.core.money import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """{{ obligation.amount|money:obligation.currency }} -> 15.000.000 ກີບ"""
    if amount is None:
        return ""
    return format_money(amount, currency)


@register.filter
def ldate(value: date | datetime | None, style: str = "long") -> str:
    """{{ case.received_on|ldate }} -> 17 ມີນາ 2025; {{ d|ldate:"short" }} -> 17/3/2025"""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, style)


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced: pagination keeps the filters."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def bs(field: Any, extra: str = "") -> str:
    """Render a form field's widget with Bootstrap's classes: {{ form.number|bs }}."""
    widget = field.field.widget
    if getattr(widget, "input_type", "") == "checkbox":
        css = "form-check-input"
    elif widget.__class__.__name__ in {"Select", "SelectMultiple"}:
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": f"{css} {extra}".strip()}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def sub(left: Decimal, right: Decimal) -> Decimal:
    """{{ received|sub:paid }}: a difference computed for display."""
    return left - right
