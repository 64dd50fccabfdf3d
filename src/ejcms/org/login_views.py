"""The second step of a login: the code from an authenticator app, or enrolling one."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ejcms.core.http import AuthedRequest
from ejcms.org.two_factor import (
    WrongCode,
    confirmed_device,
    pending_device,
    qr_svg,
    secret_text,
    two_factor_check,
    two_factor_required,
)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: AuthedRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def two_factor(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not two_factor_required(user):  # type: ignore[attr-defined]
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_check(request, user, form.cleaned_data["code"])
        except WrongCode as error:
            form.add_error("code", error)
        else:
            return redirect(_next(request))
    device = confirmed_device(user)
    context = {"form": form, "next": _next(request), "enrolling": device is None}
    if device is None:
        pending = pending_device(user)
        context["qr"] = mark_safe(qr_svg(pending))
        context["secret"] = secret_text(pending)
    status = 400 if form.errors else 200
    return render(request, "registration/two_factor.html", context, status=status)
