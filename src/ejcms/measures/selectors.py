"""What the assets, measures, valuation and sale tabs show of a case (already authorised)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ejcms.cases.models import EnforcementCase
from ejcms.measures.models import Asset, Bid, Measure, Objection, Sale, Valuation


def case_assets(case: EnforcementCase) -> QuerySet[Asset]:
    return case.assets.select_related("owner", "village").order_by("pk")


def case_measures(case: EnforcementCase) -> QuerySet[Measure]:
    return (
        case.measures.select_related("asset", "party")
        .prefetch_related("items")
        .order_by("-ordered_on", "-pk")
    )


def case_valuations(case: EnforcementCase) -> QuerySet[Valuation]:
    return (
        Valuation.objects.filter(asset__case=case)
        .select_related("asset")
        .prefetch_related(
            "members",
            Prefetch(
                "objections",
                queryset=Objection.objects.select_related("party", "appeal_of").order_by("pk"),
            ),
        )
        .order_by("-pk")
    )


def case_sales(case: EnforcementCase) -> QuerySet[Sale]:
    return (
        Sale.objects.filter(asset__case=case)
        .select_related("asset")
        .prefetch_related(
            Prefetch(
                "bids",
                queryset=Bid.objects.select_related("bidder", "deposit", "balance").order_by(
                    "-amount", "pk"
                ),
            )
        )
        .order_by("-pk")
    )
