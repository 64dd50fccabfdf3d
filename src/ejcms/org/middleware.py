"""Sends an account that must give a second factor to the code page until it has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ejcms.org.two_factor import two_factor_required

# What an account still waiting for its code may open: the code page itself, logging out,
# the language switch and the health check.
OPEN_BEFORE_CODE = frozenset(
    {"two_factor", "logout", "set_language", "javascript-catalog", "health"}
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_CODE:
            return None
        if not two_factor_required(user):
            return None
        target = reverse("two_factor")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            target += "?" + urlencode({"next": request.get_full_path()})
        response = HttpResponseRedirect(target)
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = target
        return response
