"""Selling an asset (Art. 35–38, 62): the owner's own sale, advertisement, closed-circle sale
or public auction, the winner's deposit and balance, the next bidder, handover to the creditor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_UP, Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from ejcms.cases.choices import IdDocumentType, PartyRole, TimelineKind
from ejcms.cases.models import Deadline, EnforcementCase, Party
from ejcms.cases.rules import legal_rule
from ejcms.cases.services.deadlines import (
    case_calendar,
    deadline_of,
    deadline_open,
    deadlines_meet,
)
from ejcms.core.audit import changes, row_key, snapshot
from ejcms.core.errors import ApplicationError
from ejcms.core.formatting import format_date
from ejcms.core.money import currency_decimals, format_money, plain_number
from ejcms.finance.choices import PaymentMethod
from ejcms.finance.services import PaymentData, payment_record
from ejcms.measures.choices import (
    AUCTION_MODES,
    SALEABLE,
    AssetStatus,
    BidStatus,
    MeasureKind,
    MeasureStatus,
    SaleMode,
    SaleStatus,
)
from ejcms.measures.models import Asset, Bid, Bidder, Measure, Sale
from ejcms.measures.services.common import (
    check_date,
    check_money,
    check_not_before,
    check_party,
    lock_case,
    record,
    set_status,
    start_limit,
)
from ejcms.measures.services.valuation import valuation_is_final

# What each step of a sale changes on the sale or the bid (the audit keeps before and after).
OWNER_SOLD = ("status", "ended_on", "reserve_price", "currency")
ENDED = ("status", "ended_on")
ANNOUNCED = ("mode", "notice_on", "auction_on", "status")
OFFERED = ("status", "offered_on")
DEPOSIT = ("deposit", "deposit_amount")
PAID = ("balance", "status")

OPEN_SALE = [
    SaleStatus.OWNER_SELLING,
    SaleStatus.ADVERTISED,
    SaleStatus.SCHEDULED,
    SaleStatus.DEPOSIT_DUE,
    SaleStatus.BALANCE_DUE,
]


def _asset(actor: User, asset: Asset) -> tuple[EnforcementCase, Asset]:
    case = lock_case(actor, asset.case_id)
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    if asset.kind not in SALEABLE:
        raise ApplicationError({"asset": _("Only property is sold; money is collected.")})
    if asset.status in (AssetStatus.SOLD, AssetStatus.HANDED_OVER, AssetStatus.RELEASED):
        raise ApplicationError(
            {
                "asset": _("This asset is “%(status)s”.")
                % {"status": AssetStatus(asset.status).label}
            }
        )
    return case, asset


def _sale(actor: User, sale: Sale) -> tuple[EnforcementCase, Sale]:
    s = Sale.objects.select_related("asset").get(pk=sale.pk)
    case = lock_case(actor, s.asset.case_id)
    return case, Sale.objects.select_for_update().select_related("asset").get(pk=s.pk)


def _final_value(asset: Asset, on: date) -> tuple[Decimal, str] | None:
    """The value of the latest valuation that was final on `on`."""
    for valuation in asset.valuations.filter(valued_on__lte=on).order_by("-pk"):
        if valuation.value is not None and valuation_is_final(valuation, on):
            return valuation.value, valuation.currency
    return None


def _no_open_sale(asset: Asset) -> None:
    if asset.sales.filter(status__in=OPEN_SALE).exists():
        raise ApplicationError({"asset": _("A sale of this asset is already under way.")})


@transaction.atomic
def owner_sale_allow(*, actor: User, asset: Asset, on: date) -> Sale:
    """Let the owner sell the asset himself: 30 days before valuation, 45 days after (Art. 35)."""
    case, asset = _asset(actor, asset)
    _no_open_sale(asset)
    check_date(on)
    key = "owner_sale_after_valuation" if _final_value(asset, on) else "owner_sale_before_valuation"
    sale = Sale.objects.create(
        asset=asset,
        mode=SaleMode.OWNER,
        status=SaleStatus.OWNER_SELLING,
        started_on=on,
        created_by=actor,
        modified_by=actor,
    )
    deadline = start_limit(case, key, on, f"sale:{sale.pk}")
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="owner",
        obj=sale,
        asset=asset.pk,
        description=asset.description,
        until=deadline.due_on,
    )
    return sale


@transaction.atomic
def owner_sale_completed(
    *,
    actor: User,
    sale: Sale,
    on: date,
    price: Decimal,
    currency: str,
    idempotency_key: uuid.UUID | None = None,
) -> Sale:
    """The owner sold the asset himself and the proceeds were handed to the office (Art. 35)."""
    case, sale = _sale(actor, sale)
    if sale.mode != SaleMode.OWNER or sale.status != SaleStatus.OWNER_SELLING:
        raise ApplicationError(_("The owner is not selling this asset."))
    check_date(on)
    check_not_before(on, sale.started_on)
    check_money(price, currency, "price")
    payment_record(
        actor=actor,
        case=case,
        idempotency_key=idempotency_key,
        data=PaymentData(
            amount=price,
            currency=currency,
            method=PaymentMethod.SALE_PROCEEDS,
            on=on,
            accept_overpayment=True,
            note=_("Sold by the owner"),
        ),
    )
    deadlines_meet(
        case,
        ["owner_sale_before_valuation", "owner_sale_after_valuation"],
        on=on,
        ref=f"sale:{sale.pk}",
    )
    before = snapshot(sale, OWNER_SOLD)
    sale.status, sale.ended_on, sale.reserve_price, sale.currency = (
        SaleStatus.COMPLETED,
        on,
        price,
        currency,
    )
    sale.save()
    changed = changes(before, snapshot(sale, OWNER_SOLD))
    changed |= set_status(sale.asset, AssetStatus.SOLD, prefix="asset")
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="owner_sold",
        obj=sale,
        changes=changed,
        asset=sale.asset_id,
        description=sale.asset.description,
        price=price,
        currency=currency,
    )
    return sale


@transaction.atomic
def sale_advertise(*, actor: User, asset: Asset, on: date) -> Sale:
    """Advertise the sale publicly for 30 days (Art. 35), at the final valuation."""
    case, asset = _asset(actor, asset)
    check_date(on)
    owner_sale = asset.sales.filter(status=SaleStatus.OWNER_SELLING).first()
    changed: dict[str, list[Any]] = {}
    if owner_sale is not None:
        period = (
            Deadline.objects.filter(
                case=case, key__startswith="owner_sale_", ref=f"sale:{owner_sale.pk}"
            )
            .order_by("-pk")
            .first()
        )
        if period is not None and on <= period.due_on:
            raise ApplicationError(
                {
                    "on": _("The owner may sell the asset himself until %(date)s (Art. 35).")
                    % {"date": format_date(period.due_on)}
                }
            )
        before = snapshot(owner_sale, ENDED)
        owner_sale.status, owner_sale.ended_on = SaleStatus.UNSOLD, on
        owner_sale.save(update_fields=["status", "ended_on", "modified_at"])
        changed |= changes(before, snapshot(owner_sale, ENDED), prefix=row_key(owner_sale))
        deadlines_meet(
            case,
            ["owner_sale_before_valuation", "owner_sale_after_valuation"],
            on=on,
            ref=f"sale:{owner_sale.pk}",
        )
    _no_open_sale(asset)
    value = _final_value(asset, on)
    if value is None:
        raise ApplicationError(
            {
                "asset": _(
                    "The asset has no final valuation yet: value it, notify the result and let the "
                    "objection period pass (Art. 31–32)."
                )
            }
        )
    sale = Sale.objects.create(
        asset=asset,
        mode=SaleMode.OPEN_AUCTION,
        status=SaleStatus.ADVERTISED,
        started_on=on,
        reserve_price=value[0],
        currency=value[1],
        created_by=actor,
        modified_by=actor,
    )
    changed |= set_status(asset, AssetStatus.FOR_SALE, prefix="asset")
    start_limit(case, "sale_advertisement", on, f"sale:{sale.pk}")
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="advertised",
        obj=sale,
        changes=changed,
        asset=asset.pk,
        description=asset.description,
        price=value[0],
        currency=value[1],
    )
    return sale


@transaction.atomic
def auction_announce(
    *, actor: User, sale: Sale, mode: str, notice_on: date, auction_on: date
) -> Sale:
    """After the 30 days of advertisement, announce a closed-circle sale or an auction at least
    10 WD ahead (Art. 36)."""
    case, sale = _sale(actor, sale)
    if sale.status != SaleStatus.ADVERTISED:
        raise ApplicationError(_("Only an advertised sale can be announced for auction."))
    if mode not in AUCTION_MODES:
        raise ApplicationError({"mode": _("Choose a closed-circle sale or an auction.")})
    check_date(notice_on, "notice_on")
    advert = deadline_of(case, "sale_advertisement", f"sale:{sale.pk}")
    if advert is not None and notice_on < advert.due_on:
        raise ApplicationError(
            {
                "notice_on": _("The sale is advertised for 30 days, until %(date)s (Art. 35).")
                % {"date": format_date(advert.due_on)}
            }
        )
    rule = legal_rule("auction_notice", notice_on)
    earliest = case_calendar(case).add_working_days(notice_on, rule.days)
    if auction_on < earliest:
        raise ApplicationError(
            {
                "auction_on": _(
                    "The auction must be announced at least %(days)s working days ahead "
                    "(Art. %(article)s): the earliest day is %(date)s."
                )
                % {"days": rule.days, "article": rule.article, "date": format_date(earliest)}
            }
        )
    if advert is not None:
        deadlines_meet(case, ["sale_advertisement"], on=advert.due_on, ref=f"sale:{sale.pk}")
    before = snapshot(sale, ANNOUNCED)
    sale.mode, sale.notice_on, sale.auction_on = mode, notice_on, auction_on
    sale.status = SaleStatus.SCHEDULED
    sale.save()
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=notice_on,
        action="announced",
        obj=sale,
        changes=changes(before, snapshot(sale, ANNOUNCED)),
        asset=sale.asset_id,
        mode=mode,
        auction_on=auction_on,
    )
    return sale


@dataclass(frozen=True)
class BidData:
    name: str
    id_document_type: str
    id_document_number: str
    amount: Decimal
    phone: str = ""


def _offer(case: EnforcementCase, bid: Bid, on: date) -> dict[str, list[Any]]:
    """Offer the lot to a bidder: the deposit (3 WD) and balance (30 days) periods start.
    Returns the change of the bid, for the audit."""
    before = snapshot(bid, OFFERED)
    bid.status, bid.offered_on = BidStatus.WINNING, on
    bid.save(update_fields=["status", "offered_on"])
    start_limit(case, "auction_deposit", on, f"bid:{bid.pk}")
    start_limit(case, "auction_balance", on, f"bid:{bid.pk}")
    return changes(before, snapshot(bid, OFFERED), prefix=row_key(bid))


@transaction.atomic
def auction_result(*, actor: User, sale: Sale, held_on: date, bids: list[BidData]) -> Sale:
    """Record the bidders (with their identity documents) and their bids; the highest wins."""
    case, sale = _sale(actor, sale)
    if sale.status != SaleStatus.SCHEDULED:
        raise ApplicationError(_("This sale has no auction waiting for its result."))
    check_date(held_on, "held_on")
    assert sale.auction_on is not None
    check_not_before(held_on, sale.auction_on, "held_on")
    valid = [b for b in bids if b.name.strip()]
    if not valid:
        raise ApplicationError({"bids": _("Record at least one bidder and bid.")})
    for index, bid in enumerate(valid, start=1):
        if bid.id_document_type not in IdDocumentType.values or not bid.id_document_number:
            raise ApplicationError(
                {"bids": _("Bidder %(n)s: give the identity document.") % {"n": index}}
            )
        check_money(bid.amount, sale.currency, "bids")
        if sale.reserve_price is not None and bid.amount < sale.reserve_price:
            raise ApplicationError(
                {
                    "bids": _("Bid %(n)s is below the starting price of %(price)s (Art. 36).")
                    % {"n": index, "price": format_money(sale.reserve_price, sale.currency)}
                }
            )
    amounts = sorted((b.amount for b in valid), reverse=True)
    if len(amounts) > 1 and amounts[0] == amounts[1]:
        raise ApplicationError(
            {"bids": _("Two bids are equal and highest: record the bid that broke the tie.")}
        )
    rows = []
    for data in valid:
        bidder = Bidder.objects.create(
            sale=sale,
            name=data.name.strip(),
            id_document_type=data.id_document_type,
            id_document_number=data.id_document_number.strip(),
            phone=data.phone.strip(),
        )
        rows.append(Bid.objects.create(sale=sale, bidder=bidder, amount=data.amount))
    winner = max(rows, key=lambda b: b.amount)
    _offer(case, winner, held_on)  # a bid of this act: recorded in the payload
    changed = set_status(sale, SaleStatus.DEPOSIT_DUE)
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=held_on,
        action="auctioned",
        obj=sale,
        changes=changed,
        asset=sale.asset_id,
        bids=len(rows),
        winner=winner.bidder.name,
        price=winner.amount,
        currency=sale.currency,
    )
    return sale


def winning_bid(sale: Sale) -> Bid | None:
    return sale.bids.select_related("bidder").filter(status=BidStatus.WINNING).first()


def deposit_minimum(bid: Bid, on: date, currency: str) -> Decimal:
    rate = legal_rule("auction_deposit_rate", on).value
    unit = Decimal(1).scaleb(-currency_decimals(currency))
    return (bid.amount * rate / 100).quantize(unit, rounding=ROUND_UP)


@transaction.atomic
def auction_deposit(
    *,
    actor: User,
    sale: Sale,
    on: date,
    amount: Decimal,
    idempotency_key: uuid.UUID | None = None,
) -> Bid:
    """The winner pays at least 10 % of the bid within 3 WD of the auction (Art. 36)."""
    case, sale = _sale(actor, sale)
    bid = winning_bid(sale)
    if sale.status != SaleStatus.DEPOSIT_DUE or bid is None:
        raise ApplicationError(_("No deposit is due in this sale."))
    check_date(on)
    assert bid.offered_on is not None
    check_not_before(on, bid.offered_on)
    check_money(amount, sale.currency)
    minimum = deposit_minimum(bid, on, sale.currency)
    if amount < minimum:
        raise ApplicationError(
            {
                "amount": _(
                    "The deposit is at least %(rate)s %% of the bid: %(minimum)s (Art. 36)."
                )
                % {
                    "rate": plain_number(legal_rule("auction_deposit_rate", on).value),
                    "minimum": format_money(minimum, sale.currency),
                }
            }
        )
    if amount > bid.amount:
        raise ApplicationError({"amount": _("The deposit cannot exceed the bid.")})
    period = deadline_open(case, "auction_deposit", f"bid:{bid.pk}")
    if period is not None and on > period.due_on:
        raise ApplicationError(
            {
                "on": _(
                    "The deposit was due by %(date)s (Art. 36): record that the winner "
                    "defaulted, and the lot goes to the next-highest bidder."
                )
                % {"date": format_date(period.due_on)}
            }
        )
    before = snapshot(bid, DEPOSIT)
    bid.deposit = payment_record(
        actor=actor,
        case=case,
        idempotency_key=idempotency_key,
        data=PaymentData(
            amount=amount,
            currency=sale.currency,
            method=PaymentMethod.DEPOSIT,
            on=on,
            accept_overpayment=True,
            note=_("Auction deposit of %(name)s") % {"name": bid.bidder.name},
        ),
    )
    # The whole deposit counts towards the price, even the part beyond the debt (a surplus).
    bid.deposit_amount = amount
    bid.save(update_fields=["deposit", "deposit_amount"])
    changed = changes(before, snapshot(bid, DEPOSIT), prefix=row_key(bid))
    deadlines_meet(case, ["auction_deposit"], on=on, ref=f"bid:{bid.pk}")
    changed |= set_status(sale, SaleStatus.BALANCE_DUE)
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="deposit",
        obj=sale,
        changes=changed,
        asset=sale.asset_id,
        amount=amount,
        currency=sale.currency,
        name=bid.bidder.name,
    )
    return bid


@transaction.atomic
def auction_balance(
    *,
    actor: User,
    sale: Sale,
    on: date,
    idempotency_key: uuid.UUID | None = None,
) -> Bid:
    """The winner pays the rest of the price within 30 days (Art. 36); the asset is sold and
    the proceeds pay the debt (a surplus is the debtor's, Art. 38)."""
    case, sale = _sale(actor, sale)
    bid = winning_bid(sale)
    if sale.status != SaleStatus.BALANCE_DUE or bid is None or bid.deposit is None:
        raise ApplicationError(_("No balance is due in this sale."))
    check_date(on)
    check_not_before(on, bid.deposit.on)
    period = deadline_open(case, "auction_balance", f"bid:{bid.pk}")
    if period is not None and on > period.due_on:
        raise ApplicationError(
            {
                "on": _(
                    "The balance was due by %(date)s (Art. 36): record that the winner defaulted."
                )
                % {"date": format_date(period.due_on)}
            }
        )
    rest = bid.amount - (bid.deposit_amount or Decimal(0))
    before_bid, before = snapshot(bid, PAID), snapshot(sale, ENDED)
    bid.balance = payment_record(
        actor=actor,
        case=case,
        idempotency_key=idempotency_key,
        data=PaymentData(
            amount=rest,
            currency=sale.currency,
            method=PaymentMethod.SALE_PROCEEDS,
            on=on,
            accept_overpayment=True,
            note=_("Balance of the price paid by %(name)s") % {"name": bid.bidder.name},
        ),
    )
    bid.status = BidStatus.PAID
    bid.save(update_fields=["balance", "status"])
    deadlines_meet(case, ["auction_balance"], on=on, ref=f"bid:{bid.pk}")
    sale.status, sale.ended_on = SaleStatus.COMPLETED, on
    sale.save(update_fields=["status", "ended_on", "modified_at"])
    changed = changes(before, snapshot(sale, ENDED))
    changed |= changes(before_bid, snapshot(bid, PAID), prefix=row_key(bid))
    changed |= set_status(sale.asset, AssetStatus.SOLD, prefix="asset")
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="sold",
        obj=sale,
        changes=changed,
        asset=sale.asset_id,
        price=bid.amount,
        currency=sale.currency,
        name=bid.bidder.name,
    )
    return bid


