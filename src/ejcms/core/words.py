"""Numbers and amounts written in words, for official documents in Lao (or English).

Lao is written as one run with no spaces between number words (ສິບຫ້າລ້ານກີບ); ໜ and ໝ are
the single code points U+0EDC and U+0EDD, never ຫນ/ຫມ. Below a million Lao counts in ແສນ
(100,000) and then the remaining thousands with ພັນ (250,000 = ສອງແສນຫ້າສິບພັນ); above, the
count of millions is written by the same rules followed by ລ້ານ (10**12 = ໜຶ່ງລ້ານລ້ານ).
English uses the short scale, US style: no "and" inside a number, hyphenated tens
("two hundred fifty-one thousand").
"""

from __future__ import annotations

from decimal import Decimal

from ejcms.core.formatting import babel_locale
from ejcms.core.money import currency_decimals

LIMIT = 10**15

_LAO_DIGITS = ("ສູນ", "ໜຶ່ງ", "ສອງ", "ສາມ", "ສີ່", "ຫ້າ", "ຫົກ", "ເຈັດ", "ແປດ", "ເກົ້າ")
_LAO_TEN = "ສິບ"
_LAO_TWENTY = "ຊາວ"
_LAO_FINAL_ONE = "ເອັດ"  # a final 1 after a tens digit: 11 ສິບເອັດ, 21 ຊາວເອັດ
_LAO_HUNDRED = "ຮ້ອຍ"
_LAO_THOUSAND = "ພັນ"
_LAO_HUNDRED_THOUSAND = "ແສນ"
_LAO_MILLION = "ລ້ານ"

_EN_UNITS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))

# Currency words: (Lao, English plural, English singular).
_MAJOR: dict[str, tuple[str, str, str]] = {
    "LAK": ("ກີບ", "kip", "kip"),
    "USD": ("ໂດລາສະຫະລັດ", "US dollars", "US dollar"),
    "THB": ("ບາດ", "baht", "baht"),
    "CNY": ("ຢວນ", "yuan", "yuan"),
    "VND": ("ດົ່ງ", "dong", "dong"),
    "EUR": ("ເອີໂຣ", "euro", "euro"),
}
_MINOR: dict[str, tuple[str, str, str]] = {
    "THB": ("ສະຕາງ", "satang", "satang"),
}
_CENTS = ("ເຊັນ", "cents", "cent")


def _lao_below_100(n: int) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        head = ""
    elif tens == 1:
        head = _LAO_TEN
    elif tens == 2:
        head = _LAO_TWENTY
    else:
        head = _LAO_DIGITS[tens] + _LAO_TEN
    if unit == 0:
        tail = ""
    elif unit == 1 and tens:
        tail = _LAO_FINAL_ONE
    else:
        tail = _LAO_DIGITS[unit]
    return head + tail


def _lao_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = _LAO_DIGITS[hundreds] + _LAO_HUNDRED if hundreds else ""
    return head + _lao_below_100(rest)


def _lao_below_million(n: int) -> str:
    hundred_thousands, rest = divmod(n, 100_000)
    thousands, rest = divmod(rest, 1000)
    words = _LAO_DIGITS[hundred_thousands] + _LAO_HUNDRED_THOUSAND if hundred_thousands else ""
    if thousands:
        words += _lao_below_100(thousands) + _LAO_THOUSAND
    return words + _lao_below_1000(rest)


def _lao(n: int) -> str:
    if n == 0:
        return _LAO_DIGITS[0]
    millions, rest = divmod(n, 1_000_000)
    head = _lao(millions) + _LAO_MILLION if millions else ""
    return head + _lao_below_million(rest)


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_EN_UNITS[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else ""))
    elif rest:
        words.append(_EN_UNITS[rest])
    return " ".join(words)


def _en(n: int) -> str:
    if n == 0:
        return _EN_UNITS[0]
    words = []
    for scale, name in _EN_SCALES:
        count, n = divmod(n, scale)
        if count:
            words.append(f"{_en_below_1000(count)} {name}")
    if n:
        words.append(_en_below_1000(n))
    return " ".join(words)


def number_in_words(n: int, language: str = "lo") -> str:
    """A whole number 0 ≤ n < 10**15 in words: 15000000 → ສິບຫ້າລ້ານ / fifteen million.

    Any language other than Lao ("lo", "lo-la") is written in English. Raises ValueError for a
    number out of range.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"Expected a whole number, got {n!r}.")
    if not 0 <= n < LIMIT:
        raise ValueError(f"Only numbers from 0 to {LIMIT - 1} can be written in words, not {n}.")
    return _lao(n) if babel_locale(language) == "lo" else _en(n)


def _unit_words(words: tuple[str, str, str], count: int, lao: bool) -> str:
    if lao:
        return words[0]
    return words[2] if count == 1 else words[1]


def amount_in_words(amount: Decimal, currency: str, language: str = "lo") -> str:
    """An amount of money in words, as written after the figure in a document.

    The whole units come first; the minor units (cents, satang) follow only when the currency has
    one in use and the amount has a non-zero fraction. Kip and dong have none.

    Lao: no space between the number and a Lao currency word, one space before the minor part:
    ສິບຫ້າລ້ານກີບ, ໜຶ່ງຮ້ອຍໂດລາສະຫະລັດ ຫ້າສິບເຊັນ. An unknown currency code is written as the
    code itself, after a space: ໜຶ່ງຮ້ອຍ CHF.

    English: "fifteen million kip", "one hundred US dollars and fifty cents", "one US dollar and
    one cent" (singular for one dollar or cent; kip, baht, yuan, dong, euro, satang do not change).

    Raises ValueError for a negative or non-finite amount, a whole part of 10**15 or more, or more
    decimals than the currency has (e.g. 1.5 kip or 1.005 dollars): an amount in words must say
    exactly what the figure says, so nothing is rounded away.
    """
    if not amount.is_finite():
        raise ValueError(f"Not an amount: {amount}.")
    if amount < 0:
        raise ValueError(f"A negative amount cannot be written in words: {amount}.")
    lao = babel_locale(language) == "lo"
    code = currency.strip().upper()
    places = currency_decimals(code)
    whole = int(amount)
    minor_units = (amount - whole).scaleb(places)
    if minor_units != minor_units.to_integral_value():
        raise ValueError(f"{amount} {code} has more than {places} decimals.")
    minor = int(minor_units)

    major_words = _MAJOR.get(code, (code, code, code))
    unit = _unit_words(major_words, whole, lao)
    if lao:
        joiner = "" if code in _MAJOR else " "
        text = number_in_words(whole, "lo") + joiner + unit
    else:
        text = f"{number_in_words(whole, 'en')} {unit}"
    if minor:
        minor_words = _unit_words(_MINOR.get(code, _CENTS), minor, lao)
        if lao:
            text += f" {number_in_words(minor, 'lo')}{minor_words}"
        else:
            text += f" and {number_in_words(minor, 'en')} {minor_words}"
    return text
