"""Every write to the ledger. Entries are only ever added; balances are derived from them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import (
    MONEY_OBLIGATIONS,
    ObligationKind,
    ObligationStatus,
    PartyRole,
    TimelineKind,
)
from ejcms.cases.models import EnforcementCase, Obligation, Party
from ejcms.cases.permissions import require_act, require_open
from ejcms.cases.rules import legal_rule
from ejcms.cases.timeline import event_record
from ejcms.cases.workflow import HEAD, OFFICER_OR_HEAD
from ejcms.core.audit import audit_write, changes, row_key
from ejcms.core.counters import take_next_number
from ejcms.core.errors import ApplicationError
from ejcms.core.faults import crash_point, crash_point_on_commit
from ejcms.core.money import DECIMAL_PLACES, currency_decimals, plain_number
from ejcms.finance.choices import CHARGE_KINDS, CostKind, EntryKind, PaymentMethod
from ejcms.finance.models import LedgerEntry, ReceiptCounter
from ejcms.finance.selectors import (
    ZERO,
    Balance,
    case_balances,
    case_claims,
    distribution_plan,
)
from ejcms.org.roles import MATRIX, Action

CASHIERS = MATRIX[Action.MONEY]


def _lock_case(case: EnforcementCase) -> EnforcementCase:
    """Entries of one case are written one at a time: balances are checked under this lock."""
    return EnforcementCase.objects.select_for_update().select_related("office").get(pk=case.pk)


def _check_date(on: date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ApplicationError({field: _("The date cannot be in the future.")})


def _check_amount(amount: Decimal, currency: str, field: str = "amount") -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
        raise ApplicationError({field: _("Enter an amount greater than zero.")})
    places = currency_decimals(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise ApplicationError(
            {
                field: _("%(currency)s has at most %(places)s decimals.")
                % {"currency": currency, "places": places}
            }
        )


def _event(case: EnforcementCase, actor: User, on: date, payload: dict[str, object]) -> None:
    event_record(case, TimelineKind.MONEY, actor=actor, on=on, payload=payload)


def _entry(case: EnforcementCase, actor: User | None, **fields: object) -> LedgerEntry:
    return LedgerEntry.objects.create(case=case, office=case.office, recorded_by=actor, **fields)


# --- What is due --------------------------------------------------------------------------


def ledger_open(*, case: EnforcementCase, actor: User | None) -> list[LedgerEntry]:
    """Charge the money obligations of the decision (idempotent). Called when a case is
    registered, and before any money is recorded in a case registered earlier."""
    charged = set(
        LedgerEntry.objects.filter(case=case, obligation__isnull=False, charge__isnull=True)
        .exclude(kind=EntryKind.PAYOUT)
        .values_list("obligation_id", flat=True)
    )
    entries = []
    for obligation in case.obligations.filter(kind__in=MONEY_OBLIGATIONS, amount__isnull=False):
        if obligation.pk in charged:
            continue
        kind = (
            EntryKind.COURT_FEE
            if obligation.kind == ObligationKind.COURT_FEES
            else EntryKind.PRINCIPAL
        )
        entries.append(
            _entry(
                case,
                actor,
                kind=kind,
                amount=obligation.amount,
                currency=obligation.currency,
                on=case.received_on,
                obligation=obligation,
            )
        )
    return entries


@transaction.atomic
def court_fee_charge(*, actor: User, case: EnforcementCase, on: date) -> LedgerEntry:
    """Charge the losing party's court fee, a rate of the claim (Court Fees Law Art. 37), where
    the decision orders it and the case has no court-fee obligation of its own."""
    case = _lock_case(case)
    require_act(actor, case, OFFICER_OR_HEAD)
    require_open(case)
    _check_date(on)
    ledger_open(case=case, actor=actor)
    if (
        LedgerEntry.objects.filter(case=case, kind=EntryKind.COURT_FEE, reversed_by=None)
        .exclude(amount__lt=0)
        .exists()
    ):
        raise ApplicationError(_("The court fee is already charged in this case."))
    claims = case.obligations.filter(kind=ObligationKind.PAY_MONEY, amount__isnull=False)
    if not claims.exists():
        raise ApplicationError(_("The case has no money claim to compute the court fee from."))
    if claims.exclude(currency="LAK").exists():
        raise ApplicationError(
            _(
                "Court fees are paid in kip: the claim is in another currency, so enter the fee "
                "as an obligation in kip."
            )
        )
    rule = legal_rule("court_fee_rate", on)
    claim_value = sum((o.amount for o in claims if o.amount is not None), ZERO)
    fee = (claim_value * rule.value / 100).quantize(Decimal(1))
    entry = _entry(
        case,
        actor,
        kind=EntryKind.COURT_FEE,
        amount=fee,
        currency="LAK",
        on=on,
        note=f"{plain_number(rule.value)} % × {claim_value}",
    )
    _event(case, actor, on, {"action": "court_fee", "amount": str(fee), "currency": "LAK"})
    audit_write(
        actor=actor,
        action="finance.court_fee",
        obj=entry,
        payload={"case": case.pk, "amount": fee, "rate": rule.value},
    )
    return entry


@dataclass(frozen=True)
class CostData:
    kind: str
    amount: Decimal
    currency: str
    on: date
    advanced_by: Party | None = None
    note: str = ""


@transaction.atomic
def cost_record(*, actor: User, case: EnforcementCase, data: CostData) -> LedgerEntry:
    """A cost of enforcement, charged to the debtor (Art. 42). When the creditor advanced it,
    it is repaid to them first out of what the debtor pays."""
    case = _lock_case(case)
    require_act(actor, case, OFFICER_OR_HEAD)
    require_open(case)
    errors: dict[str, str] = {}
    if data.kind not in CostKind.values:
        errors["kind"] = _("Choose the kind of cost.")
    if (
        data.advanced_by is not None
        and not case.case_parties.filter(party=data.advanced_by, role=PartyRole.CREDITOR).exists()
    ):
        errors["advanced_by"] = _("Only a creditor of this case can advance a cost.")
    if errors:
        raise ApplicationError(errors)
    _check_amount(data.amount, data.currency)
    _check_date(data.on)
    ledger_open(case=case, actor=actor)
    entry = _entry(
        case,
        actor,
        kind=EntryKind.COST,
        amount=data.amount,
        currency=data.currency,
        on=data.on,
        cost_kind=data.kind,
        advanced_by=data.advanced_by,
        payee=data.advanced_by,
        note=data.note.strip(),
    )
    _event(
        case,
        actor,
        data.on,
        {
            "action": "cost",
            "kind": data.kind,
            "amount": str(data.amount),
            "currency": data.currency,
        },
    )
    audit_write(
        actor=actor,
        action="finance.cost",
        obj=entry,
        payload={
            "case": case.pk,
            "kind": data.kind,
            "amount": data.amount,
            "currency": data.currency,
        },
    )
    return entry


# --- Money received -----------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentData:
    amount: Decimal
    currency: str
    method: str
    on: date
    payer: Party | None = None
    # Paid in a currency the case does not owe: the currency it counts in, and the rate
    # (units of `into_currency` for one unit of `currency`).
    into_currency: str = ""
    rate: Decimal | None = None
    # The officer confirms that money beyond what is due was received (a surplus).
    accept_overpayment: bool = False
    note: str = ""


def receipt_number_take(office_id: int, year: int) -> int:
    """The next receipt number of the office for the year. The counter row is locked until the
    transaction ends, so two payments never share a number and a rolled-back payment leaves
    no gap."""
    return take_next_number(ReceiptCounter, office_id=office_id, year=year)


def _convert(data: PaymentData, balances: dict[str, Balance]) -> tuple[Decimal, str]:
    """The amount and currency the payment counts in. No silent conversion: a payment in a
    currency the case does not owe needs an explicit rate."""
    if data.currency in balances and not data.into_currency:
        return data.amount, data.currency
    if not data.into_currency:
        raise ApplicationError(
            {
                "into_currency": _(
                    "Nothing is due in %(currency)s in this case. Choose the currency it counts "
                    "in and give the exchange rate."
                )
                % {"currency": data.currency}
            }
        )
    if data.into_currency == data.currency:
        raise ApplicationError({"into_currency": _("Choose a different currency.")})
    if data.into_currency not in balances:
        raise ApplicationError(
            {
                "into_currency": _("Nothing is due in %(currency)s in this case.")
                % {"currency": data.into_currency}
            }
        )
    if data.rate is None or not data.rate.is_finite() or data.rate <= 0:
        raise ApplicationError({"rate": _("Give the exchange rate used (greater than zero).")})
    places = currency_decimals(data.into_currency)
    converted = (data.amount * data.rate).quantize(Decimal(1).scaleb(-places))
    if converted <= 0:
        raise ApplicationError({"amount": _("The amount is too small to count.")})
    return converted, data.into_currency


@transaction.atomic
def payment_record(
    *,
    actor: User,
    case: EnforcementCase,
    data: PaymentData,
    idempotency_key: uuid.UUID | None = None,
) -> LedgerEntry:
    """Money received in a case, with the office's next receipt number. The same idempotency
    key submitted again returns the payment already recorded, not a second one."""
    if idempotency_key is not None:
        existing = LedgerEntry.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.case_id != case.pk:
                raise ApplicationError(_("This form was already used for another case."))
            return existing
    case = _lock_case(case)
    if idempotency_key is not None:
        # Checked again under the case lock: a concurrent double submission waited for it.
        existing = LedgerEntry.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    require_act(actor, case, CASHIERS)
    require_open(case)
    errors: dict[str, str] = {}
    if data.method not in PaymentMethod.values:
        errors["method"] = _("Choose how the money was paid.")
    if data.payer is not None and not case.case_parties.filter(party=data.payer).exists():
        errors["payer"] = _("The payer must be a party to this case.")
    if errors:
        raise ApplicationError(errors)
    _check_amount(data.amount, data.currency)
    _check_date(data.on)
    ledger_open(case=case, actor=actor)
    balances = case_balances(case)
    amount, currency = _convert(data, balances)
    outstanding = balances[currency].outstanding
    applied, surplus = min(amount, max(outstanding, ZERO)), ZERO
    if amount > applied:
        surplus = amount - applied
        if not data.accept_overpayment:
            raise ApplicationError(
                {
                    "amount": _(
                        "Only %(outstanding)s %(currency)s is still due. Confirm that the rest "
                        "(%(surplus)s) is a surplus to return to the debtor (Art. 38)."
                    )
                    % {"outstanding": outstanding, "currency": currency, "surplus": surplus}
                }
            )
    receipt = receipt_number_take(case.office_id, data.on.year)
    common = {
        "currency": currency,
        "on": data.on,
        "method": data.method,
        "payer": data.payer,
        "receipt_year": data.on.year,
        "note": data.note.strip(),
    }
    if currency != data.currency:
        common.update(original_amount=data.amount, original_currency=data.currency, rate=data.rate)
    try:
        with transaction.atomic():
            if applied > 0:
                entry = _entry(
                    case,
                    actor,
                    kind=EntryKind.PAYMENT,
                    amount=applied,
                    receipt_number=receipt,
                    idempotency_key=idempotency_key,
                    **common,
                )
            if surplus > 0:
                extra = _entry(
                    case,
                    actor,
                    kind=EntryKind.OVERPAYMENT,
                    amount=surplus,
                    receipt_number=None if applied > 0 else receipt,
                    idempotency_key=None if applied > 0 else idempotency_key,
                    **common,
                )
                if applied <= 0:
                    entry = extra
    except IntegrityError:
        # The same key committed by another request between our checks: theirs stands.
        existing = LedgerEntry.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    # The worst moment to lose the process: the entry and its receipt number are written, the
    # timeline and the audit record not yet. The transaction must take them all back.
    crash_point("payment.ledger_written")
    _event(
        case,
        actor,
        data.on,
        {
            "action": "payment",
            "amount": str(amount),
            "currency": currency,
            "method": data.method,
            "receipt": entry.receipt_label,
            "surplus": str(surplus),
        },
    )
    audit_write(
        actor=actor,
        action="finance.payment",
        obj=entry,
        payload={
            "case": case.pk,
            "amount": amount,
            "currency": currency,
            "surplus": surplus,
            "receipt": entry.receipt_label,
            "method": data.method,
            "original": [str(data.amount), data.currency, str(data.rate or "")],
        },
    )
    # Kept, but never answered: the form submitted again must find it by its key.
    crash_point_on_commit("payment.committed")
    return entry


# --- Money paid out -----------------------------------------------------------------------


def _settle_obligations(case: EnforcementCase, currency: str) -> dict[str, list[Any]]:
    """A money obligation whose amount has been paid out in full is fulfilled (and open again
    when a payout is reversed). Returns the changes of their status, for the audit."""
    changed: dict[str, list[Any]] = {}
    for claim in case_claims(case, currency):
        obligation = claim.charge.obligation
        if obligation is None:
            continue
        status = ObligationStatus.FULFILLED if claim.unpaid <= 0 else ObligationStatus.OPEN
        if obligation.status != status and obligation.status != ObligationStatus.CANCELLED:
            Obligation.objects.filter(pk=obligation.pk).update(status=status)
            changed |= changes(
                {"status": obligation.status}, {"status": status}, prefix=row_key(obligation)
            )
    return changed


def _figures(case: EnforcementCase, currency: str) -> dict[str, Decimal]:
    """The balance of one currency as the audit compares it before and after a correction."""
    balance = case_balances(case).get(currency) or Balance(currency)
    figures = {
        "due": balance.due,
        "received": balance.received,
        "overpaid": balance.overpaid,
        "paid_out": balance.paid_out,
        "refunded": balance.refunded,
        "outstanding": balance.outstanding,
    }
    # As the ledger stores amounts, whatever the database's sums give (5000 or 5000.00).
    unit = Decimal(1).scaleb(-DECIMAL_PLACES)
    return {name: Decimal(value).quantize(unit) for name, value in figures.items()}


@transaction.atomic
def payout_distribute(
    *, actor: User, case: EnforcementCase, currency: str, on: date
) -> list[LedgerEntry]:
    """Pay out the money held for the claims, in the order the law gives and pro rata within
    a rank (costs first, then the creditors, then court fees, fines, confiscation)."""
    case = _lock_case(case)
    require_act(actor, case, OFFICER_OR_HEAD)
    require_open(case)
    _check_date(on)
    balance = case_balances(case).get(currency)
    if balance is None or balance.to_pay_out <= 0:
        raise ApplicationError(
            _("No money received in %(currency)s is waiting to be paid out.")
            % {"currency": currency}
        )
    plan = distribution_plan(case_claims(case, currency), balance.to_pay_out, currency)
    if not plan:
        raise ApplicationError(
            _("Every claim in %(currency)s is already paid.") % {"currency": currency}
        )
    entries = []
    for item in plan:
        charge = item.claim.charge
        payee = charge.advanced_by or (charge.obligation.creditor if charge.obligation else None)
        entries.append(
            _entry(
                case,
                actor,
                kind=EntryKind.PAYOUT,
                amount=item.amount,
                currency=currency,
                on=on,
                charge=charge,
                obligation=charge.obligation,
                payee=payee,
            )
        )
    settled = _settle_obligations(case, currency)
    total = sum((e.amount for e in entries), ZERO)
    _event(
        case,
        actor,
        on,
        {"action": "payout", "amount": str(total), "currency": currency, "count": len(entries)},
    )
    audit_write(
        actor=actor,
        action="finance.payout",
        obj=case,
        payload={
            "currency": currency,
            "on": on,
            "payouts": [[e.pk, str(e.amount), e.payee_id] for e in entries],
        },
        changes=settled,
    )
    return entries


@transaction.atomic
def surplus_return(*, actor: User, case: EnforcementCase, currency: str, on: date) -> LedgerEntry:
    """Return to the debtor what was received beyond the debt (Art. 38)."""
    case = _lock_case(case)
    require_act(actor, case, OFFICER_OR_HEAD)
    require_open(case)
    _check_date(on)
    balance = case_balances(case).get(currency)
    if balance is None or balance.surplus_held <= 0:
        raise ApplicationError(
            _("No surplus in %(currency)s is held for the debtor.") % {"currency": currency}
        )
    debtor_link = case.case_parties.filter(role=PartyRole.DEBTOR).select_related("party").first()
    entry = _entry(
        case,
        actor,
        kind=EntryKind.REFUND,
        amount=balance.surplus_held,
        currency=currency,
        on=on,
        payee=debtor_link.party if debtor_link else None,
    )
    _event(case, actor, on, {"action": "refund", "amount": str(entry.amount), "currency": currency})
    audit_write(
        actor=actor,
        action="finance.refund",
        obj=entry,
        payload={"case": case.pk, "amount": entry.amount, "currency": currency},
    )
    return entry


# --- Corrections --------------------------------------------------------------------------


@transaction.atomic
def entry_reverse(*, actor: User, entry: LedgerEntry, on: date, reason: str) -> LedgerEntry:
    """Cancel an entry by a new one of the opposite sign, with the reason. Refused when the
    ledger would then show money paid out that was not received, or a negative balance."""
    case = _lock_case(entry.case)
    require_act(actor, case, HEAD)
    require_open(case)
    entry = LedgerEntry.objects.get(pk=entry.pk)
    if not reason.strip():
        raise ApplicationError({"reason": _("Give the reason for the correction.")})
    _check_date(on)
    if entry.reverses_id is not None:
        raise ApplicationError(_("A reversal cannot itself be reversed; record the entry again."))
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ApplicationError(_("This entry is already reversed."))
    before = _figures(case, entry.currency)
    after = case_balances(case)[entry.currency]
    amount = -entry.amount
    if entry.kind in CHARGE_KINDS:
        after.due += amount
    elif entry.kind == EntryKind.PAYMENT:
        after.received += amount
    elif entry.kind == EntryKind.OVERPAYMENT:
        after.overpaid += amount
    elif entry.kind == EntryKind.PAYOUT:
        after.paid_out += amount
    else:
        after.refunded += amount
    if after.to_pay_out < 0 or after.surplus_held < 0:
        raise ApplicationError(_("This money has already been paid out. Reverse the payout first."))
    if after.outstanding < 0:
        raise ApplicationError(
            _(
                "More has been received than would then be due. Reverse or correct the payments "
                "first."
            )
        )
    if (
        entry.kind in CHARGE_KINDS
        and LedgerEntry.objects.filter(charge=entry, reversed_by=None, amount__gt=0).exists()
    ):
        raise ApplicationError(
            _("Money has been paid out on this amount. Reverse the payout first.")
        )
    reversal = _entry(
        case,
        actor,
        kind=entry.kind,
        amount=amount,
        currency=entry.currency,
        on=on,
        obligation=entry.obligation,
        charge=entry.charge,
        reverses=entry,
        reason=reason.strip(),
    )
    changed = changes(before, _figures(case, entry.currency), prefix="balance")
    if entry.kind == EntryKind.PAYOUT:
        changed |= _settle_obligations(case, entry.currency)
    _event(
        case,
        actor,
        on,
        {
            "action": "reversal",
            "kind": entry.kind,
            "amount": str(entry.amount),
            "currency": entry.currency,
            "receipt": entry.receipt_label,
        },
    )
    audit_write(
        actor=actor,
        action="finance.reversal",
        obj=reversal,
        payload={
            "case": case.pk,
            "reverses": entry.pk,
            "kind": entry.kind,
            "amount": entry.amount,
            "currency": entry.currency,
            "reason": reason.strip(),
        },
        changes=changed,
    )
    return reversal