@transaction.atomic
def auction_default(*, actor: User, sale: Sale, on: date, note: str = "") -> Bid | None:
    """The winner did not pay the deposit within 3 WD or the balance within 30 days: what was
    paid is forfeited (it stays in the case) and the next-highest bidder is offered the lot
    (Art. 36). Returns the new winning bid, or None when no bidder is left."""
    case, sale = _sale(actor, sale)
    bid = winning_bid(sale)
    if sale.status not in (SaleStatus.DEPOSIT_DUE, SaleStatus.BALANCE_DUE) or bid is None:
        raise ApplicationError(_("No payment is awaited from a winning bidder."))
    check_date(on)
    key = "auction_deposit" if sale.status == SaleStatus.DEPOSIT_DUE else "auction_balance"
    period = deadline_open(case, key, f"bid:{bid.pk}")
    if period is not None and on <= period.due_on:
        raise ApplicationError(
            {
                "on": _("The winner may still pay until %(date)s (Art. 36).")
                % {"date": format_date(period.due_on)}
            }
        )
    before_sale, before_bid = snapshot(sale, ENDED), snapshot(bid, ["status"])
    bid.status = BidStatus.DEFAULTED
    bid.save(update_fields=["status"])
    changed = changes(before_bid, snapshot(bid, ["status"]), prefix=row_key(bid))
    Deadline.objects.filter(
        case=case,
        key__in=["auction_deposit", "auction_balance"],
        ref=f"bid:{bid.pk}",
        met_on__isnull=True,
        cancelled_on__isnull=True,
    ).update(cancelled_on=on)
    following = (
        sale.bids.select_related("bidder")
        .filter(status=BidStatus.BID)
        .order_by("-amount", "pk")
        .first()
    )
    if following is not None:
        changed |= _offer(case, following, on)
        sale.status = SaleStatus.DEPOSIT_DUE
    else:
        sale.status, sale.ended_on = SaleStatus.UNSOLD, on
    sale.save(update_fields=["status", "ended_on", "modified_at"])
    changed = changes(before_sale, snapshot(sale, ENDED)) | changed
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="defaulted",
        obj=sale,
        changes=changed,
        note=note.strip(),
        asset=sale.asset_id,
        name=bid.bidder.name,
        forfeited=bid.deposit_amount or Decimal(0),
        currency=sale.currency,
        next=following.bidder.name if following else "",
    )
    return following


