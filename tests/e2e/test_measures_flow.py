"""From an asset to a fully enforced case in the real browser: record the debtor's land, freeze
it, value it by a committee, auction it, take the 10 % deposit and the balance, pay the creditor
and terminate the case as fully enforced (Art. 24–48)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ejcms.cases.models import EnforcementCase
from ejcms.core.ids import ref
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.measures.models import Asset, Bid
from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, advance, register, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def compulsory_case(transactional_db: None) -> EnforcementCase:
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018
    # Registered on 3 March 2025 and in compulsory enforcement from 25 April 2025.
    return advance(register(cast.clerk), cast, "start_compulsory")


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _act(
    page: Any, selector: str, fields: dict[str, str], selects: dict[str, str] | None = None
) -> None:
    """Open an action, fill its form, confirm, and wait to be back on a tab."""
    page.click(selector)
    page.wait_for_selector("#action-form")
    for name, value in fields.items():
        page.fill(f'#action-form [name="{name}"]', value)
    for name, value in (selects or {}).items():
        page.select_option(f'#action-form select[name="{name}"]', value)
    page.click('#action-form button[type="submit"]')
    page.wait_for_selector("#case-tabs")
    errors = page.locator(".alert-danger")
    assert errors.count() == 0, errors.first.inner_text()


def test_land_frozen_valued_auctioned_paid_out_and_case_fully_enforced(
    live_server: Any, page: Any, compulsory_case: EnforcementCase, screenshots: Path
):
    case = compulsory_case
    log_in(page, live_server, "head", PASSWORD)
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/assets/")

    # 1. The creditor's written information names the debtor's land (Art. 24).
    _act(
        page,
        '[data-action="asset_new"]',
        {
            "description": "ທີ່ດິນ ແລະ ເຮືອນ ບ້ານໂພນສະອາດ 600 ຕາແມັດ",
            "title_number": "01-0345/2019",
            "area_m2": "600",
            "declared_on": _d(date(2025, 5, 5)),
            "estimated_value": "150.000.000",
        },
        {"kind": "land", "declared_by": "creditor"},
    )
    asset = Asset.objects.get(case=case)
    row = page.locator(f'tr[data-asset="{asset.pk}"]')
    assert "01-0345/2019" in row.inner_text()

    # 2. Freezing order (Art. 56).
    _act(page, f'tr[data-asset="{asset.pk}"] [data-action="freeze"]', {"on": _d(date(2025, 5, 6))})
    assert page.locator(f'tr[data-asset="{asset.pk}"] [data-status="frozen"]').is_visible()
    page.screenshot(path=str(screenshots / "10-assets-frozen.png"), full_page=True)

    # 3. Valuation by a committee, invitations 3 working days ahead, result notified (Art. 26–31).
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/assets/")
    _act(
        page,
        f'tr[data-asset="{asset.pk}"] [data-action="valuation_plan"]',
        {
            "invited_on": _d(date(2025, 5, 8)),
            "scheduled_on": _d(date(2025, 5, 15)),
            "member_1_name": "ທ່ານ ສົມສັກ ພົມມະຈັນ",
            "member_1_role": "ພະນັກງານປະຕິບັດຄຳຕັດສິນຂອງສານ",
            "member_2_name": "ທ່ານ ຄຳແພງ ສີວົງໄຊ",
            "member_2_role": "ນາຍບ້ານ ໂພນສະອາດ",
        },
        {"method": "committee"},
    )
    _act(
        page,
        '[data-action="valuation_result"]',
        {"valued_on": _d(date(2025, 5, 15)), "value": "14.000.000"},
    )
    _act(page, '[data-action="valuation_notify"]', {"on": _d(date(2025, 5, 16))})
    assert page.locator('[data-status="notified"]').is_visible()
    page.screenshot(path=str(screenshots / "11-valuation.png"), full_page=True)

    # 4. Advertised for 30 days, auction announced 10 working days ahead (Art. 35–36).
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/assets/")
    _act(
        page, f'tr[data-asset="{asset.pk}"] [data-action="advertise"]', {"on": _d(date(2025, 6, 2))}
    )
    _act(
        page,
        '[data-action="announce"]',
        {"notice_on": _d(date(2025, 7, 3)), "auction_on": _d(date(2025, 7, 21))},
        {"mode": "open_auction"},
    )
    _act(
        page,
        '[data-action="auction_result"]',
        {
            "held_on": _d(date(2025, 7, 21)),
            "bid_1_name": "ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ",
            "bid_1_id_document_number": "0123456",
            "bid_1_amount": "15.000.000",
            "bid_2_name": "ນາງ ມະນີວັນ ແກ້ວມະນີ",
            "bid_2_id_document_number": "0654321",
            "bid_2_amount": "14.500.000",
        },
        {"bid_1_id_document_type": "id_card", "bid_2_id_document_type": "id_card"},
    )
    # 5. The winner pays 10 % within 3 working days, then the balance (Art. 36).
    _act(page, '[data-action="deposit"]', {"on": _d(date(2025, 7, 22)), "amount": "1.500.000"})
    _act(page, '[data-action="balance"]', {"on": _d(date(2025, 8, 1))})
    winner = Bid.objects.get(bidder__name="ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ")
    assert winner.status == "paid"
    assert winner.deposit.amount == Decimal("1500000")
    assert winner.balance.amount == Decimal("13500000")
    assert page.locator('[data-sale] [data-status="completed"]').is_visible()
    page.screenshot(path=str(screenshots / "12-auction.png"), full_page=True)

    # 6. The proceeds are paid out to the creditor.
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/money/")
    _act(page, '[data-action="payout"]', {"on": _d(date(2025, 8, 4))})
    payout = LedgerEntry.objects.get(case=case, kind=EntryKind.PAYOUT)
    assert payout.amount == Decimal("15000000")
    assert payout.payee.name_lo == "ນາງ ແສງເດືອນ ວົງສາ"
    lak = page.locator('#balances tr[data-currency="LAK"]')
    assert Decimal(lak.locator("[data-outstanding]").get_attribute("data-outstanding")) == 0
    assert Decimal(lak.locator("[data-held]").get_attribute("data-held")) == 0
    banner = page.locator("#fully-enforced")
    assert banner.is_visible()
    page.screenshot(path=str(screenshots / "13-money-paid-out.png"), full_page=True)

    # 7. Terminate as fully enforced (Art. 48.1).
    banner.locator("a").click()
    page.wait_for_selector('select[name="ground"]')
    assert page.input_value('select[name="ground"]') == "fully_enforced"
    page.fill('input[name="on"]', _d(date(2025, 8, 5)))
    page.get_by_role("button", name="ຢືນຢັນ").click()
    page.wait_for_selector("#case-state")
    assert page.inner_text("#case-state") == "ສິ້ນສຸດການປະຕິບັດຄຳຕັດສິນຂອງສານແລ້ວ"
    case.refresh_from_db()
    assert (case.state, case.termination_ground, case.outcome) == (
        "terminated",
        "fully_enforced",
        "fully_enforced",
    )
    receipts = sorted(
        LedgerEntry.objects.filter(case=case)
        .exclude(receipt_number=None)
        .values_list("receipt_number", flat=True)
    )
    assert receipts == [1, 2]
    page.screenshot(path=str(screenshots / "14-fully-enforced.png"), full_page=True)
