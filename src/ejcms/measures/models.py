"""Assets of a case and what is done with them: measures, valuation, sale."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ejcms.cases.choices import IdDocumentType
from ejcms.cases.models import EnforcementCase, Party
from ejcms.core.models import BaseModel
from ejcms.core.money import DECIMAL_PLACES, MAX_DIGITS
from ejcms.finance.models import LedgerEntry
from ejcms.measures.choices import (
    AssetKind,
    AssetStatus,
    BidStatus,
    DeclaredBy,
    ExemptKind,
    Level,
    MeasureKind,
    MeasureStatus,
    RateBasis,
    SaleMode,
    SaleStatus,
    ValuationMethod,
    ValuationStatus,
)
from ejcms.org.models import Village


def _money(verbose: Any, *, null: bool = False) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        verbose, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=null, blank=null
    )


class Asset(BaseModel):
    """Property or income of the debtor (or of another owner) that may answer for the debt."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="assets")
    kind = models.CharField(_("kind of asset"), max_length=16, choices=AssetKind.choices)
    owner = models.ForeignKey(
        Party, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="assets"
    )
    description = models.CharField(_("description"), max_length=300)
    title_number = models.CharField(_("land title number"), max_length=64, blank=True)
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    village = models.ForeignKey(
        Village, verbose_name=_("village"), on_delete=models.PROTECT, null=True, blank=True
    )
    plate = models.CharField(_("number plate"), max_length=32, blank=True)
    chassis = models.CharField(_("chassis number"), max_length=64, blank=True)
    bank = models.CharField(_("bank"), max_length=120, blank=True)
    branch = models.CharField(_("branch"), max_length=120, blank=True)
    account_number = models.CharField(_("account number"), max_length=64, blank=True)
    # Employer, business, or the third party who owes or holds the money.
    payer_name = models.CharField(
        _("employer, business or third party"), max_length=200, blank=True
    )
    estimated_value = _money(_("estimated value"), null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AssetStatus.choices, default=AssetStatus.DECLARED
    )
    declared_by = models.CharField(_("declared by"), max_length=12, choices=DeclaredBy.choices)
    declared_on = models.DateField(_("declared on"))
    evidence = models.FileField(_("evidence"), upload_to="evidence/%Y/%m/", blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        indexes = [
            models.Index(fields=["title_number"]),
            models.Index(fields=["plate"]),
            models.Index(fields=["account_number"]),
        ]

    def __str__(self) -> str:
        return self.description


class Measure(BaseModel):
    """An enforcement measure ordered in a case, with its dates and legal basis."""

    case = models.ForeignKey(EnforcementCase, on_delete=models.CASCADE, related_name="measures")
    asset = models.ForeignKey(
        Asset,
        verbose_name=_("asset"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("measure"), max_length=16, choices=MeasureKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.ORDERED
    )
    ordered_on = models.DateField(_("ordered on"))
    done_on = models.DateField(_("carried out on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # Deductions: the rate, the income it applies to, and on what basis a rate above the
    # legal limit was allowed.
    rate = models.DecimalField(_("rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    rate_basis = models.CharField(
        _("basis of the rate"), max_length=10, choices=RateBasis.choices, blank=True
    )
    base_amount = _money(_("income"), null=True)
    amount = _money(_("amount"), null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    third_party = models.CharField(_("third party"), max_length=200, blank=True)
    # Summons: the day to appear; bringing in: when it is done.
    appear_on = models.DateField(_("to appear on"), null=True, blank=True)
    at = models.DateTimeField(_("at"), null=True, blank=True)
    period_days = models.PositiveSmallIntegerField(_("days to vacate"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["ordered_on", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.ordered_on}"


class SeizedItem(models.Model):
    """A line of the itemised inventory of a seizure."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="items")
    description = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    value = _money(_("value"))
    currency = models.CharField(_("currency"), max_length=3)
    exempt_kind = models.CharField(
        _("kind (Art. 57)"), max_length=16, choices=ExemptKind.choices, blank=True
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class Valuation(BaseModel):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="valuations")
    method = models.CharField(_("how it is valued"), max_length=10, choices=ValuationMethod.choices)
    level = models.CharField(_("valued at"), max_length=10, choices=Level.choices)
    expert = models.CharField(_("expert or firm"), max_length=200, blank=True)
    invited_on = models.DateField(_("invitations delivered on"), null=True, blank=True)
    scheduled_on = models.DateField(_("day of the valuation"))
    valued_on = models.DateField(_("valued on"), null=True, blank=True)
    value = _money(_("value"), null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    notified_on = models.DateField(_("result notified on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ValuationStatus.choices, default=ValuationStatus.PLANNED
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("valuation")
        verbose_name_plural = _("valuations")

    def __str__(self) -> str:
        return f"{self.asset_id} {self.method} {self.value}"


class ValuationMember(models.Model):
    valuation = models.ForeignKey(Valuation, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("organisation or role"), max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Objection(BaseModel):
    """An objection to a valuation, or an appeal of the decision on one (Art. 32)."""

    valuation = models.ForeignKey(Valuation, on_delete=models.CASCADE, related_name="objections")
    appeal_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="appeal"
    )
    party = models.ForeignKey(
        Party, verbose_name=_("objecting party"), on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("filed on"))
    reason = models.TextField(_("reason"))
    level = models.CharField(_("decided by"), max_length=10, choices=Level.choices)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    upheld = models.BooleanField(_("upheld"), null=True)
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.valuation_id} {self.level}"


class Sale(BaseModel):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="sales")
    mode = models.CharField(_("how it is sold"), max_length=16, choices=SaleMode.choices)
    status = models.CharField(_("status"), max_length=16, choices=SaleStatus.choices)
    started_on = models.DateField(_("started on"))
    notice_on = models.DateField(_("auction announced on"), null=True, blank=True)
    auction_on = models.DateField(_("day of the auction"), null=True, blank=True)
    reserve_price = _money(_("starting price"), null=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("sale")
        verbose_name_plural = _("sales")

    def __str__(self) -> str:
        return f"{self.asset_id} {self.mode} {self.status}"


class Bidder(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="bidders")
    name = models.CharField(_("bidder"), max_length=200)
    id_document_type = models.CharField(
        _("identity document"), max_length=12, choices=IdDocumentType.choices
    )
    id_document_number = models.CharField(_("document number"), max_length=64)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Bid(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="bids")
    bidder = models.OneToOneField(Bidder, on_delete=models.CASCADE, related_name="bid")
    amount = _money(_("bid"))
    status = models.CharField(
        _("status"), max_length=10, choices=BidStatus.choices, default=BidStatus.BID
    )
    # When this bidder was offered the lot (the auction day, or the day the previous winner
    # defaulted): the deposit and balance periods run from it.
    offered_on = models.DateField(null=True, blank=True)
    deposit_amount = _money(_("deposit"), null=True)
    deposit = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    balance = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-amount", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="bid_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.bidder_id}: {self.amount}"

    @property
    def balance_amount(self) -> Decimal:
        return self.amount - (self.deposit_amount or Decimal(0))
