from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from ejcms.core.words import amount_in_words, number_in_words

# Expected values are written by hand from the Lao and English rules, not produced by the code.


@pytest.mark.parametrize(
    ("number", "lao", "english"),
    [
        (0, "ສູນ", "zero"),
        (1, "ໜຶ່ງ", "one"),
        (10, "ສິບ", "ten"),
        (11, "ສິບເອັດ", "eleven"),
        (20, "ຊາວ", "twenty"),
        (21, "ຊາວເອັດ", "twenty-one"),
        (31, "ສາມສິບເອັດ", "thirty-one"),
        (99, "ເກົ້າສິບເກົ້າ", "ninety-nine"),
        (101, "ໜຶ່ງຮ້ອຍໜຶ່ງ", "one hundred one"),
        (111, "ໜຶ່ງຮ້ອຍສິບເອັດ", "one hundred eleven"),
        (1000, "ໜຶ່ງພັນ", "one thousand"),
        (2021, "ສອງພັນຊາວເອັດ", "two thousand twenty-one"),
        (15000, "ສິບຫ້າພັນ", "fifteen thousand"),
        (21000, "ຊາວເອັດພັນ", "twenty-one thousand"),
        (100000, "ໜຶ່ງແສນ", "one hundred thousand"),
        (110000, "ໜຶ່ງແສນສິບພັນ", "one hundred ten thousand"),
        (250000, "ສອງແສນຫ້າສິບພັນ", "two hundred fifty thousand"),
        (1000000, "ໜຶ່ງລ້ານ", "one million"),
        (1000001, "ໜຶ່ງລ້ານໜຶ່ງ", "one million one"),
        (3500000, "ສາມລ້ານຫ້າແສນ", "three million five hundred thousand"),
        (15000000, "ສິບຫ້າລ້ານ", "fifteen million"),
        (1250000000, "ໜຶ່ງພັນສອງຮ້ອຍຫ້າສິບລ້ານ", "one billion two hundred fifty million"),
        (10**12, "ໜຶ່ງລ້ານລ້ານ", "one trillion"),
    ],
)
def test_numbers_are_written_in_lao_and_english(number, lao, english):
    assert number_in_words(number) == lao
    assert number_in_words(number, "lo") == lao
    assert number_in_words(number, "en") == english


def test_the_largest_number_is_written_in_full():
    assert number_in_words(10**15 - 1, "en") == (
        "nine hundred ninety-nine trillion nine hundred ninety-nine billion"
        " nine hundred ninety-nine million nine hundred ninety-nine thousand"
        " nine hundred ninety-nine"
    )


@pytest.mark.parametrize("number", [0, 1, 11, 101, 2021, 110000, 3500000, 10**15 - 1])
def test_lao_words_use_the_single_code_points_and_nfc(number):
    text = number_in_words(number)
    assert "ຫນ" not in text
    assert "ຫມ" not in text
    assert " " not in text
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize(
    ("amount", "currency", "lao", "english"),
    [
        ("15000000", "LAK", "ສິບຫ້າລ້ານກີບ", "fifteen million kip"),
        ("15000000.00", "LAK", "ສິບຫ້າລ້ານກີບ", "fifteen million kip"),
        ("100", "USD", "ໜຶ່ງຮ້ອຍໂດລາສະຫະລັດ", "one hundred US dollars"),
        ("100.00", "USD", "ໜຶ່ງຮ້ອຍໂດລາສະຫະລັດ", "one hundred US dollars"),
        (
            "100.50",
            "USD",
            "ໜຶ່ງຮ້ອຍໂດລາສະຫະລັດ ຫ້າສິບເຊັນ",
            "one hundred US dollars and fifty cents",
        ),
        ("1.01", "USD", "ໜຶ່ງໂດລາສະຫະລັດ ໜຶ່ງເຊັນ", "one US dollar and one cent"),
        ("0.5", "USD", "ສູນໂດລາສະຫະລັດ ຫ້າສິບເຊັນ", "zero US dollars and fifty cents"),
        ("2000", "THB", "ສອງພັນບາດ", "two thousand baht"),
        (
            "2000.25",
            "THB",
            "ສອງພັນບາດ ຊາວຫ້າສະຕາງ",
            "two thousand baht and twenty-five satang",
        ),
        ("5", "CNY", "ຫ້າຢວນ", "five yuan"),
        ("1000", "VND", "ໜຶ່ງພັນດົ່ງ", "one thousand dong"),
        ("21.21", "EUR", "ຊາວເອັດເອີໂຣ ຊາວເອັດເຊັນ", "twenty-one euro and twenty-one cents"),
        ("100", "CHF", "ໜຶ່ງຮ້ອຍ CHF", "one hundred CHF"),
        ("1.50", "CHF", "ໜຶ່ງ CHF ຫ້າສິບເຊັນ", "one CHF and fifty cents"),
    ],
)
def test_amounts_are_written_with_their_currency(amount, currency, lao, english):
    assert amount_in_words(Decimal(amount), currency) == lao
    assert amount_in_words(Decimal(amount), currency, "lo") == lao
    assert amount_in_words(Decimal(amount), currency, "en") == english


@pytest.mark.parametrize("number", [-1, 10**15, 10**16])
def test_numbers_out_of_range_are_refused(number):
    with pytest.raises(ValueError, match="from 0 to"):
        number_in_words(number)


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        ("-1", "LAK"),
        ("-0.01", "USD"),
        ("NaN", "USD"),
        ("Infinity", "LAK"),
        ("1000000000000000", "LAK"),
        ("1.5", "LAK"),
        ("1000.01", "VND"),
        ("1.005", "USD"),
    ],
)
def test_amounts_that_cannot_be_written_exactly_are_refused(amount, currency):
    with pytest.raises(ValueError):  # noqa: PT011 - the messages differ by cause
        amount_in_words(Decimal(amount), currency)
