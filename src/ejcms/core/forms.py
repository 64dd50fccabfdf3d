"""Form helpers shared by every app: the date input, and service refusals shown on their fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def attach_errors(
    error: ValidationError,
    form: forms.Form,
    formsets: Mapping[str, forms.BaseFormSet] | None = None,
) -> None:
    """Put each message of `error` on its field. Keys like "parties-1-name_lo" name a field of
    the second form of the "parties" formset; unknown keys become errors of the whole form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, errors in error.error_dict.items():
        messages: Sequence[str] = [m for e in errors for m in e.messages]
        target, field = _locate(key, form, formsets or {})
        for message in messages:
            target.add_error(field, message)


def _locate(
    key: str, form: forms.Form, formsets: Mapping[str, forms.BaseFormSet]
) -> tuple[forms.Form, str | None]:
    if key in form.fields:
        return form, key
    prefix, _sep, rest = key.partition("-")
    formset = formsets.get(prefix)
    if formset is not None:
        index, _sep, field = rest.partition("-")
        if index.isdigit() and int(index) < len(formset.forms):
            child = formset.forms[int(index)]
            return child, field if field in child.fields else None
    return form, None


def error_summary(
    form: forms.Form, formsets: Mapping[str, tuple[str, forms.BaseFormSet]] | None = None
) -> list[str]:
    """Every error as "Field: message", with the row named for formsets ("Party 2 · Name: …")."""
    lines: list[str] = []

    def _collect(f: forms.Form, row_label: str = "") -> None:
        for field, messages in f.errors.items():
            label = (
                ""
                if field == "__all__"
                else str(f.fields[field].label)
                if field in f.fields
                else field
            )
            for message in messages:
                parts = [p for p in (row_label, label) if p]
                lines.append(f"{' · '.join(parts)}: {message}" if parts else str(message))

    _collect(form)
    for row_name, formset in (formsets or {}).values():
        for message in formset.non_form_errors():
            lines.append(f"{row_name}: {message}")
        for index, child in enumerate(formset.forms, start=1):
            _collect(child, f"{row_name} {index}")
    return lines


class DateInput(forms.DateInput):
    """A date typed day/month/year. Not the browser's date picker: Chromium shows it in the
    operating system's order, month first on the English Windows of most offices."""

    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class AmountField(forms.Field):
    """An amount typed as the user writes it: 15.000.000 in Lao, 15,000,000 in English."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "40"})

    def to_python(self, value: Any) -> Any:
        from ejcms.core.money import parse_amount

        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(_("The amount is too long."))
        try:
            return parse_amount(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
