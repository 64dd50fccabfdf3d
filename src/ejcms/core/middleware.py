from __future__ import annotations

import ipaddress
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from ejcms.core.audit import REQUEST, RequestContext
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


class RequestContextMiddleware:
    """Gives each request an id (sent back as X-Request-ID) and makes it and the client's
    address known to the audit log for the time of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = RequestContext(request_id=uuid.uuid4().hex, ip=client_ip(request))
        token = REQUEST.set(context)
        try:
            response = self.get_response(request)
        finally:
            REQUEST.reset(token)
        response.headers["X-Request-ID"] = context.request_id
        return response


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the socket's, or behind a proxy that ejcms is told to trust
    (EJCMS_PROXY_COUNT), the one that proxy saw."""
    proxies = settings.EJCMS_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return _valid_ip(hops[-proxies])
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


# Only ejcms's own files: no inline script, no other origin. Style attributes in the markup are
# allowed (style-src-attr), <style> blocks are not; Bootstrap's icons are data: images.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy with every response (unless a view set its own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


LOGIN_AT = "ejcms_login_at"


class SessionLimitMiddleware:
    """Ends a login EJCMS_SESSION_HOURS after it began, however active it has been (the idle
    limit is the session's own age, renewed by each request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = time.time()
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - float(started) > settings.EJCMS_SESSION_HOURS * 3600:
                logout(request)
        return self.get_response(request)
