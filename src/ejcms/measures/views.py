"""The assets, measures, valuation and sale tabs of a case, and their actions."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ejcms.cases.actions import run_case_action
from ejcms.cases.permissions import act_refusal
from ejcms.cases.selectors import case_for_user, case_write_role
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.http import AuthedRequest
from ejcms.guidelines.selectors import sections_for
from ejcms.measures.actions import ACTIONS, asset_actions, measure_actions
from ejcms.measures.choices import MEASURE_ARTICLE, MeasureKind, SaleStatus, ValuationStatus
from ejcms.measures.selectors import case_assets, case_measures, case_sales, case_valuations
from ejcms.measures.services.valuation import level_above


def _tab(request: AuthedRequest, case_id: int, tab: str, **context: Any) -> HttpResponse:
    case = context.pop("case")
    can_act = act_refusal(request.user, case, OFFICER_OR_HEAD) is None and case.state not in (
        "closed",
        "refused",
    )
    return render(
        request,
        f"measures/tab_{tab}.html",
        {"case": case, "tab": tab, "can_act": can_act, "today": timezone.localdate(), **context},
    )


def assets_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    rows = [(asset, [ACTIONS[n] for n in asset_actions(asset)]) for asset in case_assets(case)]
    return _tab(request, case_id, "assets", case=case, rows=rows)


def measures_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    measures = list(case_measures(case))
    # Each measure with its article and the Guidelines' sections on it.
    guides = sections_for({f"measure:{m.kind}" for m in measures})
    for measure in measures:
        measure.article = MEASURE_ARTICLE.get(MeasureKind(measure.kind), "")  # type: ignore[attr-defined]
        measure.guides = guides[f"measure:{measure.kind}"]  # type: ignore[attr-defined]
    rows = [(m, [ACTIONS[n] for n in measure_actions(m)]) for m in measures]
    return _tab(request, case_id, "measures", case=case, rows=rows)


def valuation_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    rows = []
    for valuation in case_valuations(case):
        actions = []
        if valuation.status == ValuationStatus.PLANNED:
            actions.append(ACTIONS["valuation_result"])
        elif valuation.status == ValuationStatus.VALUED:
            actions.append(ACTIONS["valuation_notify"])
        if valuation.status == ValuationStatus.NOTIFIED:
            actions.append(ACTIONS["objection"])
        objections = []
        for objection in valuation.objections.all():
            o_actions = []
            if objection.decided_on is None:
                o_actions.append(ACTIONS["objection_decide"])
            elif not hasattr(objection, "appeal") and level_above(objection.level) is not None:
                o_actions.append(ACTIONS["appeal"])
            objections.append((objection, o_actions))
        rows.append((valuation, actions, objections))
    return _tab(request, case_id, "valuation", case=case, rows=rows)


SALE_ACTIONS = {
    SaleStatus.OWNER_SELLING: ["owner_sold"],
    SaleStatus.ADVERTISED: ["announce"],
    SaleStatus.SCHEDULED: ["auction_result"],
    SaleStatus.DEPOSIT_DUE: ["deposit", "default"],
    SaleStatus.BALANCE_DUE: ["balance", "default"],
}


def sale_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    rows = []
    for sale in case_sales(case):
        names = list(SALE_ACTIONS.get(SaleStatus(sale.status), []))
        actions = [ACTIONS[n] for n in names]
        hand_over = sale.status == SaleStatus.UNSOLD and sale.mode != "owner"
        rows.append((sale, actions, hand_over))
    # Bidders' identity numbers in full for the case's own office only, as on the case page.
    show_ids = case_write_role(request.user, case) is not None
    return _tab(request, case_id, "sale", case=case, rows=rows, show_ids=show_ids)


@require_http_methods(["GET", "POST"])
def action(
    request: AuthedRequest, case_id: int, name: str, obj_id: int | None = None
) -> HttpResponse:
    return run_case_action(request, case_id, name, obj_id, ACTIONS)


def asset_evidence(request: AuthedRequest, case_id: int, asset_id: int) -> FileResponse:
    """The evidence file of an asset, to those who may see the case (never a public URL)."""
    case = case_for_user(request.user, case_id)
    asset = case_assets(case).filter(pk=asset_id).first()
    if asset is None or not asset.evidence:
        raise Http404
    return FileResponse(
        asset.evidence.open("rb"),
        as_attachment=False,
        filename=(asset.evidence.name or "evidence").rsplit("/", 1)[-1],
    )