@transaction.atomic
def asset_hand_over(
    *, actor: User, asset: Asset, creditor: Party, on: date, note: str = ""
) -> Asset:
    """An advertised asset that found no buyer may be handed to the creditor (Art. 38)."""
    case, asset = _asset(actor, asset)
    check_party(case, creditor, "creditor")
    if not case.case_parties.filter(party=creditor, role=PartyRole.CREDITOR).exists():
        raise ApplicationError({"creditor": _("Choose a creditor of this case.")})
    check_date(on)
    unsold = asset.sales.filter(status=SaleStatus.UNSOLD).exclude(mode=SaleMode.OWNER).first()
    if unsold is None:
        raise ApplicationError(
            {
                "asset": _(
                    "Only an asset that was offered for sale and found no buyer is handed to the "
                    "creditor (Art. 38)."
                )
            }
        )
    changed = set_status(asset, AssetStatus.HANDED_OVER)
    changed |= set_status(unsold, SaleStatus.HANDED_OVER, prefix=row_key(unsold))
    record(
        case,
        TimelineKind.SALE,
        actor=actor,
        on=on,
        action="handed_over",
        obj=asset,
        changes=changed,
        note=note.strip(),
        asset=asset.pk,
        description=asset.description,
        name=creditor.name_lo,
    )
    return asset


