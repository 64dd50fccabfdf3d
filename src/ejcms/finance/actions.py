"""The actions of the money tab: a form and a service each."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ejcms.cases.actions import CaseAction, CaseActionForm
from ejcms.cases.choices import MONEY_OBLIGATIONS, ObligationStatus, PartyRole
from ejcms.cases.models import EnforcementCase, Obligation, Party
from ejcms.cases.selectors import parties_of
from ejcms.cases.services.obligations import obligation_mark_done
from ejcms.cases.workflow import HEAD, OFFICER_OR_HEAD
from ejcms.core.forms import AmountField, DateInput
from ejcms.core.money import Currency, format_money
from ejcms.finance.choices import CostKind, PaymentMethod
from ejcms.finance.models import LedgerEntry
from ejcms.finance.services import (
    CASHIERS,
    CostData,
    PaymentData,
    cost_record,
    court_fee_charge,
    entry_reverse,
    payment_record,
    payout_distribute,
    surplus_return,
)

MONEY = "finance:money"
CURRENCIES = [(c.value, c.label) for c in Currency if c != Currency.OTHER]


class _Dated(CaseActionForm):
    on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class PaymentForm(_Dated):
    amount = AmountField(label=gettext_lazy("Amount received"))
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=CURRENCIES, initial="LAK")
    method = forms.ChoiceField(
        label=gettext_lazy("How it was paid"),
        choices=PaymentMethod.choices,
        initial=PaymentMethod.CASH,
    )
    payer = forms.ModelChoiceField(
        label=gettext_lazy("Paid by"), queryset=Party.objects.none(), required=False
    )
    into_currency = forms.ChoiceField(
        label=gettext_lazy("Counts in (another currency than the one due)"),
        choices=[("", "—"), *CURRENCIES],
        required=False,
    )
    rate = forms.DecimalField(
        label=gettext_lazy("Exchange rate"), required=False, max_digits=18, decimal_places=6
    )
    accept_overpayment = forms.BooleanField(
        label=gettext_lazy("More than is due was received: keep the rest for the debtor"),
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payer"].queryset = parties_of(self.case)  # type: ignore[attr-defined]
        debtor = self.case.case_parties.filter(role=PartyRole.DEBTOR).first()
        if debtor is not None:
            self.fields["payer"].initial = debtor.party_id


def _pay(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    entry = payment_record(
        actor=actor,
        case=case,
        idempotency_key=d.get("idempotency_key"),
        data=PaymentData(
            amount=d["amount"],
            currency=d["currency"],
            method=d["method"],
            on=d["on"],
            payer=d.get("payer"),
            into_currency=d.get("into_currency") or "",
            rate=d.get("rate"),
            accept_overpayment=d.get("accept_overpayment", False),
            note=d.get("note", ""),
        ),
    )
    return _("Payment recorded: receipt %(receipt)s.") % {"receipt": entry.receipt_label}


class CostForm(_Dated):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of cost"), choices=CostKind.choices)
    amount = AmountField(label=gettext_lazy("Amount"))
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=CURRENCIES, initial="LAK")
    advanced_by = forms.ModelChoiceField(
        label=gettext_lazy("Advanced by the creditor (Art. 42)"),
        queryset=Party.objects.none(),
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advanced_by"].queryset = parties_of(  # type: ignore[attr-defined]
            self.case, PartyRole.CREDITOR
        )


def _cost(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    cost_record(
        actor=actor,
        case=case,
        data=CostData(
            kind=d["kind"],
            amount=d["amount"],
            currency=d["currency"],
            on=d["on"],
            advanced_by=d.get("advanced_by"),
            note=d.get("note", ""),
        ),
    )
    return _("Cost of enforcement recorded.")


def _court_fee(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    entry = court_fee_charge(actor=actor, case=case, on=d["on"])
    return _("Court fee charged: %(amount)s.") % {
        "amount": format_money(entry.amount, entry.currency)
    }


class CurrencyForm(_Dated):
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), choices=CURRENCIES)


def _payout(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    entries = payout_distribute(actor=actor, case=case, currency=d["currency"], on=d["on"])
    total = sum((e.amount for e in entries), Decimal(0))
    return _("%(amount)s paid out.") % {"amount": format_money(total, d["currency"])}


def _refund(actor: User, case: EnforcementCase, obj: Any, d: dict[str, Any]) -> str:
    entry = surplus_return(actor=actor, case=case, currency=d["currency"], on=d["on"])
    return _("%(amount)s returned to the debtor.") % {
        "amount": format_money(entry.amount, entry.currency)
    }


class ReverseForm(_Dated):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


def _reverse(actor: User, case: EnforcementCase, entry: LedgerEntry, d: dict[str, Any]) -> str:
    entry_reverse(actor=actor, entry=entry, on=d["on"], reason=d["reason"])
    return _("Entry reversed.")


class DoneForm(_Dated):
    note = forms.CharField(
        label=gettext_lazy("How it was fulfilled"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


def _done(actor: User, case: EnforcementCase, obligation: Obligation, d: dict[str, Any]) -> str:
    obligation_mark_done(actor=actor, obligation=obligation, on=d["on"], note=d["note"])
    return _("Obligation marked as fulfilled.")


def _entry(case: EnforcementCase, pk: int) -> LedgerEntry | None:
    return LedgerEntry.objects.filter(case=case, pk=pk).first()


def _open_obligation(case: EnforcementCase, pk: int) -> Obligation | None:
    return (
        case.obligations.exclude(kind__in=MONEY_OBLIGATIONS)
        .filter(pk=pk, status=ObligationStatus.OPEN)
        .first()
    )


ACTIONS: dict[str, CaseAction] = {
    a.name: a
    for a in [
        CaseAction(
            "payment",
            gettext_lazy("Record a payment"),
            PaymentForm,
            _pay,
            CASHIERS,
            MONEY,
            style="success",
        ),
        CaseAction(
            "cost",
            gettext_lazy("Record a cost of enforcement"),
            CostForm,
            _cost,
            OFFICER_OR_HEAD,
            MONEY,
            article="42",
        ),
        CaseAction(
            "court_fee",
            gettext_lazy("Charge the court fee"),
            _Dated,
            _court_fee,
            OFFICER_OR_HEAD,
            MONEY,
            article="CFL 37",
            help=gettext_lazy(
                "Two per cent of the claim, where the decision orders it and gives no amount."
            ),
        ),
        CaseAction(
            "payout",
            gettext_lazy("Pay out to the creditors"),
            CurrencyForm,
            _payout,
            OFFICER_OR_HEAD,
            MONEY,
            article="40, 42, 70",
            help=gettext_lazy(
                "Costs first, then the creditors (pro rata), court fees, fines and confiscation."
            ),
        ),
        CaseAction(
            "refund",
            gettext_lazy("Return the surplus to the debtor"),
            CurrencyForm,
            _refund,
            OFFICER_OR_HEAD,
            MONEY,
            article="38",
        ),
        CaseAction(
            "reverse",
            gettext_lazy("Reverse an entry"),
            ReverseForm,
            _reverse,
            HEAD,
            MONEY,
            lookup=_entry,
            style="danger",
        ),
        CaseAction(
            "obligation_done",
            gettext_lazy("Mark the obligation as fulfilled"),
            DoneForm,
            _done,
            OFFICER_OR_HEAD,
            MONEY,
            lookup=_open_obligation,
            style="success",
        ),
    ]
}
