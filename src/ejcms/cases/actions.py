"""Actions on a case beyond the workflow steps (measures, money): one declaration each, one
view that runs them. The view checks who may act, shows the form, calls the service and puts
its refusals on the form's fields."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise

from ejcms.cases.models import EnforcementCase
from ejcms.cases.permissions import act_refusal
from ejcms.cases.selectors import case_for_user
from ejcms.core.errors import ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.org.roles import Role


class CaseActionForm(forms.Form):
    """A form that knows its case and the object acted on (an asset, a sale…)."""

    # Repeated rows (inventory items, committee members, bids): `row_count` rows of the fields
    # `row_fields()` returns, named "item_1_description"…; the template shows them as a table.
    row_name = ""
    row_count = 0

    def row_fields(self) -> dict[str, forms.Field]:
        return {}

    def __init__(self, *args: Any, case: EnforcementCase, obj: Any = None, **kwargs: Any) -> None:
        self.case = case
        self.obj = obj
        super().__init__(*args, **kwargs)
        for prefix in self.row_prefixes:
            for name, field in self.row_fields().items():
                self.fields[f"{prefix}{name}"] = field
        if "idempotency_key" in self.fields and not self.is_bound:
            # One key per form shown: submitting it twice records the act once.
            self.fields["idempotency_key"].initial = uuid.uuid4()

    @property
    def row_prefixes(self) -> tuple[str, ...]:
        return tuple(f"{self.row_name}_{i}_" for i in range(1, self.row_count + 1))

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return (
            [f for f in self.visible_fields() if not f.name.startswith(tuple(self.row_prefixes))]
            if self.row_prefixes
            else self.visible_fields()
        )

    @property
    def rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[name] for name in self.fields if name.startswith(prefix)]
            for prefix in self.row_prefixes
        ]

    def row_values(self, prefix: str) -> dict[str, Any]:
        """The cleaned values of one row, without the prefix: {"description": …}."""
        return {
            name[len(prefix) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }


@dataclass(frozen=True)
class CaseAction:
    name: str
    label: Promise
    form: type[CaseActionForm]
    # Calls the service with the cleaned data; returns the message shown after success.
    perform: Callable[[User, EnforcementCase, Any, dict[str, Any]], str]
    roles: frozenset[Role]
    # The tab the user returns to (a URL name taking the case id).
    back: str
    article: str = ""
    # Fetches the object acted on, within the case; None when it is not in the case.
    lookup: Callable[[EnforcementCase, int], Any] | None = None
    style: Literal["primary", "secondary", "warning", "danger", "success"] = "primary"
    help: Promise | str = ""


def run_case_action(
    request: AuthedRequest,
    case_id: int,
    name: str,
    obj_id: int | None,
    actions: dict[str, CaseAction],
) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    action = actions.get(name)
    if action is None or (action.lookup is None) != (obj_id is None):
        raise Http404
    refusal = act_refusal(request.user, case, action.roles)
    if refusal:
        raise PermissionDenied(refusal)
    obj = None
    if action.lookup is not None:
        assert obj_id is not None
        obj = action.lookup(case, obj_id)
        if obj is None:
            raise Http404
    if request.method == "POST":
        form = action.form(request.POST, request.FILES, case=case, obj=obj)
    else:
        form = action.form(case=case, obj=obj, initial=dict(request.GET.items()))
    if request.method == "POST" and form.is_valid():
        try:
            message = action.perform(request.user, case, obj, {**form.cleaned_data, "_form": form})
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, message)
            return redirect(reverse(action.back, args=[case.pk]))
    context = {
        "case": case,
        "action": action,
        "obj": obj,
        "form": form,
        "back": reverse(action.back, args=[case.pk]),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/case_action.html", context, status=status)
