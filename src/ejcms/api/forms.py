"""The administrator's form for a new API client."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ejcms.api.services import CLIENT_ROLES
from ejcms.core.api_actions import ApiAction
from ejcms.org.models import Office


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The system that will use the token, e.g. the court's case system."),
    )
    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.none(),
        help_text=_("The client sees and does what a staff member of this office may."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in CLIENT_ROLES]
    )
    actions = forms.MultipleChoiceField(
        label=_("Allowed actions"),
        choices=ApiAction.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
