"""Balances, claims and cash books, derived from ledger entries (never stored)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, QuerySet, Sum

from ejcms.cases.models import EnforcementCase
from ejcms.core.money import DECIMAL_PLACES, currency_decimals
from ejcms.finance.choices import (
    CHARGE_KINDS,
    RANK_COST,
    RANK_COURT_FEE,
    RANK_OF_OBLIGATION,
    EntryKind,
)
from ejcms.finance.models import LedgerEntry
from ejcms.org.models import Office

ZERO = Decimal("0")
CENT = Decimal(1).scaleb(-DECIMAL_PLACES)


def _exact(total: Decimal | None) -> Decimal:
    """A SUM as stored: SQLite adds decimals as floating point (0.01 comes back as
    0.00999999999999979), so sums are rounded back to the ledger's two decimals."""
    return (total or ZERO).quantize(CENT)


@dataclass
class Balance:
    """One currency of a case. Every figure is a sum of entries (reversals included)."""

    currency: str
    due: Decimal = ZERO  # principal, court fees and costs charged
    received: Decimal = ZERO  # payments applied to what is due
    overpaid: Decimal = ZERO  # received beyond what is due (the debtor's surplus)
    paid_out: Decimal = ZERO  # to creditors and the state
    refunded: Decimal = ZERO  # surplus returned to the debtor

    @property
    def outstanding(self) -> Decimal:
        """What the debtor still owes."""
        return self.due - self.received

    @property
    def held(self) -> Decimal:
        """Money the office holds for the case."""
        return self.received + self.overpaid - self.paid_out - self.refunded

    @property
    def surplus_held(self) -> Decimal:
        return self.overpaid - self.refunded

    @property
    def to_pay_out(self) -> Decimal:
        """Money received for the claims and not yet paid out."""
        return self.received - self.paid_out


def case_balances(case: EnforcementCase) -> dict[str, Balance]:
    """Per currency, in one aggregate query."""
    balances: dict[str, Balance] = {}
    rows = (
        LedgerEntry.objects.filter(case=case)
        .values("currency", "kind")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    for row in rows:
        balance = balances.setdefault(row["currency"], Balance(row["currency"]))
        total = _exact(row["total"])
        if row["kind"] in CHARGE_KINDS:
            balance.due += total
        elif row["kind"] == EntryKind.PAYMENT:
            balance.received += total
        elif row["kind"] == EntryKind.OVERPAYMENT:
            balance.overpaid += total
        elif row["kind"] == EntryKind.PAYOUT:
            balance.paid_out += total
        elif row["kind"] == EntryKind.REFUND:
            balance.refunded += total
    return balances


@dataclass
class Claim:
    """An amount due (a charge entry) and what has been paid out on it."""

    charge: LedgerEntry
    rank: int
    amount: Decimal
    paid_out: Decimal

    @property
    def unpaid(self) -> Decimal:
        return self.amount - self.paid_out


def _rank(entry: LedgerEntry) -> int:
    if entry.kind == EntryKind.COST:
        return RANK_COST
    if entry.kind == EntryKind.COURT_FEE:
        return RANK_COURT_FEE
    kind = entry.obligation.kind if entry.obligation else ""
    return RANK_OF_OBLIGATION.get(kind, RANK_OF_OBLIGATION["pay_money"])


def case_claims(case: EnforcementCase, currency: str) -> list[Claim]:
    """The charges of one currency still standing (not reversed), in the order of payment."""
    entries = list(
        LedgerEntry.objects.filter(case=case, currency=currency)
        .select_related("obligation", "obligation__creditor", "advanced_by", "reversed_by")
        .order_by("pk")
    )
    paid: dict[int, Decimal] = {}
    for entry in entries:
        if entry.kind == EntryKind.PAYOUT and entry.charge_id is not None:
            paid[entry.charge_id] = paid.get(entry.charge_id, ZERO) + entry.amount
    claims = []
    for entry in entries:
        if entry.kind not in CHARGE_KINDS or entry.reverses_id is not None:
            continue
        if hasattr(entry, "reversed_by"):
            continue
        claims.append(Claim(entry, _rank(entry), entry.amount, paid.get(entry.pk, ZERO)))
    claims.sort(key=lambda claim: (claim.rank, claim.charge.pk))
    return claims


@dataclass
class PlannedPayout:
    claim: Claim
    amount: Decimal


def distribution_plan(
    claims: list[Claim], available: Decimal, currency: str
) -> list[PlannedPayout]:
    """Share `available` among the claims: rank by rank, pro rata within a rank, never more than
    a claim's unpaid amount. Rounded down to the currency's unit; the rounding remainder of a
    rank goes to its first claims, one unit each, so nothing is left over that could be paid."""
    unit = Decimal(1).scaleb(-currency_decimals(currency))
    plan: list[PlannedPayout] = []
    ranks = sorted({claim.rank for claim in claims})
    for rank in ranks:
        if available <= 0:
            break
        group = [c for c in claims if c.rank == rank and c.unpaid > 0]
        total = sum((c.unpaid for c in group), ZERO)
        if total <= 0:
            continue
        if available >= total:
            shares = {id(c): c.unpaid for c in group}
        else:
            shares = {
                id(c): (available * c.unpaid / total).quantize(unit, rounding=ROUND_DOWN)
                for c in group
            }
            remainder = available - sum(shares.values(), ZERO)
            for c in group:
                if remainder < unit:
                    break
                if shares[id(c)] + unit <= c.unpaid:
                    shares[id(c)] += unit
                    remainder -= unit
        for c in group:
            if shares[id(c)] > 0:
                plan.append(PlannedPayout(c, shares[id(c)]))
        available -= sum(shares.values(), ZERO)
    return plan


@dataclass
class CashBook:
    office: Office
    start: date
    end: date
    entries: list[LedgerEntry]
    # currency -> (received, paid out)
    totals: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)


CASH_IN = (EntryKind.PAYMENT, EntryKind.OVERPAYMENT)
CASH_OUT = (EntryKind.PAYOUT, EntryKind.REFUND)


def cash_book(office: Office, start: date, end: date) -> CashBook:
    """Receipts and payouts of an office between two dates, with totals per currency (SQL)."""
    entries: QuerySet[LedgerEntry] = (
        LedgerEntry.objects.filter(
            office=office, on__range=(start, end), kind__in=CASH_IN + CASH_OUT
        )
        .select_related("case", "payer", "payee", "reverses")
        .order_by("on", "pk")
    )
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    rows = (
        LedgerEntry.objects.filter(office=office, on__range=(start, end))
        .values("currency", "kind")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by("currency")
    )
    for row in rows:
        received, paid = totals.get(row["currency"], (ZERO, ZERO))
        if row["kind"] in CASH_IN:
            received += _exact(row["total"])
        elif row["kind"] in CASH_OUT:
            paid += _exact(row["total"])
        else:
            continue
        totals[row["currency"]] = (received, paid)
    return CashBook(office, start, end, list(entries), totals)


def case_entries(case: EnforcementCase) -> list[LedgerEntry]:
    return list(
        LedgerEntry.objects.filter(case=case)
        .select_related("obligation", "payer", "payee", "advanced_by", "reverses", "reversed_by")
        .order_by("on", "pk")
    )


def recovered_anything(case: EnforcementCase) -> bool:
    return (
        LedgerEntry.objects.filter(case=case, kind=EntryKind.PAYMENT).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    ) > 0
