"""The statistics part of API v1: the indicators of a unit (the country, a province, an office
or an officer) over a period, exactly as the /statistics/ page computes them
(reports.selectors.indicators), for a unit the caller may see."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView
from ejcms.core.db_router import use_replica
from ejcms.reports import periods
from ejcms.reports.periods import PeriodError
from ejcms.reports.selectors import (
    LEVELS,
    NATIONAL,
    Unit,
    backlog_standard_days,
    indicators,
    unit_for,
)
from ejcms.reports.views import MAX_STANDARD, MIN_STANDARD


def _rate() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=20, decimal_places=1, allow_null=True)


class UnitSerializer(serializers.Serializer):
    key = serializers.SerializerMethodField(
        help_text="the value of ?unit= that opens this unit (null: cannot be opened)"
    )
    level = serializers.ChoiceField(choices=[(level, level) for level in LEVELS])
    name = serializers.CharField()

    def get_key(self, unit: Unit) -> str | None:
        if unit.level != NATIONAL and unit.id is None:
            return None
        return unit.key


class RowSerializer(serializers.Serializer):
    unit = UnitSerializer()
    incoming = serializers.IntegerField()
    resolved = serializers.IntegerField()
    pending_start = serializers.IntegerField()
    pending_end = serializers.IntegerField()
    backlog = serializers.IntegerField(help_text="pending cases older than the time standard")
    deadlines_met = serializers.IntegerField()
    deadlines_missed = serializers.IntegerField()
    complaints = serializers.IntegerField()
    evictions = serializers.IntegerField()
    officers = serializers.IntegerField()
    clearance_rate = _rate()
    disposition_days = serializers.DecimalField(max_digits=20, decimal_places=0, allow_null=True)
    backlog_rate = _rate()
    deadlines_met_rate = _rate()
    complaints_per_100 = _rate()
    caseload = _rate()
    outcomes = serializers.DictField(child=serializers.IntegerField())


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    label = serializers.CharField()
    cases = serializers.IntegerField()


class MoneySerializer(serializers.Serializer):
    currency = serializers.CharField()
    due = serializers.DecimalField(max_digits=20, decimal_places=2)
    recovered = serializers.DecimalField(max_digits=20, decimal_places=2)
    collected = serializers.DecimalField(max_digits=20, decimal_places=2)
    recovery_rate = _rate()


class StageSerializer(serializers.Serializer):
    state = serializers.CharField()
    label = serializers.CharField()
    exits = serializers.IntegerField()
    median = serializers.IntegerField(allow_null=True)
    p90 = serializers.IntegerField(allow_null=True)


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    days = serializers.IntegerField()
    label = serializers.CharField()


class StatisticsSerializer(serializers.Serializer):
    unit = UnitSerializer()
    period = PeriodSerializer()
    standard_days = serializers.IntegerField()
    computed_on = serializers.DateField()
    headline = RowSerializer(source="total", help_text="the unit's figures (sum of its rows)")
    rows = RowSerializer(many=True, help_text="one row per unit one level down")
    outcomes = OutcomeSerializer(many=True, help_text="how the cases resolved ended")
    money = MoneySerializer(many=True)
    stages = StageSerializer(many=True)


class StatisticsQuery(serializers.Serializer):
    unit = serializers.CharField(required=False, max_length=40)
    period = serializers.CharField(required=False, max_length=40)
    standard = serializers.IntegerField(
        required=False, min_value=MIN_STANDARD, max_value=MAX_STANDARD
    )


class StatisticsView(ApiView):
    """The indicators of a unit over a period: the headline figures of the unit and one row
    per unit one level down (provinces, offices or officers), the outcomes, the money and the
    time spent in each stage. Without ?unit=, the caller's own (the country for the DEJ, the
    province for a province's division, the office, or an officer's own cases); a unit
    outside the caller's scope answers 404. Without ?period=, the current calendar year."""

    api_action = ApiAction.STATISTICS_READ

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unit",
                str,
                description='"national", "province-<id>", "office-<id>" or "officer-<id>"',
            ),
            OpenApiParameter(
                "period",
                str,
                description='"2026-03", "2026-Q1", "2026", "FY2016" or "2026-01-05..2026-02-20"',
            ),
            OpenApiParameter("standard", int, description="backlog time standard, in days"),
        ],
        responses=StatisticsSerializer,
    )
    def get(self, request: Request) -> Response:
        query = StatisticsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        unit = unit_for(request.user, given.get("unit") or None)
        today = timezone.localdate()
        try:
            period = (
                periods.parse(given["period"])
                if given.get("period")
                else periods.period_containing("year", today)
            )
        except PeriodError as error:
            raise serializers.ValidationError({"period": [str(error)]}) from error
        standard = given.get("standard") or backlog_standard_days()
        with use_replica():
            ind = indicators(unit, period, standard_days=standard, today=today)
        data = {
            "unit": unit,
            "period": {
                "key": period.key,
                "kind": period.kind,
                "start": period.start,
                "end": period.end,
                "days": period.days,
                "label": period.label,
            },
            "standard_days": ind.standard_days,
            "computed_on": today,
            "total": ind.total,
            "rows": ind.rows,
            "outcomes": [
                {"outcome": value, "label": label, "cases": count}
                for value, label, count in ind.outcomes
            ],
            "money": ind.money,
            "stages": ind.stages,
        }
        return Response(StatisticsSerializer(data).data)


urlpatterns = [
    path("statistics/", StatisticsView.as_view(), name="statistics"),
]
