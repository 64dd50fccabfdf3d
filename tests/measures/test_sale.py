"""Selling an asset (Art. 35–38, 62): the owner's own sale, the 30-day advertisement, the
auction and its notice, the winner's deposit and balance, defaults and the next bidder, the
handover to the creditor, and the money the sale brings into the case's ledger."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import override

from ejcms.cases.choices import IdDocumentType, TimelineKind
from ejcms.cases.models import Deadline
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.finance.choices import EntryKind, PaymentMethod
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import (
    AssetKind,
    AssetStatus,
    BidStatus,
    SaleMode,
    SaleStatus,
    ValuationMethod,
)
from ejcms.measures.models import Bid, Bidder, Sale
from ejcms.measures.services.sale import (
    BidData,
    asset_hand_over,
    auction_announce,
    auction_balance,
    auction_default,
    auction_deposit,
    auction_result,
    owner_sale_allow,
    sale_advertise,
    urgent_sale,
)
from ejcms.measures.services.valuation import (
    MemberData,
    objection_decide,
    objection_file,
    valuation_notify,
    valuation_plan,
    valuation_result,
)
from tests.measures.conftest import last_deadline, open_deadlines

RESERVE = Decimal("12000000")
VALUED_ON = date(2025, 5, 20)
ADVERTISED_ON = date(2025, 6, 2)
ADVERT_ENDS = date(2025, 7, 2)  # 30 calendar days after 2 June 2025
NOTICE_ON = date(2025, 7, 3)
MEMBERS = [
    MemberData("ທ່ານ ບຸນທັນ ແກ້ວມະນີ", "ພະແນກໂຍທາທິການ ແລະ ຂົນສົ່ງ"),
    MemberData("ນາງ ພອນທິບ ສຸລິວົງ", "ພະແນກການເງິນ ນະຄອນຫຼວງວຽງຈັນ"),
]

SOUKSAVANH = BidData(
    "ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ", IdDocumentType.ID_CARD, "01-0123456", Decimal("13800000")
)
VIENGSAMAY = BidData(
    "ນາງ ວຽງສະໄໝ ແສງອາລຸນ",
    IdDocumentType.FAMILY_BOOK,
    "ສປ-0456/2010",
    Decimal("14500000"),
    phone="020 5555 1234",
)
ANOUSONE = BidData("ທ້າວ ອານຸສອນ ບຸດສະດີ", IdDocumentType.PASSPORT, "P1234567", Decimal("12500000"))


def agree_value(cast, asset, value=RESERVE, on=VALUED_ON):
    valuation = valuation_plan(
        actor=cast.officer, asset=asset, method=ValuationMethod.AGREEMENT, scheduled_on=on
    )
    return valuation_result(
        actor=cast.officer, valuation=valuation, valued_on=on, value=value, currency="LAK"
    )


def committee_value(cast, asset, invited_on, *, notify=True):
    """A committee valuation on the earliest day the invitations allow, notified that day."""
    from ejcms.cases.services.deadlines import case_calendar

    day = case_calendar(asset.case).add_working_days(invited_on, 3)
    valuation = valuation_plan(
        actor=cast.officer,
        asset=asset,
        method=ValuationMethod.COMMITTEE,
        invited_on=invited_on,
        scheduled_on=day,
        members=MEMBERS,
    )
    valuation = valuation_result(
        actor=cast.officer, valuation=valuation, valued_on=day, value=RESERVE, currency="LAK"
    )
    if notify:
        valuation = valuation_notify(actor=cast.officer, valuation=valuation, on=day)
    return valuation


def received(case, *methods):
    """Money received in the case by these methods (payments and surpluses)."""
    return LedgerEntry.objects.filter(
        case=case, method__in=methods, kind__in=[EntryKind.PAYMENT, EntryKind.OVERPAYMENT]
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)


@pytest.fixture
def bike(add_asset):
    return add_asset(AssetKind.VEHICLE)


@pytest.fixture
def advertised(bike, cast):
    agree_value(cast, bike)
    return sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)


@pytest.fixture
def auction_on(calendar):
    return calendar.add_working_days(NOTICE_ON, 10)


@pytest.fixture
def scheduled(advertised, cast, auction_on):
    return auction_announce(
        actor=cast.officer,
        sale=advertised,
        mode=SaleMode.OPEN_AUCTION,
        notice_on=NOTICE_ON,
        auction_on=auction_on,
    )


@pytest.fixture
def auctioned(scheduled, cast, auction_on):
    """Three bidders; ນາງ ວຽງສະໄໝ wins at 14.500.000 ກີບ, ທ້າວ ສຸກສະຫວັນ is next."""
    return auction_result(
        actor=cast.officer,
        sale=scheduled,
        held_on=auction_on,
        bids=[SOUKSAVANH, VIENGSAMAY, ANOUSONE],
    )


def bid_of(sale, name):
    return Bid.objects.get(sale=sale, bidder__name=name.name)


@pytest.mark.django_db
class TestAdvertise:
    def test_refused_without_a_final_valuation(self, case, bike, cast):
        with pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
        assert "asset" in exc.value.message_dict
        # Valued by a committee but not yet notified: not final either.
        committee_value(cast, bike, date(2025, 5, 12), notify=False)
        with pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
        assert "asset" in exc.value.message_dict
        assert not Sale.objects.exists()
        assert not Deadline.objects.filter(case=case, key="sale_advertisement").exists()
        bike.refresh_from_db()
        assert bike.status == AssetStatus.VALUED

    def test_refused_while_the_objection_period_runs(self, case, bike, cast):
        today = timezone.localdate()
        valuation = committee_value(cast, bike, today - timedelta(days=14))
        period = last_deadline(case, "valuation_objection")
        assert valuation.notified_on <= today <= period.due_on
        with pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=bike, on=today)
        assert "asset" in exc.value.message_dict
        assert not Sale.objects.exists()

    def test_an_advertisement_dated_within_the_objection_period_is_refused(self, case, bike, cast):
        committee_value(cast, bike, date(2025, 5, 12))
        period = last_deadline(case, "valuation_objection")
        with pytest.raises(ApplicationError):
            sale_advertise(actor=cast.officer, asset=bike, on=period.due_on - timedelta(days=3))
        assert not Sale.objects.exists()

    def test_advertised_for_thirty_days_at_the_agreed_value(self, case, bike, cast):
        agree_value(cast, bike)
        sale = sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
        assert (sale.mode, sale.status, sale.started_on) == (
            SaleMode.OPEN_AUCTION,
            SaleStatus.ADVERTISED,
            ADVERTISED_ON,
        )
        assert (sale.reserve_price, sale.currency) == (RESERVE, "LAK")
        bike.refresh_from_db()
        assert bike.status == AssetStatus.FOR_SALE
        deadline = last_deadline(case, "sale_advertisement")
        assert (deadline.started_on, deadline.due_on) == (ADVERTISED_ON, ADVERT_ENDS)
        event = case.events.filter(kind=TimelineKind.SALE).get()
        assert event.payload["action"] == "advertised"
        assert Decimal(event.payload["price"]) == RESERVE
        assert AuditRecord.objects.filter(
            action="sale.advertised", object_type="measures.sale", object_id=str(sale.pk)
        ).exists()

    def test_advertised_at_a_committee_value_once_nobody_objected_in_time(self, case, bike, cast):
        committee_value(cast, bike, date(2025, 5, 12))
        period = last_deadline(case, "valuation_objection")
        sale = sale_advertise(actor=cast.officer, asset=bike, on=period.due_on + timedelta(days=1))
        assert sale.reserve_price == RESERVE

    def test_refused_when_the_valuation_was_set_aside(self, bike, debtor, cast):
        valuation = committee_value(cast, bike, date(2025, 5, 12))
        objection = objection_file(
            actor=cast.officer,
            valuation=valuation,
            party=debtor,
            filed_on=valuation.notified_on + timedelta(days=2),
            reason="ລາຄາຕ່ຳເກີນໄປ.",
        )
        objection_decide(
            actor=cast.head,
            objection=objection,
            on=valuation.notified_on + timedelta(days=6),
            upheld=True,
            note="ໃຫ້ຕີລາຄາຄືນໃໝ່.",
        )
        with pytest.raises(ApplicationError):
            sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
        assert not Sale.objects.exists()

    def test_one_sale_at_a_time_and_only_of_property(self, add_asset, bike, cast):
        agree_value(cast, bike)
        sale_advertise(actor=cast.officer, asset=bike, on=ADVERTISED_ON)
        with pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=bike, on=date(2025, 6, 3))
        assert "asset" in exc.value.message_dict
        wages = add_asset(AssetKind.WAGES)
        with pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=wages, on=ADVERTISED_ON)
        assert "asset" in exc.value.message_dict
        assert Sale.objects.count() == 1

    def test_an_outsider_may_not_advertise(self, bike, cast):
        agree_value(cast, bike)
        with pytest.raises(AccessDenied):
            sale_advertise(actor=cast.outsider_district, asset=bike, on=ADVERTISED_ON)
        assert not Sale.objects.exists()


@pytest.mark.django_db
class TestOwnerSale:
    def test_thirty_days_before_valuation(self, case, bike, cast):
        on = date(2025, 5, 5)
        sale = owner_sale_allow(actor=cast.officer, asset=bike, on=on)
        assert (sale.mode, sale.status) == (SaleMode.OWNER, SaleStatus.OWNER_SELLING)
        deadline = Deadline.objects.get(case=case, key__startswith="owner_sale_")
        assert deadline.key == "owner_sale_before_valuation"
        assert (deadline.started_on, deadline.due_on) == (on, date(2025, 6, 4))
        assert deadline.bearer == "debtor"

    def test_forty_five_days_after_a_final_valuation(self, case, bike, cast):
        agree_value(cast, bike)
        on = date(2025, 5, 26)
        owner_sale_allow(actor=cast.officer, asset=bike, on=on)
        deadline = Deadline.objects.get(case=case, key__startswith="owner_sale_")
        assert deadline.key == "owner_sale_after_valuation"
        assert (deadline.started_on, deadline.due_on) == (on, date(2025, 7, 10))

    def test_no_advertisement_while_the_owner_may_sell(self, case, bike, cast):
        agree_value(cast, bike)
        owner = owner_sale_allow(actor=cast.officer, asset=bike, on=date(2025, 5, 26))
        with pytest.raises(ApplicationError):
            owner_sale_allow(actor=cast.officer, asset=bike, on=date(2025, 5, 27))
        with override("en"), pytest.raises(ApplicationError) as exc:
            sale_advertise(actor=cast.officer, asset=bike, on=date(2025, 7, 10))
        assert "10 July 2025" in exc.value.message_dict["on"][0]
        owner.refresh_from_db()
        assert owner.status == SaleStatus.OWNER_SELLING
        # The owner did not sell in time: the office advertises the sale.
        sale = sale_advertise(actor=cast.officer, asset=bike, on=date(2025, 7, 11))
        owner.refresh_from_db()
        assert (owner.status, owner.ended_on) == (SaleStatus.UNSOLD, date(2025, 7, 11))
        deadline = Deadline.objects.get(case=case, key="owner_sale_after_valuation")
        assert deadline.met_on == date(2025, 7, 11)
        assert sale.status == SaleStatus.ADVERTISED


@pytest.mark.django_db
class TestAnnounce:
    def test_not_before_the_thirty_days_of_advertisement(self, case, advertised, cast):
        with override("en"), pytest.raises(ApplicationError) as exc:
            auction_announce(
                actor=cast.officer,
                sale=advertised,
                mode=SaleMode.OPEN_AUCTION,
                notice_on=ADVERT_ENDS - timedelta(days=1),
                auction_on=date(2025, 7, 31),
            )
        assert "2 July 2025" in exc.value.message_dict["notice_on"][0]
        advertised.refresh_from_db()
        assert advertised.status == SaleStatus.ADVERTISED
        assert last_deadline(case, "sale_advertisement").is_open

    def test_announced_at_least_ten_working_days_ahead(self, case, advertised, cast, auction_on):
        with override("en"), pytest.raises(ApplicationError) as exc:
            auction_announce(
                actor=cast.officer,
                sale=advertised,
                mode=SaleMode.SEALED_AUCTION,
                notice_on=NOTICE_ON,
                auction_on=auction_on - timedelta(days=1),
            )
        message = exc.value.message_dict["auction_on"][0]
        assert f"{auction_on.day} July 2025" in message
        assert "Art. 36" in message
        sale = auction_announce(
            actor=cast.officer,
            sale=advertised,
            mode=SaleMode.SEALED_AUCTION,
            notice_on=NOTICE_ON,
            auction_on=auction_on,
        )
        sale.refresh_from_db()
        assert (sale.status, sale.mode) == (SaleStatus.SCHEDULED, SaleMode.SEALED_AUCTION)
        assert (sale.notice_on, sale.auction_on) == (NOTICE_ON, auction_on)
        assert last_deadline(case, "sale_advertisement").met_on == ADVERT_ENDS

    def test_only_an_auction_mode_and_only_once(self, advertised, cast, auction_on):
        with pytest.raises(ApplicationError) as exc:
            auction_announce(
                actor=cast.officer,
                sale=advertised,
                mode=SaleMode.OWNER,
                notice_on=NOTICE_ON,
                auction_on=auction_on,
            )
        assert "mode" in exc.value.message_dict
        auction_announce(
            actor=cast.officer,
            sale=advertised,
            mode=SaleMode.CLOSED_CIRCLE,
            notice_on=NOTICE_ON,
            auction_on=auction_on,
        )
        with pytest.raises(ApplicationError):
            auction_announce(
                actor=cast.officer,
                sale=advertised,
                mode=SaleMode.OPEN_AUCTION,
                notice_on=NOTICE_ON,
                auction_on=auction_on,
            )


@pytest.mark.django_db
class TestAuctionResult:
    def test_the_highest_bid_wins_and_its_periods_start(
        self, case, auctioned, cast, calendar, auction_on
    ):
        assert auctioned.status == SaleStatus.DEPOSIT_DUE
        winner = bid_of(auctioned, VIENGSAMAY)
        assert (winner.status, winner.amount, winner.offered_on) == (
            BidStatus.WINNING,
            Decimal("14500000"),
            auction_on,
        )
        assert winner.bidder.id_document_type == IdDocumentType.FAMILY_BOOK
        assert winner.bidder.phone == "020 5555 1234"
        assert {b.bidder.name: b.status for b in auctioned.bids.exclude(pk=winner.pk)} == {
            SOUKSAVANH.name: BidStatus.BID,
            ANOUSONE.name: BidStatus.BID,
        }
        deposit = last_deadline(case, "auction_deposit")
        assert (deposit.started_on, deposit.due_on) == (
            auction_on,
            calendar.add_working_days(auction_on, 3),
        )
        balance = last_deadline(case, "auction_balance")
        assert (balance.started_on, balance.due_on) == (auction_on, auction_on + timedelta(30))
        event = case.events.filter(kind=TimelineKind.SALE).order_by("pk").last()
        assert (event.payload["winner"], event.payload["bids"]) == (VIENGSAMAY.name, 3)

    @pytest.mark.parametrize(
        "bids",
        [
            [],
            [BidData("ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ", IdDocumentType.ID_CARD, "", Decimal("13800000"))],
            [BidData("ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ", "licence", "123", Decimal("13800000"))],
            [SOUKSAVANH, BidData("ນາງ ດາລາ ສີວົງ", "id_card", "01-999", Decimal("13800000"))],
            [SOUKSAVANH, BidData("ນາງ ດາລາ ສີວົງ", "id_card", "01-999", Decimal("0"))],
        ],
    )
    def test_incomplete_or_tied_bids_are_refused_and_nothing_is_saved(
        self, case, scheduled, cast, auction_on, bids
    ):
        with pytest.raises(ApplicationError) as exc:
            auction_result(actor=cast.officer, sale=scheduled, held_on=auction_on, bids=bids)
        assert "bids" in exc.value.message_dict
        assert not Bidder.objects.exists()
        assert not Bid.objects.exists()
        assert not Deadline.objects.filter(case=case, key__startswith="auction_").exists()
        scheduled.refresh_from_db()
        assert scheduled.status == SaleStatus.SCHEDULED

    def test_not_before_the_announced_day(self, scheduled, cast, auction_on):
        with pytest.raises(ApplicationError) as exc:
            auction_result(
                actor=cast.officer,
                sale=scheduled,
                held_on=auction_on - timedelta(days=1),
                bids=[SOUKSAVANH],
            )
        assert "held_on" in exc.value.message_dict
        assert not Bid.objects.exists()


@pytest.mark.django_db
class TestDeposit:
    def test_below_ten_percent_is_refused_with_the_minimum(self, case, auctioned, cast):
        with override("en"), pytest.raises(ApplicationError) as exc:
            auction_deposit(
                actor=cast.officer,
                sale=auctioned,
                on=date(2025, 7, 18),
                amount=Decimal("1449999"),
            )
        message = exc.value.message_dict["amount"][0]
        assert "1,450,000" in message
        assert "10 %" in message
        assert not LedgerEntry.objects.filter(case=case, method=PaymentMethod.DEPOSIT).exists()
        auctioned.refresh_from_db()
        assert auctioned.status == SaleStatus.DEPOSIT_DUE

    def test_exactly_ten_percent_is_received_as_a_deposit(self, case, auctioned, cast):
        bid = auction_deposit(
            actor=cast.officer, sale=auctioned, on=date(2025, 7, 18), amount=Decimal("1450000")
        )
        entry = LedgerEntry.objects.get(case=case, method=PaymentMethod.DEPOSIT)
        assert (entry.kind, entry.amount, entry.currency, entry.on) == (
            EntryKind.PAYMENT,
            Decimal("1450000"),
            "LAK",
            date(2025, 7, 18),
        )
        assert entry.receipt_number is not None
        assert entry.receipt_year == 2025
        bid.refresh_from_db()
        assert bid.deposit == entry
        assert last_deadline(case, "auction_deposit").met_on == date(2025, 7, 18)
        auctioned.refresh_from_db()
        assert auctioned.status == SaleStatus.BALANCE_DUE

    def test_the_minimum_is_rounded_up_to_the_kip(self, scheduled, cast, auction_on):
        bid = BidData("ທ້າວ ສຸກສະຫວັນ ພົມມະຈັນ", "id_card", "01-0123456", Decimal("14500005"))
        sale = auction_result(actor=cast.officer, sale=scheduled, held_on=auction_on, bids=[bid])
        # 10 % of 14,500,005 is 1,450,000.5 kip.
        with pytest.raises(ApplicationError):
            auction_deposit(actor=cast.officer, sale=sale, on=auction_on, amount=Decimal("1450000"))
        auction_deposit(actor=cast.officer, sale=sale, on=auction_on, amount=Decimal("1450001"))

    def test_a_deposit_after_three_working_days_or_above_the_bid_is_refused(
        self, case, auctioned, cast
    ):
        due = last_deadline(case, "auction_deposit").due_on
        with pytest.raises(ApplicationError) as exc:
            auction_deposit(
                actor=cast.officer,
                sale=auctioned,
                on=due + timedelta(days=1),
                amount=Decimal("1450000"),
            )
        assert "on" in exc.value.message_dict
        with pytest.raises(ApplicationError) as exc:
            auction_deposit(actor=cast.officer, sale=auctioned, on=due, amount=Decimal("14500001"))
        assert "amount" in exc.value.message_dict
        assert not LedgerEntry.objects.filter(case=case, method=PaymentMethod.DEPOSIT).exists()


@pytest.mark.django_db
class TestDefault:
    def test_the_next_highest_bidder_is_offered_the_lot(self, case, auctioned, cast, calendar):
        first_due = last_deadline(case, "auction_deposit")
        with override("en"), pytest.raises(ApplicationError) as exc:
            auction_default(actor=cast.officer, sale=auctioned, on=first_due.due_on)
        assert "may still pay" in exc.value.message_dict["on"][0]
        assert bid_of(auctioned, VIENGSAMAY).status == BidStatus.WINNING

        on = first_due.due_on + timedelta(days=1)
        following = auction_default(
            actor=cast.officer, sale=auctioned, on=on, note="ບໍ່ມາຊຳລະເງິນທີ່ຊຳລະກ່ອນ."
        )
        assert following.bidder.name == SOUKSAVANH.name
        following.refresh_from_db()
        assert (following.status, following.offered_on) == (BidStatus.WINNING, on)
        assert bid_of(auctioned, VIENGSAMAY).status == BidStatus.DEFAULTED
        assert bid_of(auctioned, ANOUSONE).status == BidStatus.BID
        auctioned.refresh_from_db()
        assert auctioned.status == SaleStatus.DEPOSIT_DUE
        # The first winner's periods are stopped; the next bidder's run from the default.
        stopped = Deadline.objects.filter(case=case, started_on=first_due.started_on)
        assert {(d.key, d.cancelled_on) for d in stopped.filter(key__startswith="auction_")} == {
            ("auction_deposit", on),
            ("auction_balance", on),
        }
        assert {(d.key, d.due_on) for d in open_deadlines(case, "auction_deposit")} == {
            ("auction_deposit", calendar.add_working_days(on, 3))
        }
        assert [d.due_on for d in open_deadlines(case, "auction_balance")] == [
            on + timedelta(days=30)
        ]
        # The new winner pays 10 % of his own bid.
        with override("en"), pytest.raises(ApplicationError) as exc:
            auction_deposit(actor=cast.officer, sale=auctioned, on=on, amount=Decimal("1379999"))
        assert "1,380,000" in exc.value.message_dict["amount"][0]
        auction_deposit(actor=cast.officer, sale=auctioned, on=on, amount=Decimal("1380000"))

    def test_when_nobody_pays_the_asset_is_unsold_and_goes_to_the_creditor(
        self, case, auctioned, bike, creditor, debtor, cast, calendar
    ):
        with pytest.raises(ApplicationError) as exc:
            asset_hand_over(actor=cast.officer, asset=bike, creditor=creditor, on=date(2025, 7, 18))
        assert "asset" in exc.value.message_dict
        names = []
        for _ in range(3):
            bid = Bid.objects.get(sale=auctioned, status=BidStatus.WINNING)
            names.append(bid.bidder.name)
            on = calendar.add_working_days(bid.offered_on, 3) + timedelta(days=1)
            following = auction_default(actor=cast.officer, sale=auctioned, on=on)
        assert names == [VIENGSAMAY.name, SOUKSAVANH.name, ANOUSONE.name]
        assert following is None
        auctioned.refresh_from_db()
        assert (auctioned.status, auctioned.ended_on) == (SaleStatus.UNSOLD, on)
        assert set(auctioned.bids.values_list("status", flat=True)) == {BidStatus.DEFAULTED}
        assert not open_deadlines(case, "auction_deposit")
        assert not open_deadlines(case, "auction_balance")

        with pytest.raises(ApplicationError) as exc:
            asset_hand_over(actor=cast.officer, asset=bike, creditor=debtor, on=on)
        assert "creditor" in exc.value.message_dict
        asset_hand_over(
            actor=cast.officer,
            asset=bike,
            creditor=creditor,
            on=on,
            note="ເຈົ້າໜີ້ຕົກລົງຮັບເອົາລົດຈັກ ແທນການຊຳລະໜີ້.",
        )
        bike.refresh_from_db()
        auctioned.refresh_from_db()
        assert bike.status == AssetStatus.HANDED_OVER
        assert auctioned.status == SaleStatus.HANDED_OVER
        event = case.events.filter(kind=TimelineKind.SALE).order_by("pk").last()
        assert event.payload["action"] == "handed_over"
        assert event.payload["name"] == creditor.name_lo
        with pytest.raises(ApplicationError):
            asset_hand_over(actor=cast.officer, asset=bike, creditor=creditor, on=on)

    def test_a_winner_who_does_not_pay_the_balance_forfeits_the_deposit(
        self, case, auctioned, cast
    ):
        auction_deposit(
            actor=cast.officer, sale=auctioned, on=date(2025, 7, 18), amount=Decimal("1450000")
        )
        balance_due = last_deadline(case, "auction_balance").due_on
        with pytest.raises(ApplicationError):
            auction_default(actor=cast.officer, sale=auctioned, on=balance_due)
        with pytest.raises(ApplicationError) as exc:
            auction_balance(actor=cast.officer, sale=auctioned, on=balance_due + timedelta(1))
        assert "on" in exc.value.message_dict
        following = auction_default(
            actor=cast.officer, sale=auctioned, on=balance_due + timedelta(days=1)
        )
        assert following.bidder.name == SOUKSAVANH.name
        # The deposit stays in the case.
        assert received(case, PaymentMethod.DEPOSIT) == Decimal("1450000")
        event = case.events.filter(kind=TimelineKind.SALE).order_by("pk").last()
        assert event.payload["forfeited"] == "1450000.00"

    def test_a_default_in_one_sale_leaves_another_sale_of_the_case_alone(
        self, case, auctioned, add_asset, cast, calendar, auction_on
    ):
        land = add_asset(AssetKind.LAND)
        agree_value(cast, land)
        land_sale = sale_advertise(actor=cast.officer, asset=land, on=ADVERTISED_ON)
        land_day = auction_on + timedelta(days=1)
        auction_announce(
            actor=cast.officer,
            sale=land_sale,
            mode=SaleMode.OPEN_AUCTION,
            notice_on=NOTICE_ON,
            auction_on=land_day,
        )
        auction_result(
            actor=cast.officer,
            sale=land_sale,
            held_on=land_day,
            bids=[BidData("ນາງ ດາລາ ສີວົງ", "id_card", "01-0999888", Decimal("13000000"))],
        )
        # The bike's winner does not pay her deposit; the land's winner is not concerned.
        default_on = calendar.add_working_days(auction_on, 3) + timedelta(days=1)
        auction_default(actor=cast.officer, sale=auctioned, on=default_on)
        land_periods = Deadline.objects.filter(
            case=case, key__in=["auction_deposit", "auction_balance"], started_on=land_day
        )
        assert land_periods.count() == 2
        assert all(d.is_open for d in land_periods)


@pytest.mark.django_db
class TestBalance:
    def test_the_rest_of_the_price_is_received_and_the_asset_is_sold(
        self, case, auctioned, bike, cast
    ):
        auction_deposit(
            actor=cast.officer, sale=auctioned, on=date(2025, 7, 18), amount=Decimal("1450000")
        )
        bid = auction_balance(actor=cast.officer, sale=auctioned, on=date(2025, 8, 8))
        bid.refresh_from_db()
        assert bid.status == BidStatus.PAID
        entry = LedgerEntry.objects.get(case=case, method=PaymentMethod.SALE_PROCEEDS)
        assert bid.balance == entry
        assert (entry.kind, entry.amount, entry.on) == (
            EntryKind.PAYMENT,
            Decimal("13050000"),
            date(2025, 8, 8),
        )
        assert entry.receipt_number is not None
        assert received(case, PaymentMethod.DEPOSIT, PaymentMethod.SALE_PROCEEDS) == Decimal(
            "14500000"
        )
        auctioned.refresh_from_db()
        bike.refresh_from_db()
        assert (auctioned.status, auctioned.ended_on) == (SaleStatus.COMPLETED, date(2025, 8, 8))
        assert bike.status == AssetStatus.SOLD
        assert last_deadline(case, "auction_balance").met_on == date(2025, 8, 8)
        with pytest.raises(ApplicationError):
            auction_balance(actor=cast.officer, sale=auctioned, on=date(2025, 8, 9))

    def test_no_balance_before_the_deposit(self, case, auctioned, cast):
        with pytest.raises(ApplicationError):
            auction_balance(actor=cast.officer, sale=auctioned, on=date(2025, 7, 18))
        assert not LedgerEntry.objects.filter(case=case, method=PaymentMethod.SALE_PROCEEDS)

    def test_the_buyer_pays_the_price_even_when_it_exceeds_the_debt(
        self, case, add_asset, cast, calendar
    ):
        # Land worth far more than the 15.000.000 ກີບ owed: the surplus is the debtor's
        # (Art. 38), but the buyer pays exactly the price bid.
        land = add_asset(AssetKind.LAND)
        agree_value(cast, land, value=Decimal("180000000"))
        sale = sale_advertise(actor=cast.officer, asset=land, on=ADVERTISED_ON)
        auction_on = calendar.add_working_days(NOTICE_ON, 10)
        auction_announce(
            actor=cast.officer,
            sale=sale,
            mode=SaleMode.OPEN_AUCTION,
            notice_on=NOTICE_ON,
            auction_on=auction_on,
        )
        buyer = BidData(
            "ບໍລິສັດ ພັດທະນາທີ່ດິນ ວຽງຈັນ ຈຳກັດ",
            IdDocumentType.ENTERPRISE,
            "01-00012345",
            Decimal("200000000"),
        )
        auction_result(actor=cast.officer, sale=sale, held_on=auction_on, bids=[buyer])
        auction_deposit(actor=cast.officer, sale=sale, on=auction_on, amount=Decimal("20000000"))
        auction_balance(actor=cast.officer, sale=sale, on=auction_on + timedelta(days=10))
        assert received(case, PaymentMethod.DEPOSIT) == Decimal("20000000")
        assert received(case, PaymentMethod.DEPOSIT, PaymentMethod.SALE_PROCEEDS) == Decimal(
            "200000000"
        )


@pytest.mark.django_db
class TestUrgentSale:
    def test_perishable_goods_are_sold_at_once(self, case, add_asset, cast):
        mangoes = add_asset(AssetKind.MOVABLE, description="ໝາກມ່ວງ ອົກຮ່ອງ 2 ໂຕນ")
        sale = urgent_sale(
            actor=cast.officer,
            asset=mangoes,
            on=date(2025, 5, 6),
            price=Decimal("8000000"),
            currency="LAK",
            reason="ໝາກມ່ວງສຸກ ຈະເນົ່າເສຍພາຍໃນ 3 ວັນ.",
        )
        assert (sale.mode, sale.status) == (SaleMode.URGENT, SaleStatus.COMPLETED)
        mangoes.refresh_from_db()
        assert mangoes.status == AssetStatus.SOLD
        assert received(case, PaymentMethod.SALE_PROCEEDS) == Decimal("8000000")
        with pytest.raises(ApplicationError):
            urgent_sale(
                actor=cast.officer,
                asset=mangoes,
                on=date(2025, 5, 6),
                price=Decimal("8000000"),
                currency="LAK",
                reason="ຂາຍອີກ",
            )
