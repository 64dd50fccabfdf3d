from __future__ import annotations

import ipaddress
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from ejcms.core import logs
from ejcms.core.audit import OFFICE_OF, REQUEST, RequestContext
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
    address known to the audit log, and the request to the log lines, for the time of the
    request; then writes the request's access line (logger "ejcms.request")."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        context = RequestContext(request_id=uuid.uuid4().hex, ip=client_ip(request))
        token = REQUEST.set(context)
        entry = logs.RequestLog(request_id=context.request_id, request=request)
        log_token = logs.CURRENT.set(entry)
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = context.request_id
            logs.request_finished(entry, response.status_code, _office_code(request))
        finally:
            logs.CURRENT.reset(log_token)
            REQUEST.reset(token)
        return response


def _office_code(request: HttpRequest) -> str:
    """The office of the request's user, for the access line, if the request knew its user."""
    user = logs.known_user(request)
    if user is None or not OFFICE_OF:
        return ""
    try:
        return OFFICE_OF[0](user)
    except DatabaseError:
        # The request's own error may have broken the connection: the line is still written.
        return ""


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
SEEN_AT = "ejcms_seen_at"


def session_started(session: Any) -> None:
    """Note when a login began (called when a user logs in)."""
    now = time.time()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now


class SessionLimitMiddleware:
    """Ends a login after EJCMS_SESSION_IDLE_SECONDS without a request, and in any case
    EJCMS_SESSION_HOURS after it began. Activity is written to the session at most once a
    minute, so that reading pages does not write to the database each time."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            started = float(session.get(LOGIN_AT, now))
            seen = float(session.get(SEEN_AT, now))
            idle = settings.EJCMS_SESSION_IDLE_SECONDS
            if now - seen > idle or now - started > settings.EJCMS_SESSION_HOURS * 3600:
                logout(request)
            elif LOGIN_AT not in session or now - seen > min(60, idle / 2):
                session.setdefault(LOGIN_AT, now)
                session[SEEN_AT] = now
        return self.get_response(request)
