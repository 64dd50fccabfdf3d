"""How the ledger plugs into the case: charged at registration, checked at termination, and
described on the timeline."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ejcms.cases.choices import TimelineKind
from ejcms.cases.models import EnforcementCase, TimelineEvent
from ejcms.cases.services import intake
from ejcms.cases.timeline import DESCRIBERS
from ejcms.cases.workflow import COMPLETION_CHECKS, RECOVERY_CHECKS
from ejcms.core.money import format_money
from ejcms.finance.choices import CostKind, EntryKind, PaymentMethod
from ejcms.finance.selectors import case_balances, recovered_anything


def money_settled(case: EnforcementCase) -> str | None:
    """None when every money obligation is paid and paid out; else what remains."""
    gaps = []
    for currency, balance in sorted(case_balances(case).items()):
        if balance.outstanding > 0:
            gaps.append(
                _("%(amount)s still due.") % {"amount": format_money(balance.outstanding, currency)}
            )
        if balance.held > 0:
            gaps.append(
                _("%(amount)s held by the office is not yet paid out.")
                % {"amount": format_money(balance.held, currency)}
            )
    return " ".join(gaps) or None


def describe_money(event: TimelineEvent, names: dict[int, str]) -> str:
    p = event.payload or {}
    action = p.get("action")
    amount = format_money(Decimal(p.get("amount", "0")), p.get("currency", ""))
    if action == "payment":
        method = p.get("method", "")
        text = _("Payment of %(amount)s received (%(method)s), receipt %(receipt)s.") % {
            "amount": amount,
            "method": PaymentMethod(method).label if method in PaymentMethod.values else method,
            "receipt": p.get("receipt", ""),
        }
        if p.get("surplus") not in (None, "0", "0.00"):
            text += " " + _("Of it, %(surplus)s is a surplus for the debtor.") % {
                "surplus": format_money(Decimal(p["surplus"]), p.get("currency", ""))
            }
        return text
    if action == "payout":
        return _("%(amount)s paid out to the creditors (%(count)s payments).") % {
            "amount": amount,
            "count": p.get("count", 0),
        }
    if action == "refund":
        return _("Surplus of %(amount)s returned to the debtor.") % {"amount": amount}
    if action == "cost":
        kind = p.get("kind", "")
        return _("Cost of enforcement charged: %(kind)s, %(amount)s.") % {
            "kind": CostKind(kind).label if kind in CostKind.values else kind,
            "amount": amount,
        }
    if action == "court_fee":
        return _("Court fee of %(amount)s charged.") % {"amount": amount}
    if action == "reversal":
        kind = p.get("kind", "")
        return _("Entry reversed: %(kind)s of %(amount)s.") % {
            "kind": EntryKind(kind).label if kind in EntryKind.values else kind,
            "amount": amount,
        }
    return str(action)


def _ledger_open(case: EnforcementCase, actor: object) -> None:
    from ejcms.finance.services import ledger_open

    ledger_open(case=case, actor=actor)  # type: ignore[arg-type]


def register() -> None:
    if money_settled not in COMPLETION_CHECKS:
        COMPLETION_CHECKS.append(money_settled)
        RECOVERY_CHECKS.append(recovered_anything)
        intake.AFTER_REGISTER.append(_ledger_open)
        DESCRIBERS[TimelineKind.MONEY] = describe_money
