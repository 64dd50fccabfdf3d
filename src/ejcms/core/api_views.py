"""The base view of every API endpoint (apart from core.api, which the REST framework's
settings load before any view exists)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ejcms.core.api import CALL_HOOKS
from ejcms.core.ids import ref


class ApiView(APIView):
    """The base of every endpoint: the caller's language (Accept-Language, Lao by default) and
    the record of each machine call."""

    api_action: str | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
        language = "en" if header.lower().startswith("en") else "lo"
        translation.activate(language)
        request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = getattr(request, "LANGUAGE_CODE", "lo")
        if getattr(request, "auth", None) is not None:
            for hook in CALL_HOOKS:
                hook(request, response)
        return response


@extend_schema_field(OpenApiTypes.STR)
class RefField(serializers.Field):
    """A record id as it is written in URLs (an opaque token)."""

    def to_representation(self, value: int) -> str:
        return ref(value)


@cache
def paginated(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The schema of a cursor-paginated list of `item`: {next, previous, results}."""
    name = item.__name__.removesuffix("Serializer")
    return type(
        f"Paginated{name}List",
        (serializers.Serializer,),
        {
            "next": serializers.URLField(allow_null=True, help_text="the next page, or null"),
            "previous": serializers.URLField(
                allow_null=True, help_text="the previous page, or null"
            ),
            "results": item(many=True),
        },
    )
