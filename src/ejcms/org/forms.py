from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ejcms.core.forms import DateInput
from ejcms.org.models import Court, HolidayOverride, Province


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
