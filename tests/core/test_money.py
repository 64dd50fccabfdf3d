from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ejcms.core.money import format_money, parse_amount


def test_amounts_are_written_as_the_law_writes_them():
    with translation.override("lo"):
        assert format_money(Decimal("15000000"), "LAK") == "15.000.000 ກີບ"
        assert format_money(Decimal("1500.50"), "USD") == "1.500,50 ໂດລາສະຫະລັດ"
        assert format_money(Decimal("2000"), "THB") == "2.000 ບາດ"
    with translation.override("en"):
        assert format_money(Decimal("15000000"), "LAK") == "15,000,000 kip"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("15000000", "lo", "15000000"),
        ("15.000.000", "lo", "15000000"),
        ("1.500,50", "lo", "1500.50"),
        ("1.500", "lo", "1500"),
        ("1,5", "lo", "1.5"),
        ("15,000,000", "en", "15000000"),
        ("1,500.50", "en", "1500.50"),
        ("1.5", "en", "1.5"),
        ("1 500 000", "lo", "1500000"),
    ],
)
def test_amounts_typed_in_either_style_are_read(text, language, expected):
    assert parse_amount(text, language) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "1.2.3,4,5", "", "-5", "1,50.000"])
def test_what_is_not_an_amount_is_refused_with_an_example(text):
    with translation.override("lo"), pytest.raises(ValueError, match=r"15\.000\.000"):
        parse_amount(text, "lo")


@given(st.integers(min_value=0, max_value=10**15))
def test_a_formatted_kip_amount_reads_back(amount: int):
    for language in ("lo", "en"):
        with translation.override(language):
            text = format_money(Decimal(amount), "LAK").rsplit(" ", 1)[0]
            assert parse_amount(text, language) == amount
