"""Forms of the assessment screens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ejcms.core.forms import DateInput
from ejcms.org.models import Province
from ejcms.org.roles import Role
from ejcms.training.choices import SCALE, Scope
from ejcms.training.models import Competency
from ejcms.training.services import RESPONDENT_ROLES

RATING_CHOICES = [("", "—")] + [(str(n), str(n)) for n in SCALE]


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.NATIONAL)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.order_by("code"), required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Who is asked"),
        choices=[(r.value, r.label) for r in Role if r in RESPONDENT_ROLES],
        initial=[Role.OFFICER, Role.HEAD],
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())
    questions = forms.CharField(
        label=_("Open questions (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].initial = timezone.localdate()


def _rating_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


class QuestionnaireForm(forms.Form):
    """Two ratings per competency (importance, own performance), years of service, open
    questions. Empty answers are allowed in a draft; the service decides at submission."""

    years_of_service = forms.IntegerField(
        label=_("Years of service in enforcement"), required=False, min_value=0, max_value=60
    )

    def __init__(
        self, *args: Any, competencies: list[Competency], questions: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"importance_{competency.pk}"] = _rating_field(_("Importance to my job"))
            self.fields[f"performance_{competency.pk}"] = _rating_field(_("How well I do it now"))
        self.questions = questions
        for index, question in enumerate(questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Competency, forms.BoundField, forms.BoundField]]:
        return [
            (c, self[f"importance_{c.pk}"], self[f"performance_{c.pk}"]) for c in self.competencies
        ]

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{i}"] for i in range(len(self.questions))]

    def ratings(self) -> dict[int, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {
            c.pk: (data.get(f"importance_{c.pk}"), data.get(f"performance_{c.pk}"))
            for c in self.competencies
        }

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(len(self.questions))]


class SupervisorForm(forms.Form):
    """The head's rating of one person's current performance in each competency."""

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            field = _rating_field(competency.name)
            field.required = True
            self.fields[f"performance_{competency.pk}"] = field

    def rows(self) -> list[tuple[Competency, forms.BoundField]]:
        return [(c, self[f"performance_{c.pk}"]) for c in self.competencies]

    def ratings(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"performance_{c.pk}"] for c in self.competencies}


class PaperImportForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (XLSX)"))
    accept_valid_rows = forms.BooleanField(
        label=_("Import the valid rows and leave the wrong ones out"), required=False
    )
