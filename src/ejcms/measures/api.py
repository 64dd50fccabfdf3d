"""The assets and measures part of API v1: what the assets and measures tabs of a case show,
read through the same selectors."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.selectors import case_for_user
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView, RefField
from ejcms.core.money import DECIMAL_PLACES, MAX_DIGITS
from ejcms.measures.choices import (
    MEASURE_ARTICLE,
    AssetKind,
    AssetStatus,
    DeclaredBy,
    MeasureKind,
    MeasureStatus,
)
from ejcms.measures.selectors import case_assets, case_measures


def _money() -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, allow_null=True
    )


class AssetSerializer(serializers.Serializer):
    id = RefField(source="pk")
    kind = serializers.ChoiceField(choices=AssetKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    owner = serializers.CharField(source="owner.name_lo")
    status = serializers.ChoiceField(choices=AssetStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    declared_by = serializers.ChoiceField(choices=DeclaredBy.choices)
    declared_on = serializers.DateField()
    title_number = serializers.CharField()
    area_m2 = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    village = serializers.CharField(source="village.code", allow_null=True, default=None)
    plate = serializers.CharField()
    chassis = serializers.CharField()
    bank = serializers.CharField()
    branch = serializers.CharField()
    account_number = serializers.CharField()
    payer_name = serializers.CharField()
    estimated_value = _money()
    currency = serializers.CharField()
    has_evidence = serializers.SerializerMethodField()

    def get_has_evidence(self, asset: object) -> bool:
        return bool(getattr(asset, "evidence", None))


class MeasureSerializer(serializers.Serializer):
    id = RefField(source="pk")
    kind = serializers.ChoiceField(choices=MeasureKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    article = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=MeasureStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    ordered_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    ended_on = serializers.DateField(allow_null=True)
    asset = RefField(source="asset_id", allow_null=True)
    person = serializers.CharField(source="party.name_lo", allow_null=True, default=None)
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    amount = _money()
    currency = serializers.CharField()
    third_party = serializers.CharField()
    appear_on = serializers.DateField(allow_null=True)
    at = serializers.DateTimeField(allow_null=True)
    note = serializers.CharField()

    def get_article(self, measure: object) -> str:
        """The article of the Law on Enforcement of Court Decisions the measure rests on."""
        return MEASURE_ARTICLE.get(MeasureKind(getattr(measure, "kind", "")), "")


class CaseAssetsView(ApiView):
    """The assets of a case (the debtor's or another owner's) and where each stands."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=AssetSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_for_user(request.user, case_id)
        return Response(AssetSerializer(case_assets(case), many=True).data)


class CaseMeasuresView(ApiView):
    """The enforcement measures ordered in a case, newest first, with their dates."""

    api_action = ApiAction.CASES_READ

    @extend_schema(responses=MeasureSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_for_user(request.user, case_id)
        return Response(MeasureSerializer(case_measures(case), many=True).data)


urlpatterns = [
    path("cases/<ref:case_id>/assets/", CaseAssetsView.as_view(), name="case_assets"),
    path("cases/<ref:case_id>/measures/", CaseMeasuresView.as_view(), name="case_measures"),
]
