"""/api/v1/: each app's api.py, the schema and its reference page."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView

from ejcms.api import views

# The apps whose api.py holds endpoints, in the order the reference lists them.
API_MODULES = ["cases", "finance", "measures", "documents", "org", "reports"]


def _open_to_tokens(patterns: list[Any]) -> list[Any]:
    """API views authenticate themselves (a token or the session), so Django's
    LoginRequiredMiddleware, which would send a machine to the login page, leaves them alone;
    HasApiAction refuses anyone unauthenticated with 401."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _open_to_tokens(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


v1: list[Any] = []
for name in API_MODULES:
    v1 += import_module(f"ejcms.{name}.api").urlpatterns
v1 += import_module("ejcms.api.intake").urlpatterns  # court intake uses every app
v1.append(path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"))

app_name = "api"
urlpatterns = [
    path("v1/", include((_open_to_tokens(v1), "v1"))),
    # HTML pages behind the normal login: the rendered reference and the administrator's clients.
    path("docs/", views.docs, name="docs"),
    path("clients/", views.clients, name="clients"),
    path("clients/new/", views.client_new, name="client_new"),
    path("clients/<ref:client_id>/revoke/", views.client_revoke, name="client_revoke"),
]
