"""The money tab of a case and the cash book of an office."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ejcms.cases.actions import run_case_action
from ejcms.cases.choices import ACTIVE_STATES, MONEY_OBLIGATIONS, ObligationStatus
from ejcms.cases.permissions import act_refusal
from ejcms.cases.selectors import case_for_user
from ejcms.cases.workflow import HEAD, OFFICER_OR_HEAD, completion_gaps
from ejcms.core.http import AuthedRequest
from ejcms.finance.actions import ACTIONS
from ejcms.finance.selectors import case_balances, case_claims, case_entries, cash_book
from ejcms.finance.services import CASHIERS
from ejcms.org.roles import MATRIX, Action
from ejcms.org.selectors import offices_visible_to, staff_profile


def money_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    active = case.state in ACTIVE_STATES
    balances = sorted(case_balances(case).items())
    claims = {currency: case_claims(case, currency) for currency, _b in balances}
    open_tasks = [
        o
        for o in case.obligations.all()
        if o.kind not in MONEY_OBLIGATIONS and o.status == ObligationStatus.OPEN
    ]
    gaps = completion_gaps(case) if active else []
    context = {
        "case": case,
        "tab": "money",
        "balances": balances,
        "claims": claims,
        "entries": case_entries(case),
        "open_tasks": open_tasks,
        "can_cash": active and act_refusal(request.user, case, CASHIERS) is None,
        "can_act": active and act_refusal(request.user, case, OFFICER_OR_HEAD) is None,
        "can_reverse": active and act_refusal(request.user, case, HEAD) is None,
        "fully_enforced": active and not gaps,
        "gaps": gaps,
    }
    return render(request, "finance/tab_money.html", context)


@require_http_methods(["GET", "POST"])
def action(
    request: AuthedRequest, case_id: int, name: str, obj_id: int | None = None
) -> HttpResponse:
    return run_case_action(request, case_id, name, obj_id, ACTIONS)


CASH_BOOK_ROLES = MATRIX[Action.CASH_BOOK]


def _date_param(request: AuthedRequest, name: str, default: date) -> date:
    value = request.GET.get(name, "")
    if not value:
        return default
    for parse in (date.fromisoformat, lambda v: datetime.strptime(v, "%d/%m/%Y").date()):
        try:
            return parse(value.strip())
        except ValueError:
            continue
    raise Http404


def cash_book_view(request: AuthedRequest) -> HttpResponse:
    """Receipts and payouts of an office for a day or a month, with totals per currency."""
    profile = staff_profile(request.user)
    if profile is None or profile.role not in CASH_BOOK_ROLES:
        raise PermissionDenied(_("The cash book is for the head of office, clerks and auditors."))
    offices = offices_visible_to(request.user).order_by("code")
    office_id = request.GET.get("office", "")
    office = offices.filter(pk=int(office_id)).first() if office_id.isdigit() else profile.office
    if office is None or not offices.filter(pk=office.pk).exists():
        raise Http404
    today = timezone.localdate()
    period = request.GET.get("period", "day")
    day = _date_param(request, "day", today)
    if period == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    else:
        period, start, end = "day", day, day
    book = cash_book(office, start, end)
    context = {
        "book": book,
        "offices": offices if offices.count() > 1 else [],
        "period": period,
        "day": day,
        "previous": (start - timedelta(days=1)).isoformat(),
        "next": (end + timedelta(days=1)).isoformat() if end < today else "",
    }
    return render(request, "finance/cash_book.html", context)
