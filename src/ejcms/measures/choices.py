"""The closed lists of assets, measures, valuation and sale (Art. 24–62)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssetKind(models.TextChoices):
    LAND = "land", _("Land")
    BUILDING = "building", _("Building")
    VEHICLE = "vehicle", _("Vehicle")
    BANK_ACCOUNT = "bank_account", _("Bank account")
    WAGES = "wages", _("Wages and salary")
    BUSINESS_INCOME = "business_income", _("Business income")
    RECEIVABLE = "receivable", _("Money a third party owes or holds")
    MOVABLE = "movable", _("Other movable property")


IMMOVABLE = frozenset({AssetKind.LAND, AssetKind.BUILDING})
# Freezing (ອາຍັດ) is for bank accounts and immovable property (Art. 56).
FREEZABLE = IMMOVABLE | {AssetKind.BANK_ACCOUNT}
# Seizure (ຍຶດ) takes movables into custody (Art. 55).
SEIZABLE = frozenset({AssetKind.VEHICLE, AssetKind.MOVABLE})
# What can be valued and sold.
SALEABLE = IMMOVABLE | SEIZABLE


class AssetStatus(models.TextChoices):
    DECLARED = "declared", _("Declared")
    FOUND = "found", _("Found")
    FROZEN = "frozen", _("Frozen")
    SEIZED = "seized", _("Seized")
    VALUED = "valued", _("Valued")
    FOR_SALE = "for_sale", _("Offered for sale")
    SOLD = "sold", _("Sold")
    HANDED_OVER = "handed_over", _("Handed to the creditor")
    RELEASED = "released", _("Released")


class DeclaredBy(models.TextChoices):
    CREDITOR = "creditor", _("Creditor's written information (Art. 24)")
    DEBTOR = "debtor", _("Debtor's declaration")
    INSPECTION = "inspection", _("Found at inspection")
    THIRD_PARTY = "third_party", _("Third party or authority")


class ExemptKind(models.TextChoices):
    """Art. 57: property that may not be seized or frozen."""

    RELIGIOUS = "religious", _("Religious objects")
    FOOD_MEDICINE = "food_medicine", _("Daily food and medicine")
    HOUSEHOLD = "household", _("Household items in daily use")
    WORK_TOOLS = "work_tools", _("Tools needed for the debtor's work")


# The legal rule holding each kind's threshold; food and medicine are exempt whatever they cost.
EXEMPT_THRESHOLD_RULE = {
    ExemptKind.RELIGIOUS: "exempt_religious_max",
    ExemptKind.HOUSEHOLD: "exempt_household_max",
    ExemptKind.WORK_TOOLS: "exempt_work_tools_max",
}


class MeasureKind(models.TextChoices):
    INSPECTION = "inspection", _("Asset inspection and inventory")
    FREEZE = "freeze", _("Freezing order")
    SEIZURE = "seizure", _("Seizure of movables")
    BANK_DEBIT = "bank_debit", _("Debit from a bank account")
    WAGE_DEDUCTION = "wage_deduction", _("Wage deduction")
    INCOME_DEDUCTION = "income_deduction", _("Deduction from business income")
    GARNISHMENT = "garnishment", _("Money held or owed by a third party")
    URGENT_SALE = "urgent_sale", _("Urgent sale of perishable goods")
    SUMMONS = "summons", _("Summons")
    BRING_IN = "bring_in", _("Bringing in with the police")
    EVICTION = "eviction", _("Eviction")


MEASURE_ARTICLE = {
    MeasureKind.INSPECTION: "24",
    MeasureKind.FREEZE: "56",
    MeasureKind.SEIZURE: "55",
    MeasureKind.BANK_DEBIT: "58",
    MeasureKind.WAGE_DEDUCTION: "59",
    MeasureKind.INCOME_DEDUCTION: "60",
    MeasureKind.GARNISHMENT: "61",
    MeasureKind.URGENT_SALE: "62",
    MeasureKind.SUMMONS: "54",
    MeasureKind.BRING_IN: "54",
    MeasureKind.EVICTION: "33",
}


class MeasureStatus(models.TextChoices):
    ORDERED = "ordered", _("Ordered")
    DONE = "done", _("Carried out")
    IGNORED = "ignored", _("Ignored")
    RELEASED = "released", _("Released")
    ENDED = "ended", _("Ended")


class RateBasis(models.TextChoices):
    LAW = "law", _("Within the legal limit")
    AGREEMENT = "agreement", _("Agreed by the parties")
    COURT = "court", _("Decided by the court")


class ValuationMethod(models.TextChoices):
    AGREEMENT = "agreement", _("Agreed by the parties")
    EXPERT = "expert", _("By an expert chosen by the parties")
    COMMITTEE = "committee", _("By a valuation committee")


class ValuationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    VALUED = "valued", _("Valued")
    NOTIFIED = "notified", _("Result notified")
    FINAL = "final", _("Final")
    SET_ASIDE = "set_aside", _("Set aside: to be valued again")


class Level(models.TextChoices):
    """Where an objection to a valuation is decided: one level above (Art. 32)."""

    DISTRICT = "district", _("District office")
    PROVINCE = "province", _("Provincial division")
    DEJ = "dej", _("Department of Enforcement of Judgments")
    MINISTER = "minister", _("Minister of Justice")


LEVEL_CHAIN = [Level.DISTRICT, Level.PROVINCE, Level.DEJ, Level.MINISTER]


class SaleMode(models.TextChoices):
    OWNER = "owner", _("Sale by the owner")
    CLOSED_CIRCLE = "closed_circle", _("Closed-circle sale")
    OPEN_AUCTION = "open_auction", _("Public auction, open bids")
    SEALED_AUCTION = "sealed_auction", _("Public auction, sealed bids")
    URGENT = "urgent", _("Urgent sale")


AUCTION_MODES = frozenset({SaleMode.CLOSED_CIRCLE, SaleMode.OPEN_AUCTION, SaleMode.SEALED_AUCTION})


class SaleStatus(models.TextChoices):
    OWNER_SELLING = "owner_selling", _("Owner is selling")
    ADVERTISED = "advertised", _("Advertised")
    SCHEDULED = "scheduled", _("Auction announced")
    DEPOSIT_DUE = "deposit_due", _("Deposit due")
    BALANCE_DUE = "balance_due", _("Balance due")
    COMPLETED = "completed", _("Sold")
    UNSOLD = "unsold", _("Not sold")
    HANDED_OVER = "handed_over", _("Handed to the creditor")


class BidStatus(models.TextChoices):
    BID = "bid", _("Bid")
    WINNING = "winning", _("Winning")
    DEFAULTED = "defaulted", _("Defaulted: deposit forfeited")
    PAID = "paid", _("Paid in full")
