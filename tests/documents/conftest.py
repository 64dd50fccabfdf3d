"""A case that has been through every step that calls for a document: called in, ordered,
notified, an account frozen and released, movables seized, a motorbike valued, advertised and
auctioned, money received and paid out, suspended and resumed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pypdfium2 as pdfium
import pytest

from ejcms.cases.choices import IdDocumentType, PartyRole
from ejcms.cases.models import EnforcementCase
from ejcms.cases.services import case_transition
from ejcms.cases.services.deadlines import case_calendar
from ejcms.cases.workflow import TransitionInput
from ejcms.documents.models import IssuedDocument
from ejcms.finance.services import PaymentData, payment_record, payout_distribute
from ejcms.measures.choices import AssetKind, SaleMode, ValuationMethod
from ejcms.measures.services.assets import asset_record
from ejcms.measures.services.orders import ItemData, freeze_order, freeze_release, seizure_order
from ejcms.measures.services.sale import BidData, auction_announce, auction_result, sale_advertise
from ejcms.measures.services.valuation import valuation_plan, valuation_result
from tests.conftest import Cast, advance
from tests.measures.conftest import asset_data

DEBTOR = "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
CREDITOR = "ນາງ ແສງເດືອນ ວົງສາ"
PAID_ON = date(2025, 5, 2)


@pytest.fixture
def full_case(make_case: Callable[..., EnforcementCase], cast: Cast) -> EnforcementCase:
    case = advance(make_case(), cast, "start_compulsory")
    debtor = case.case_parties.get(role=PartyRole.DEBTOR).party
    officer = cast.officer
    account = asset_record(
        actor=officer, case=case, data=asset_data(AssetKind.BANK_ACCOUNT, debtor)
    )
    freeze = freeze_order(actor=officer, asset=account, on=date(2025, 4, 28))
    freeze_release(
        actor=officer, measure=freeze, on=date(2025, 4, 30), reason="ຜູ້ຖືກບັງຄັບ ວາງເງິນຄ້ຳປະກັນ."
    )
    seizure_order(
        actor=officer,
        case=case,
        on=date(2025, 4, 29),
        items=[
            ItemData("ໂທລະທັດ ຊຳຊຸງ 55 ນິ້ວ", Decimal("4500000"), "LAK"),
            ItemData("ຕູ້ເຢັນ ພານາໂຊນິກ", Decimal("3200000"), "LAK", quantity=2),
        ],
    )
    bike = asset_record(actor=officer, case=case, data=asset_data(AssetKind.VEHICLE, debtor))
    valuation = valuation_plan(
        actor=officer,
        asset=bike,
        method=ValuationMethod.AGREEMENT,
        scheduled_on=date(2025, 5, 20),
    )
    valuation_result(
        actor=officer,
        valuation=valuation,
        valued_on=date(2025, 5, 20),
        value=Decimal("12000000"),
        currency="LAK",
    )
    sale = sale_advertise(actor=officer, asset=bike, on=date(2025, 6, 2))
    auction_on = case_calendar(case).add_working_days(date(2025, 7, 3), 10)
    sale = auction_announce(
        actor=officer,
        sale=sale,
        mode=SaleMode.OPEN_AUCTION,
        notice_on=date(2025, 7, 3),
        auction_on=auction_on,
    )
    auction_result(
        actor=officer,
        sale=sale,
        held_on=auction_on,
        bids=[
            BidData(
                "ນາງ ວຽງສະໄໝ ແສງອາລຸນ",
                IdDocumentType.FAMILY_BOOK,
                "ສປ-0456/2010",
                Decimal("14500000"),
            ),
            BidData(
                "ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ", IdDocumentType.ID_CARD, "01-0123456", Decimal("13800000")
            ),
        ],
    )
    payment_record(
        actor=cast.clerk,
        case=case,
        data=PaymentData(
            amount=Decimal("2500000"), currency="LAK", method="cash", on=PAID_ON, payer=debtor
        ),
    )
    payout_distribute(actor=cast.officer, case=case, currency="LAK", on=PAID_ON)
    case = case_transition(
        actor=cast.head,
        case=case,
        name="suspend",
        data=TransitionInput(on=date(2025, 8, 1), ground="illness", note="ປ່ວຍໜັກ"),
    )
    case = case_transition(
        actor=cast.head,
        case=case,
        name="resume",
        data=TransitionInput(on=date(2025, 9, 1), note="ຫາຍປ່ວຍແລ້ວ"),
    )
    return case


@pytest.fixture
def closed_case(make_case: Callable[..., EnforcementCase], cast: Cast) -> EnforcementCase:
    return advance(make_case(number="77/ສປ"), cast, "close")


def pdf_text(document: IssuedDocument) -> str:
    with document.file.open("rb") as handle:
        pdf = pdfium.PdfDocument(handle.read())
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


# pdfium repeats a consonant that carries two stacked marks when it extracts text
# (ຄຳສັ່ງ comes out as ຄຳສັ່ສັ່ງ; ADR 0005): undo that before comparing.
_DOUBLED = re.compile(r"([\u0e81-\u0eae\u0edc\u0edd][\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]{2})\1")


def squeeze(text: str) -> str:
    """Text without white space and without pdfium's doubled syllables."""
    return _DOUBLED.sub(r"\1", "".join(text.split()))


def first_page_ink(data: bytes) -> int:
    """How many pixels of the first page, rendered, are not white."""
    pdf = pdfium.PdfDocument(data)
    try:
        bitmap = pdf[0].render(scale=0.5, grayscale=True)
        pixels = bytes(bitmap.buffer)
        return sum(1 for value in pixels if value < 200)
    finally:
        pdf.close()


def issue_extra(kind: str) -> dict[str, Any]:
    return {"appear_on": date(2025, 5, 12), "appear_time": "09:00"} if kind == "summons" else {}
