"""The kinds of ledger entries, costs and payment methods (Art. 36–42, 70; Court Fees Law)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ejcms.cases.choices import ObligationKind


class EntryKind(models.TextChoices):
    PRINCIPAL = "principal", _("Amount due under the decision")
    COURT_FEE = "court_fee", _("Court fee")
    COST = "cost", _("Cost of enforcement")
    PAYMENT = "payment", _("Payment received")
    OVERPAYMENT = "overpayment", _("Received beyond what is due (surplus)")
    PAYOUT = "payout", _("Paid out to the creditor")
    REFUND = "refund", _("Surplus returned to the debtor")


CHARGE_KINDS = frozenset({EntryKind.PRINCIPAL, EntryKind.COURT_FEE, EntryKind.COST})


class CostKind(models.TextChoices):
    """Art. 42: the costs of enforcement, borne by the debtor."""

    PARTICIPANTS = "participants", _("Participants")
    ADVERTISING = "advertising", _("Advertising the sale")
    BRINGING_IN = "bringing_in", _("Bringing in")
    EVICTION = "eviction", _("Eviction")
    DOCUMENTS = "documents", _("Documents")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    BANK_DEBIT = "bank_debit", _("Debit from a bank account")
    WAGE_DEDUCTION = "wage_deduction", _("Wage deduction")
    INCOME_DEDUCTION = "income_deduction", _("Deduction from business income")
    GARNISHMENT = "garnishment", _("Money handed over by a third party")
    SALE_PROCEEDS = "sale_proceeds", _("Sale proceeds")
    DEPOSIT = "deposit", _("Auction deposit")


# The order in which money held is paid out (lower rank first); claims of one rank share
# pro rata. Costs of enforcement are recovered first, for whoever advanced them (Art. 42);
# in criminal cases civil damages come before fines and confiscation (Art. 70); the court
# fee goes to the state budget after the creditors' claims.
RANK_COST = 1
RANK_OF_OBLIGATION: dict[str, int] = {
    ObligationKind.PAY_MONEY: 2,
    ObligationKind.COURT_FEES: 3,
    ObligationKind.FINE: 4,
    ObligationKind.CONFISCATION: 5,
}
RANK_COURT_FEE = 3