@transaction.atomic
def urgent_sale(
    *,
    actor: User,
    asset: Asset,
    on: date,
    price: Decimal,
    currency: str,
    reason: str,
    idempotency_key: uuid.UUID | None = None,
) -> Sale:
    """Sell perishable goods at once, before they spoil (Art. 62); the proceeds are received."""
    case, asset = _asset(actor, asset)
    _no_open_sale(asset)
    check_date(on)
    check_money(price, currency, "price")
    if not reason.strip():
        raise ApplicationError({"note": _("Say why the goods cannot wait.")})
    measure = Measure.objects.create(
        case=case,
        asset=asset,
        kind=MeasureKind.URGENT_SALE,
        status=MeasureStatus.DONE,
        ordered_on=on,
        done_on=on,
        amount=price,
        currency=currency,
        note=reason.strip(),
        created_by=actor,
        modified_by=actor,
    )
    sale = Sale.objects.create(
        asset=asset,
        mode=SaleMode.URGENT,
        status=SaleStatus.COMPLETED,
        started_on=on,
        ended_on=on,
        reserve_price=price,
        currency=currency,
        created_by=actor,
        modified_by=actor,
    )
    payment_record(
        actor=actor,
        case=case,
        idempotency_key=idempotency_key,
        data=PaymentData(
            amount=price,
            currency=currency,
            method=PaymentMethod.SALE_PROCEEDS,
            on=on,
            accept_overpayment=True,
        ),
    )
    sold = set_status(asset, AssetStatus.SOLD, prefix="asset")
    record(
        case,
        TimelineKind.MEASURE,
        actor=actor,
        on=on,
        action="done",
        obj=measure,
        changes=sold,
        note=reason.strip(),
        kind=measure.kind,
        price=price,
        currency=currency,
    )
    return sale
