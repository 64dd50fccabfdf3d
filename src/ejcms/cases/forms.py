"""Forms of the case screens. They check the shape of what is typed; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.forms import formset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ejcms.cases.choices import (
    MONEY_OBLIGATIONS,
    CaseSource,
    ComplaintAgainst,
    ComplaintDecision,
    DecisionKind,
    IdDocumentType,
    NoticeMethod,
    ObligationKind,
    PartyKind,
    PartyRole,
    State,
)
from ejcms.cases.services import DecisionData, ObligationData, PartyData
from ejcms.cases.services.intake import validate_obligation, validate_party
from ejcms.cases.services.workflow import grounds_for
from ejcms.cases.workflow import Transition
from ejcms.core.forms import DateInput
from ejcms.core.money import Currency, parse_amount
from ejcms.org.models import Court, District, Province, Village
from ejcms.org.selectors import courts_active, districts_of, villages_of


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class DecisionForm(forms.Form):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())
    number = forms.CharField(label=_("Decision number"), max_length=64)
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    decided_on = _date_field(_("Date of the decision"))
    final_on = _date_field(_("Date it became final"))
    source = forms.ChoiceField(
        label=_("How the case came"), choices=CaseSource.choices, initial=CaseSource.COURT
    )
    received_on = _date_field(_("Date received"))
    operative_part = forms.CharField(
        label=_("Operative part"), widget=forms.Textarea(attrs={"rows": 4})
    )
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked: register this decision again"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = courts_active()  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()

    def decision_data(self) -> DecisionData:
        data = self.cleaned_data
        return DecisionData(
            court=data["court"],
            number=data["number"],
            decided_on=data["decided_on"],
            final_on=data["final_on"],
            kind=data["kind"],
            operative_part=data["operative_part"],
        )


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("Person or entity"), choices=PartyKind.choices)
    name_lo = forms.CharField(label=_("Name (Lao)"), max_length=200)
    name_latin = forms.CharField(label=_("Name (Latin script)"), max_length=200, required=False)
    id_document_type = forms.ChoiceField(
        label=_("Identity document"), choices=IdDocumentType.choices, initial=IdDocumentType.ID_CARD
    )
    id_document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Village.objects.none(), required=False
    )
    address_detail = forms.CharField(label=_("House, unit, street"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The address pickers: choosing a province loads its districts, a district its villages.
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("org:district_options"),
                "hx-target": f"#{self['district'].auto_id}",
                "hx-swap": "innerHTML",
            }
        )
        self.fields["district"].widget.attrs.update(
            {
                "hx-get": reverse("org:village_options"),
                "hx-target": f"#{self['village'].auto_id}",
                "hx-swap": "innerHTML",
            }
        )
        # Only the districts of the chosen province and the villages of the chosen district are
        # offered (and accepted): a page of 60 villages, not 9,783.
        if self.is_bound:
            province_id = self.data.get(self.add_prefix("province"))
            district_id = self.data.get(self.add_prefix("district"))
        else:
            province_id = str(self.initial.get("province") or "")
            district_id = str(self.initial.get("district") or "")
        self.fields["district"].queryset = districts_of(_int(province_id))  # type: ignore[attr-defined]
        self.fields["village"].queryset = villages_of(_int(district_id))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            for name, message in validate_party(self.party_data()).items():
                self.add_error(name, message)
        return cleaned

    def party_data(self) -> PartyData:
        data = self.cleaned_data
        return PartyData(
            role=data["role"],
            kind=data["kind"],
            name_lo=data["name_lo"],
            name_latin=data.get("name_latin", ""),
            id_document_type=data["id_document_type"],
            id_document_number=data.get("id_document_number", ""),
            province=data.get("province"),
            district=data.get("district"),
            village=data.get("village"),
            address_detail=data.get("address_detail", ""),
            phone=data.get("phone", ""),
        )


class ObligationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Obligation"), choices=ObligationKind.choices)
    amount = forms.CharField(label=_("Amount"), max_length=40, required=False)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=Currency.choices, initial=Currency.LAK, required=False
    )
    currency_other = forms.CharField(label=_("Other currency (code)"), max_length=3, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_amount(self) -> Decimal | None:
        text = self.cleaned_data.get("amount", "").strip()
        if not text:
            return None
        try:
            return parse_amount(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        other = cleaned.get("currency") == Currency.OTHER
        if other:
            cleaned["currency"] = cleaned.get("currency_other", "").strip().upper()
        for name, message in validate_obligation(self.obligation_data()).items():
            self.add_error("currency_other" if name == "currency" and other else name, message)
        return cleaned

    def obligation_data(self) -> ObligationData:
        data = self.cleaned_data
        money = data["kind"] in MONEY_OBLIGATIONS
        return ObligationData(
            kind=data["kind"],
            amount=data.get("amount") if money else None,
            currency=(data.get("currency") or "") if money else "",
            description=data.get("description", ""),
        )


class PartyCorrectionForm(PartyForm):
    """The details of one party of a registered case; its role in the case stays."""

    def __init__(self, *args: Any, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = role
        self.fields["role"].disabled = True

    @classmethod
    def initial_for(cls, party: Any) -> dict[str, Any]:
        fields = [
            "kind",
            "name_lo",
            "name_latin",
            "id_document_type",
            "id_document_number",
            "address_detail",
            "phone",
        ]
        initial = {name: getattr(party, name) for name in fields}
        initial.update(
            province=party.province_id, district=party.district_id, village=party.village_id
        )
        return initial


PartyFormSet = formset_factory(PartyForm, extra=0, min_num=2, validate_min=True, max_num=50)
ObligationFormSet = formset_factory(
    ObligationForm, extra=0, min_num=1, validate_min=True, max_num=30
)


class StepForm(forms.Form):
    """The form of one workflow step, with the fields its declaration lists."""

    on = _date_field(_("Date of the act"))
    notice_method = forms.ChoiceField(
        label=_("How the notice was given"), choices=NoticeMethod.choices
    )
    ground = forms.ChoiceField(label=_("Legal ground"), choices=())
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, transition: Transition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        for name in ("notice_method", "ground", "note"):
            if name not in transition.fields:
                del self.fields[name]
        grounds = grounds_for(transition)
        if grounds is not None and "ground" in self.fields:
            self.fields["ground"].choices = [("", "—"), *grounds.choices]  # type: ignore[attr-defined]
        if "note" in transition.required and "note" in self.fields:
            self.fields["note"].required = True
            self.fields["note"].label = _("Reason")


class ReassignForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("New officer in charge"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["officer"].label_from_instance = lambda user: user.staff_profile.display_name  # type: ignore[attr-defined]


class ComplaintForm(forms.Form):
    """A complaint a party filed against an act of enforcement (Art. 20, 51, 52)."""

    filed_on = _date_field(_("Date filed"))
    complainant = forms.ChoiceField(label=_("Filed by"), choices=PartyRole.choices)
    against = forms.ChoiceField(label=_("Against"), choices=ComplaintAgainst.choices)
    summary = forms.CharField(
        label=_("What the complaint says"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filed_on"].initial = timezone.localdate()


class ComplaintDecisionForm(forms.Form):
    decided_on = _date_field(_("Date of the decision"))
    decision = forms.ChoiceField(label=_("Decision"), choices=ComplaintDecision.choices)
    note = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *State.choices], required=False
    )
    officer = forms.ModelChoiceField(
        label=_("Officer in charge"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of decision"), choices=[("", _("All")), *DecisionKind.choices], required=False
    )
    received_from = _date_field(_("Received from"), required=False)
    received_to = _date_field(_("Received until"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, officers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["officer"].label_from_instance = lambda user: user.staff_profile.display_name  # type: ignore[attr-defined]
