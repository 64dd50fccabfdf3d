"""The reference part of API v1: offices, courts, provinces and districts. They change seldom,
so each answer carries an ETag (a request with If-None-Match gets 304) and may be kept for an
hour (Cache-Control: private, max-age)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView
from ejcms.org.models import Court, District, Office, Province
from ejcms.org.selectors import offices_visible_to

MAX_AGE = 3600


class OfficeSerializer(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.ChoiceField(choices=Office.Level.choices)
    name_lo = serializers.CharField()
    name_en = serializers.CharField()
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    province = serializers.CharField(source="province.code", allow_null=True, default=None)
    district = serializers.CharField(source="district.code", allow_null=True, default=None)
    is_active = serializers.BooleanField()


class CourtSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", help_text="the court of a decision (cases API)")
    name_lo = serializers.CharField()
    name_en = serializers.CharField()
    level = serializers.ChoiceField(choices=Court.Level.choices)
    province = serializers.CharField(source="province.code", allow_null=True, default=None)
    is_active = serializers.BooleanField()


class ProvinceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_lo = serializers.CharField()
    name_en = serializers.CharField()


class DistrictSerializer(serializers.Serializer):
    code = serializers.CharField()
    province = serializers.CharField(source="province.code")
    name_lo = serializers.CharField()
    name_en = serializers.CharField()


NOT_MODIFIED = OpenApiResponse(description="Not modified (the ETag sent in If-None-Match)")


def cached(request: Request, data: Any) -> Response:
    """`data` with its ETag and an hour of private caching; 304 when the client has it."""
    body = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    sent = request.headers.get("If-None-Match", "")
    matched = etag in [tag.strip() for tag in sent.split(",")] or sent.strip() == "*"
    response = Response(None if matched else data, status=304 if matched else 200)
    response["ETag"] = etag
    response["Cache-Control"] = f"private, max-age={MAX_AGE}"
    response["Vary"] = "Authorization, Cookie, Accept-Language"
    return response


class OfficesView(ApiView):
    """The enforcement offices the caller may see (their own, their province's, or all for
    the DEJ), by code, with the office above each and its province and district codes."""

    api_action = ApiAction.REFERENCE_READ

    @extend_schema(responses={200: OfficeSerializer(many=True), 304: NOT_MODIFIED})
    def get(self, request: Request) -> Response:
        offices = offices_visible_to(request.user).select_related("parent", "district")
        return cached(request, OfficeSerializer(offices.order_by("code"), many=True).data)


class CourtsView(ApiView):
    """Every court whose decisions are enforced, those no longer active included (older
    decisions name them). `id` is what a decision's `court` is."""

    api_action = ApiAction.REFERENCE_READ

    @extend_schema(responses={200: CourtSerializer(many=True), 304: NOT_MODIFIED})
    def get(self, request: Request) -> Response:
        courts = Court.objects.select_related("province").order_by("level", "name_lo", "pk")
        return cached(request, CourtSerializer(courts, many=True).data)


class ProvincesView(ApiView):
    """The provinces of Lao PDR (and the capital), by code."""

    api_action = ApiAction.REFERENCE_READ

    @extend_schema(responses={200: ProvinceSerializer(many=True), 304: NOT_MODIFIED})
    def get(self, request: Request) -> Response:
        return cached(
            request, ProvinceSerializer(Province.objects.order_by("code"), many=True).data
        )


class ProvinceDistrictsView(ApiView):
    """The districts of one province, by code."""

    api_action = ApiAction.REFERENCE_READ

    @extend_schema(responses={200: DistrictSerializer(many=True), 304: NOT_MODIFIED})
    def get(self, request: Request, code: str) -> Response:
        province = Province.objects.filter(code=code).first()
        if province is None:
            raise Http404
        districts = District.objects.filter(province=province).select_related("province")
        return cached(request, DistrictSerializer(districts.order_by("code"), many=True).data)


urlpatterns = [
    path("offices/", OfficesView.as_view(), name="offices"),
    path("courts/", CourtsView.as_view(), name="courts"),
    path("provinces/", ProvincesView.as_view(), name="provinces"),
    path(
        "provinces/<str:code>/districts/",
        ProvinceDistrictsView.as_view(),
        name="province_districts",
    ),
]
