"""The ledger's part in a case's retention (cases.retention): its entries are archived with the
case; on erasure the amounts, currencies, dates and kinds stay for the statistics and only the
free text goes (the one change ever made to an entry, as the law's erasure asks); a person's
export lists the money they paid, received or advanced."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.retention import Part, register_part, rows
from ejcms.finance.models import LedgerEntry


def _archive(case: EnforcementCase) -> dict[str, list[dict[str, Any]]]:
    return {"ledger": rows(LedgerEntry.objects.filter(case=case))}


def _erase(case: EnforcementCase) -> dict[str, int]:
    # A queryset update: LedgerEntry.save refuses to change an entry, and rightly so otherwise.
    changed = (
        LedgerEntry.objects.filter(case=case).exclude(note="", reason="").update(note="", reason="")
    )
    return {"ledger_notes": changed}


def _person(case: EnforcementCase, party: Party) -> dict[str, Any]:
    entries = (
        LedgerEntry.objects.filter(case=case)
        .filter(Q(payer=party) | Q(payee=party) | Q(advanced_by=party))
        .order_by("on", "pk")
    )
    payments = []
    for entry in entries:
        if entry.payer_id == party.pk:
            direction = "paid_by"
        elif entry.payee_id == party.pk:
            direction = "paid_to"
        else:
            direction = "advanced_by"
        payments.append(
            {
                "direction": direction,
                "kind": entry.kind,
                "kind_label": entry.get_kind_display(),
                "amount": entry.amount,
                "currency": entry.currency,
                "on": entry.on,
                "method": entry.method,
                "method_label": entry.get_method_display() if entry.method else "",
                "receipt": entry.receipt_label,
                "original_amount": entry.original_amount,
                "original_currency": entry.original_currency,
                "reason": entry.reason,
                "note": entry.note,
            }
        )
    return {"payments": payments}


def register() -> None:
    register_part(
        Part(
            app="finance",
            archive=_archive,
            files=lambda case: [],
            erase=_erase,
            person=_person,
        )
    )
