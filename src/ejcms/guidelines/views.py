"""The law at hand: each law's article index (gaps shown) and each article's text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ejcms.core.errors import ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.guidelines.models import GuidelineSection, Law
from ejcms.guidelines.selectors import guideline_sections
from ejcms.guidelines.services import (
    GuidelineData,
    guideline_save,
    known_targets,
    may_edit_guidelines,
)


def law_index(request: AuthedRequest) -> HttpResponse:
    laws = []
    for law in Law.objects.all():
        present = {a.number: a for a in law.articles.only("number", "title", "law")}
        laws.append((law, [(n, present.get(n)) for n in range(1, law.article_count + 1)]))
    return render(request, "guidelines/law_index.html", {"laws": laws})


def article_page(request: AuthedRequest, code: str, number: int) -> HttpResponse:
    law = Law.objects.filter(code=code).first()
    if law is None or not 1 <= number <= law.article_count:
        raise Http404
    article = law.articles.filter(number=number).first()
    context = {
        "law": law,
        "number": number,
        "article": article,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < law.article_count else None,
    }
    return render(request, "guidelines/article.html", context)


class GuidelineForm(forms.Form):
    code = forms.SlugField(label=gettext_lazy("Code"), max_length=40)
    title_lo = forms.CharField(label=gettext_lazy("Title (Lao)"), max_length=200)
    title_en = forms.CharField(
        label=gettext_lazy("Title (English)"), max_length=200, required=False
    )
    body_lo = forms.CharField(
        label=gettext_lazy("Text (Lao)"), widget=forms.Textarea(attrs={"rows": 12})
    )
    body_en = forms.CharField(
        label=gettext_lazy("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    steps = forms.MultipleChoiceField(
        label=gettext_lazy("Steps, measures, time limits and modules it explains"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=gettext_lazy("What changed"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["steps"].choices = list(known_targets().items())  # type: ignore[attr-defined]
        self.fields["body_lo"].help_text = _(
            "Paragraphs, lists, headings, tables and links are kept; anything else is removed."
        )


def guideline_index(request: AuthedRequest) -> HttpResponse:
    context = {"sections": guideline_sections(), "can_edit": may_edit_guidelines(request.user)}
    return render(request, "guidelines/guideline_index.html", context)


def guideline_page(request: AuthedRequest, code: str, version: int | None = None) -> HttpResponse:
    section = GuidelineSection.objects.filter(code=code).first()
    if section is None:
        raise Http404
    versions = list(section.versions.all())
    shown = next((v for v in versions if version is None or v.version == version), None)
    if shown is None:
        raise Http404
    context = {
        "section": section,
        "shown": shown,
        "versions": versions,
        "current": versions[0],
        "can_edit": may_edit_guidelines(request.user),
    }
    return render(request, "guidelines/guideline.html", context)


@require_http_methods(["GET", "POST"])
def guideline_edit(request: AuthedRequest, code: str | None = None) -> HttpResponse:
    if not may_edit_guidelines(request.user):
        raise PermissionDenied(_("Only a national administrator edits the Guidelines."))
    initial: dict[str, Any] = {}
    if code is not None:
        section = GuidelineSection.objects.filter(code=code).first()
        if section is None:
            raise Http404
        current = section.versions.first()
        if current is not None:
            initial = {
                "code": section.code,
                "title_lo": current.title_lo,
                "title_en": current.title_en,
                "body_lo": current.body_lo,
                "body_en": current.body_en,
                "steps": section.steps,
            }
    form = GuidelineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            version = guideline_save(
                actor=request.user,
                data=GuidelineData(
                    code=d["code"],
                    title_lo=d["title_lo"],
                    title_en=d.get("title_en", ""),
                    body_lo=d["body_lo"],
                    body_en=d.get("body_en", ""),
                    note=d.get("note", ""),
                    steps=tuple(d.get("steps") or ()),
                ),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Saved as version %(n)s.") % {"n": version.version})
            return redirect("guidelines:guideline", code=version.section.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "guidelines/guideline_edit.html", {"form": form}, status=status)
