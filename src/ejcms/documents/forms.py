"""Forms of the documents module: issuing, correcting, uploading, batches, template revisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ejcms.core.forms import DateInput
from ejcms.documents.kinds import DocKind
from ejcms.documents.models import AttachmentKind, IssuedDocument

LANGUAGE_CHOICES = [("lo", _("Lao")), ("en", _("English (for a foreign party)"))]


class IssueForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="lo")
    note = forms.CharField(
        label=_("Additional text (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, kind: DocKind, correction: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for extra in kind.extra:
            if extra.type == "date":
                self.fields[extra.name] = forms.DateField(
                    label=str(extra.label), required=extra.required, widget=DateInput()
                )
            else:
                self.fields[extra.name] = forms.CharField(
                    label=str(extra.label), required=extra.required, max_length=100
                )
        if correction:
            self.fields["reason"] = forms.CharField(
                label=_("What the correction changes"),
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.extra_names = [e.name for e in kind.extra]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    document = forms.ModelChoiceField(
        label=_("Signed copy of"),
        queryset=IssuedDocument.objects.none(),
        required=False,
    )
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, documents: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["document"].label_from_instance = lambda d: d.register_label  # type: ignore[attr-defined]


class BatchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Documents"),
        choices=[("receipt", _("Receipts")), ("payout_record", _("Payout records"))],
    )
    period_from = forms.DateField(label=_("From"), widget=DateInput())
    period_to = forms.DateField(label=_("To"), widget=DateInput())


class RevisionForm(forms.Form):
    source = forms.CharField(
        label=_("Typst source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "font-monospace", "spellcheck": "false"}),
    )
    source_file = forms.FileField(
        label=_("or a .typ file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".typ"}),
    )
    effective_from = forms.DateField(label=_("In use from"), widget=DateInput())
    note = forms.CharField(label=_("What changed"), max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("source_file")
        if upload is not None:
            if upload.size > 512 * 1024:
                self.add_error("source_file", _("A template is at most 512 KB."))
                return data
            try:
                data["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("source_file", _("The file is not UTF-8 text."))
        if not (data.get("source") or "").strip() and not self.errors.get("source_file"):
            self.add_error("source", _("Paste the template or choose a .typ file."))
        return data
