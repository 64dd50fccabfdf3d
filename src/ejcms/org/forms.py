from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ejcms.core.forms import DateInput
from ejcms.org.models import Court, District, HolidayOverride, Office, Province


class HolidayOverrideForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Change"), choices=HolidayOverride.Kind.choices)
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("Whole country"),
    )
    name_lo = forms.CharField(label=_("Name (Lao)"), max_length=150)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150, required=False)
    reference = forms.CharField(label=_("Announcement"), max_length=200, required=False)


class CourtForm(forms.Form):
    name_lo = forms.CharField(label=_("Name (Lao)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Court.Level.choices)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def for_court(cls, court: Court) -> CourtForm:
        initial = {
            "name_lo": court.name_lo,
            "name_en": court.name_en,
            "level": court.level,
            "province": court.province_id,
            "is_active": court.is_active,
        }
        return cls(initial=initial)


class IntakeRouteForm(forms.Form):
    """Where the decisions for the debtors of one district go (org.selectors.receiving_office)."""

    district = forms.ModelChoiceField(
        label=_("District of the debtor"), queryset=District.objects.none()
    )
    office = forms.ModelChoiceField(label=_("Receiving office"), queryset=Office.objects.none())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        districts: QuerySet[District],
        offices: QuerySet[Office],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["district"].label_from_instance = (  # type: ignore[attr-defined]
            lambda d: f"{d.code} {d.name} ({d.province.name})"
        )
        self.fields["office"].label_from_instance = (  # type: ignore[attr-defined]
            lambda o: f"{o.code} {o.name}"
        )


class AuditFilterForm(forms.Form):
    """What the auditor looks for; every field may stay empty."""

    case = forms.IntegerField(label=_("Case number in the system"), required=False, min_value=1)
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    office = forms.CharField(label=_("Office code"), required=False, max_length=8)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day is before the first."))
        return data


class StaffFilterForm(forms.Form):
    """Which accounts an administrator looks at: an office of their scope, a name."""

    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), required=False, empty_label=_("All")
    )
    q = forms.CharField(label=_("Name or user name"), required=False, max_length=100)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class StaffDisableForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log, with your name and the time."),
    )
