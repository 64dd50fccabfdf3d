"""The administrator's pages for the API's machine clients (HTML, behind the normal login; the
API itself is in each app's api.py): the list, a new client with its token shown once, and
revocation after a confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ejcms.api.forms import ApiClientForm
from ejcms.api.models import ApiClient
from ejcms.api.selectors import api_clients_in_scope, client_offices_for
from ejcms.api.services import api_client_create, api_client_revoke
from ejcms.core.api_actions import ApiAction
from ejcms.core.errors import ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.org.roles import Action, may
from ejcms.org.selectors import staff_profile


def _require_admin(request: AuthedRequest) -> None:
    profile = staff_profile(request.user)
    if profile is None or not may(profile.role, Action.ACCOUNTS_ADMIN):
        raise PermissionDenied(_("Only an administrator may manage API clients."))


def _action_labels() -> dict[str, str]:
    return {str(action.value): str(action.label) for action in ApiAction}


@require_GET
def clients(request: AuthedRequest) -> HttpResponse:
    """The clients of the offices whose accounts the administrator manages."""
    _require_admin(request)
    labels = _action_labels()
    rows = [
        (client, [labels.get(action, action) for action in client.actions])
        for client in api_clients_in_scope(request.user)
    ]
    return render(request, "api/clients.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def client_new(request: AuthedRequest) -> HttpResponse:
    """A new client; its token is shown on the answer to the POST, once, and never again (only
    its SHA-256 is kept)."""
    _require_admin(request)
    offices = client_offices_for(request.user)
    form = ApiClientForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = api_client_create(
                actor=request.user,
                name=data["name"],
                office=data["office"],
                role=data["role"],
                actions=data["actions"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            labels = _action_labels()
            response = render(
                request,
                "api/client_created.html",
                {
                    "client": new.client,
                    "token": new.token,
                    "actions": [labels[a] for a in new.client.actions],
                },
            )
            add_never_cache_headers(response)  # the token is in it: no copy anywhere
            return response
    return render(
        request,
        "api/client_new.html",
        {"form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_http_methods(["GET", "POST"])
def client_revoke(request: AuthedRequest, client_id: int) -> HttpResponse:
    """GET asks to confirm; POST revokes: the next call with the token answers 401."""
    _require_admin(request)
    client: ApiClient = get_object_or_404(api_clients_in_scope(request.user), pk=client_id)
    error = ""
    if request.method == "POST":
        try:
            api_client_revoke(actor=request.user, client=client)
        except ApplicationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("%(name)s is revoked: its token no longer works.") % {"name": client.name},
            )
            return redirect("api:clients")
    return render(
        request,
        "api/client_revoke.html",
        {"client": client, "error": error},
        status=400 if error else 200,
    )


@require_GET
def docs(request: AuthedRequest) -> HttpResponse:
    """The API reference, rendered in the browser by the vendored Swagger UI from
    /api/v1/schema/, read only, under the site's Content-Security-Policy as it is (Redoc was
    tried first: its styled-components write <style> elements, which the policy refuses)."""
    return render(request, "api/docs.html")
