from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

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


class LanguageMiddleware:
    """Lao unless the user chose otherwise with the language switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: most office
    computers run an English Windows, and ejcms is Lao first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
