"""Money: a Decimal amount with its currency. Never a float, never silently converted."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal, get_currency_precision
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ejcms.core.formatting import babel_locale

MAX_DIGITS = 18
DECIMAL_PLACES = 2


class Currency(models.TextChoices):
    LAK = "LAK", gettext_lazy("LAK (kip)")
    USD = "USD", gettext_lazy("USD (US dollar)")
    THB = "THB", gettext_lazy("THB (baht)")
    OTHER = "OTHER", gettext_lazy("Other currency")


def currency_word(code: str) -> str:
    """The word written after an amount, as the law writes 5.000.000 ກີບ."""
    words = {
        "LAK": _("kip"),
        "USD": _("US dollars"),
        "THB": _("baht"),
        "CNY": _("yuan"),
        "VND": _("dong"),
        "EUR": _("euro"),
    }
    return words.get(code, code)


def currency_decimals(code: str) -> int:
    """Kip and dong have no minor unit in use; others have two decimals."""
    try:
        return min(get_currency_precision(code), DECIMAL_PLACES)
    except Exception:  # an unknown code: allow cents rather than refuse the amount
        return DECIMAL_PLACES


_ISO = re.compile(r"^[A-Z]{3}$")


def is_currency_code(code: str) -> bool:
    return bool(_ISO.match(code))


def format_amount(amount: Decimal, currency: str, language: str | None = None) -> str:
    """Group thousands as the language does; show cents only when there are some (2.000 ບາດ)."""
    whole = currency_decimals(currency) == 0 or amount == amount.to_integral_value()
    pattern = "#,##0" if whole else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=babel_locale(language))


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    """15.000.000 ກີບ in Lao, 15,000,000 kip in English."""
    return f"{format_amount(amount, currency, language)} {currency_word(currency)}"


_LAO_STYLE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_STYLE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+([.,]\d+)?$")


def parse_amount(text: str, language: str | None = None) -> Decimal:
    """Read an amount typed by a user, in Lao (15.000.000 / 1.500,50) or English style.

    Ambiguous input such as "1.500" is read the way the user's language writes numbers.
    Raises ValueError with a message for the user when the text is not an amount.
    """
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", text)
    lao = babel_locale(language) == "lo"
    value: str | None = None
    if cleaned.isdigit():
        value = cleaned
    elif _LAO_STYLE.match(cleaned) and (lao or "," in cleaned):
        value = cleaned.replace(".", "").replace(",", ".")
    elif _EN_STYLE.match(cleaned) and (not lao or "." in cleaned):
        value = cleaned.replace(",", "")
    elif _PLAIN.match(cleaned):
        # One separator with no grouping: 1500,5 or 1500.5; "1.500" in Lao means 1500.
        separator = "," if "," in cleaned else "."
        head, tail = cleaned.split(separator)
        thousands = separator == ("." if lao else ",")
        value = head + tail if thousands and len(tail) == 3 else f"{head}.{tail}"
    if value is None:
        raise ValueError(_("Enter the amount in digits, for example 15.000.000 or 1.500,50."))
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above only let digits through
        raise ValueError(
            _("Enter the amount in digits, for example 15.000.000 or 1.500,50.")
        ) from exc


def plain_number(value: Decimal) -> str:
    """30, 10.5: a rate or limit as people write it (never 3E+1)."""
    return f"{value.normalize():f}"
