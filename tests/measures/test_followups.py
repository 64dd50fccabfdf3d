"""Rules added after the first review of the measures: the owner's completed sale, bids below
the starting price, objections before the notice, summons on the day, valuing again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import override

from ejcms.cases.models import Deadline
from ejcms.core.errors import ApplicationError
from ejcms.finance.choices import EntryKind, PaymentMethod
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import AssetKind, AssetStatus, MeasureStatus, SaleStatus
from ejcms.measures.models import Bidder, Valuation
from ejcms.measures.services.orders import summons_outcome, summons_record
from ejcms.measures.services.sale import (
    BidData,
    auction_announce,
    auction_result,
    owner_sale_allow,
    owner_sale_completed,
    sale_advertise,
)
from ejcms.measures.services.valuation import objection_file, valuation_plan
from tests.measures.test_sale import (
    ADVERTISED_ON,
    ANOUSONE,
    NOTICE_ON,
    RESERVE,
    SOUKSAVANH,
    agree_value,
    committee_value,
)

pytestmark = pytest.mark.django_db


def test_the_owner_sells_the_asset_himself_and_the_proceeds_are_received(case, add_asset, cast):
    bike = add_asset(AssetKind.VEHICLE)
    sale = owner_sale_allow(actor=cast.officer, asset=bike, on=date(2025, 5, 5))
    owner_sale_completed(
        actor=cast.officer,
        sale=sale,
        on=date(2025, 5, 20),
        price=Decimal("9000000"),
        currency="LAK",
    )
    sale.refresh_from_db()
    bike.refresh_from_db()
    assert (sale.status, bike.status) == (SaleStatus.COMPLETED, AssetStatus.SOLD)
    entry = LedgerEntry.objects.get(case=case, kind=EntryKind.PAYMENT)
    assert (entry.amount, entry.method) == (Decimal("9000000"), PaymentMethod.SALE_PROCEEDS)
    period = Deadline.objects.get(case=case, key="owner_sale_before_valuation")
    assert period.met_on == date(2025, 5, 20)
    with pytest.raises(ApplicationError):
        owner_sale_completed(
            actor=cast.officer, sale=sale, on=date(2025, 5, 21), price=Decimal("1"), currency="LAK"
        )


def test_a_bid_below_the_starting_price_is_refused(case, add_asset, cast, calendar):
    bike = add_asset(AssetKind.VEHICLE)
    agree_value(cast, bike)
    advertised = sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
    auction_on = calendar.add_working_days(NOTICE_ON, 10)
    scheduled = auction_announce(
        actor=cast.officer,
        sale=advertised,
        mode="open_auction",
        notice_on=NOTICE_ON,
        auction_on=auction_on,
    )
    low = BidData(
        ANOUSONE.name, ANOUSONE.id_document_type, ANOUSONE.id_document_number, RESERVE - 1
    )
    with override("en"), pytest.raises(ApplicationError) as exc:
        auction_result(
            actor=cast.officer, sale=scheduled, held_on=auction_on, bids=[SOUKSAVANH, low]
        )
    message = exc.value.message_dict["bids"][0]
    assert "Bid 2" in message
    assert "12,000,000" in message
    assert not Bidder.objects.filter(sale=scheduled).exists()


def test_an_objection_cannot_be_filed_before_the_result_is_notified(case, add_asset, cast, debtor):
    bike = add_asset(AssetKind.VEHICLE)
    valuation = committee_value(cast, bike, date(2025, 5, 5))
    assert valuation.notified_on is not None
    with pytest.raises(ApplicationError) as exc:
        objection_file(
            actor=cast.officer,
            valuation=valuation,
            party=debtor,
            filed_on=date(2025, 5, 5),
            reason="ລາຄາຕ່ຳເກີນໄປ",
        )
    assert "filed_on" in exc.value.message_dict


def test_a_summons_is_ignored_from_the_day_to_appear(case, cast, debtor):
    summons = summons_record(
        actor=cast.officer,
        case=case,
        party=debtor,
        served_on=date(2025, 5, 5),
        appear_on=date(2025, 5, 8),
    )
    with pytest.raises(ApplicationError) as exc:
        summons_outcome(actor=cast.officer, measure=summons, appeared=False, on=date(2025, 5, 7))
    assert "on" in exc.value.message_dict
    summons = summons_outcome(
        actor=cast.officer, measure=summons, appeared=False, on=date(2025, 5, 8)
    )
    assert summons.status == MeasureStatus.IGNORED


def test_an_asset_is_valued_again_once_its_valuation_is_final(case, add_asset, cast):
    bike = add_asset(AssetKind.VEHICLE)
    agree_value(cast, bike)
    again = valuation_plan(
        actor=cast.officer, asset=bike, method="agreement", scheduled_on=date(2025, 9, 1)
    )
    assert Valuation.objects.filter(asset=bike).count() == 2
    assert again.status == "planned"
    with pytest.raises(ApplicationError):
        valuation_plan(
            actor=cast.officer, asset=bike, method="agreement", scheduled_on=date(2025, 9, 2)
        )
