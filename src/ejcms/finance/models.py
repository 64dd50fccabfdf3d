"""The ledger of a case: every kip due, received, paid out or returned, as entries that are
never edited. A mistake is corrected by a reversing entry with its reason."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ejcms.cases.models import EnforcementCase, Obligation, Party
from ejcms.core.money import DECIMAL_PLACES, MAX_DIGITS
from ejcms.finance.choices import CostKind, EntryKind, PaymentMethod
from ejcms.org.models import Office


class LedgerEntry(models.Model):
    # Indexed as the first column of (case, currency) and ledger_case_money.
    case = models.ForeignKey(
        EnforcementCase, on_delete=models.PROTECT, related_name="ledger", db_index=False
    )
    # The office whose cash book holds the entry (the case's office when it was recorded).
    # Indexed as the first column of (office, on).
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(_("entry"), max_length=12, choices=EntryKind.choices)
    # Positive; a reversal carries the negative of the entry it reverses.
    amount = models.DecimalField(_("amount"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    currency = models.CharField(_("currency"), max_length=3)
    on = models.DateField(_("date"))
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
    )
    # For a payout: the charge (amount due) it pays.
    charge = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="payouts"
    )
    cost_kind = models.CharField(
        _("kind of cost"), max_length=16, choices=CostKind.choices, blank=True
    )
    # A cost the creditor advanced (Art. 42) is repaid to them from what the debtor pays.
    advanced_by = models.ForeignKey(
        Party,
        verbose_name=_("advanced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    method = models.CharField(
        _("how it was paid"), max_length=16, choices=PaymentMethod.choices, blank=True
    )
    payer = models.ForeignKey(
        Party,
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payee = models.ForeignKey(
        Party,
        verbose_name=_("paid to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receipt_year = models.PositiveSmallIntegerField(null=True, blank=True)
    receipt_number = models.PositiveIntegerField(_("receipt number"), null=True, blank=True)
    # A payment made in another currency than the one due: what was handed over, and the rate.
    original_amount = models.DecimalField(
        _("amount handed over"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    original_currency = models.CharField(_("currency handed over"), max_length=3, blank=True)
    rate = models.DecimalField(
        _("exchange rate"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    reason = models.TextField(_("reason"), blank=True)
    note = models.TextField(_("note"), blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0)
                | Q(reverses__isnull=False, amount__lt=0),
                name="ledger_entry_sign",
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="ledger_entry_currency"
            ),
            models.UniqueConstraint(
                fields=["office", "receipt_year", "receipt_number"],
                condition=Q(receipt_number__isnull=False),
                name="ledger_receipt_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "currency"]),
            models.Index(fields=["office", "on"]),
            # The statistics read these alone: a case's money, and the payments of a period.
            models.Index(fields=["case", "kind", "currency", "amount"], name="ledger_case_money"),
            models.Index(
                fields=["kind", "on", "office", "currency", "amount"], name="ledger_kind_on"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency} ({self.on})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("A ledger entry is never edited; record a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A ledger entry is never deleted; record a reversal instead.")

    @property
    def receipt_label(self) -> str:
        if self.receipt_number is None:
            return ""
        return f"{self.receipt_number}/{self.receipt_year}"


class ReceiptCounter(models.Model):
    """The last receipt number an office gave in a year (locked while a number is taken)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_number}"
