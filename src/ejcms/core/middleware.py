from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ejcms.core.errors import AccessDenied


class AccessDeniedMiddleware:
    """Turns AccessDenied from any selector or service into a page: 404 when the user may not
    even know the thing exists, 403 with the reason when they may see it but not do this."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AccessDenied):
            return None
        if not exception.visible:
            return render(request, "404.html", status=404)
        return render(request, "403.html", {"message": str(exception)}, status=403)
