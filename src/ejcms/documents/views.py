"""The documents tab of a case, issued documents and scans, the office's registers and
batches, and the national administrator's template pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ejcms.cases.models import EnforcementCase
from ejcms.cases.permissions import act_refusal
from ejcms.cases.selectors import case_for_user
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.documents.forms import BatchForm, IssueForm, RevisionForm, UploadForm
from ejcms.documents.kinds import KINDS, DocKind, find_subject, offered_kinds
from ejcms.documents.models import BatchStatus, IssuedDocument
from ejcms.documents.render import TemplateError, render_source
from ejcms.documents.samples import sample_data
from ejcms.documents.selectors import (
    attachment_of_case,
    batches_visible_to,
    case_attachments,
    case_documents,
    document_of_case,
    documents_visible_to,
    step_documents_due,
    template_revisions,
)
from ejcms.documents.services import (
    attachment_upload,
    batch_start,
    current_template,
    document_issue,
    template_revise,
)
from ejcms.org.roles import CASE_VIEWERS, Role
from ejcms.org.selectors import is_national_admin, staff_profile


def _pdf(content: Any, filename: str) -> FileResponse:
    response = FileResponse(content, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _titled(documents: Any) -> list[IssuedDocument]:
    """Documents with the title of their kind, in the reader's language."""
    rows = list(documents)
    for document in rows:
        kind = KINDS.get(document.kind)
        document.title = str(kind.title) if kind else document.kind
    return rows


def _kind(key: str) -> DocKind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]


# ---------------------------------------------------------------- the case's documents


def documents_due_links(request: AuthedRequest, case: EnforcementCase) -> list[tuple[str, str]]:
    """Beside the steps on the case page: the documents of the steps taken, not yet issued."""
    if act_refusal(request.user, case, OFFICER_OR_HEAD) is not None:
        return []
    links = []
    for kind, subject in step_documents_due(case):
        if kind in KINDS:
            url = reverse("documents:issue", args=[case.pk, kind]) + f"?subject={subject}"
            links.append((str(KINDS[kind].title), url))
    return links


def documents_tab(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    documents = _titled(case_documents(case))
    can_act = act_refusal(request.user, case, OFFICER_OR_HEAD) is None
    issued = {(d.kind, d.subject): d for d in documents if not _replaced(d)}
    offers = []
    if can_act:
        for kind, subjects in offered_kinds(case):
            for subject in subjects:
                existing = None if kind.repeatable else issued.get((kind.key, subject.key))
                offers.append((kind, subject, existing))
    upload = UploadForm(documents=case_documents(case))
    return render(
        request,
        "documents/tab_documents.html",
        {
            "case": case,
            "tab": "documents",
            "documents": documents,
            "attachments": case_attachments(case),
            "offers": offers,
            "can_act": can_act,
            "upload": upload,
        },
    )


def _replaced(document: IssuedDocument) -> bool:
    try:
        return document.replaced_by is not None
    except IssuedDocument.DoesNotExist:
        return False


def _issue_page(
    request: AuthedRequest,
    case: EnforcementCase,
    spec: DocKind,
    subject_key: str,
    original: IssuedDocument | None = None,
) -> HttpResponse:
    """The form that issues a document, or its correction when `original` is given."""
    refusal = act_refusal(request.user, case, OFFICER_OR_HEAD)
    if refusal:
        raise PermissionDenied(refusal)
    subject = find_subject(spec, case, subject_key)
    if subject is None:
        raise Http404
    initial = None
    if original is not None:
        initial = {"language": original.language, "note": original.data.get("note", "")}
    form = IssueForm(
        request.POST or None, kind=spec, correction=original is not None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_issue(
                actor=request.user,
                case=case,
                kind=spec.key,
                subject=subject.key,
                language=data["language"],
                note=data["note"],
                extra={name: data.get(name) for name in form.extra_names},
                replaces=original,
                reason=data.get("reason", ""),
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            values = {"title": spec.title, "number": document.register_label}
            if original is None:
                messages.success(request, _("%(title)s No. %(number)s issued.") % values)
            else:
                values["previous"] = original.register_label
                messages.success(
                    request,
                    _("%(title)s No. %(number)s issued, replacing No. %(previous)s.") % values,
                )
            return redirect("documents:detail", case.pk, document.pk)
    return render(
        request,
        "documents/issue.html",
        {"case": case, "kind": spec, "subject": subject, "form": form, "correcting": original},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def issue(request: AuthedRequest, case_id: int, kind: str) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    subject = request.POST.get("subject", request.GET.get("subject", ""))
    return _issue_page(request, case, _kind(kind), subject)


@require_http_methods(["GET", "POST"])
def correct(request: AuthedRequest, case_id: int, document_id: Any) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    original = document_of_case(case, document_id)
    if original is None:
        raise Http404
    return _issue_page(request, case, _kind(original.kind), original.subject, original)


def detail(request: AuthedRequest, case_id: int, document_id: Any) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    document = document_of_case(case, document_id)
    if document is None:
        raise Http404
    replaced_by = IssuedDocument.objects.filter(replaces=document).first()
    can_correct = (
        replaced_by is None
        and not KINDS[document.kind].ledger_numbered
        and act_refusal(request.user, case, OFFICER_OR_HEAD) is None
        and find_subject(KINDS[document.kind], case, document.subject) is not None
    )
    return render(
        request,
        "documents/detail.html",
        {
            "case": case,
            "tab": "documents",
            "document": document,
            "title": KINDS[document.kind].title if document.kind in KINDS else document.kind,
            "replaced_by": replaced_by,
            "can_correct": can_correct,
        },
    )


def document_pdf(request: AuthedRequest, case_id: int, document_id: Any) -> FileResponse:
    """The PDF exactly as issued, to those who may see the case (never a public URL)."""
    case = case_for_user(request.user, case_id)
    document = document_of_case(case, document_id)
    if document is None or not document.file:
        raise Http404
    return _pdf(document.file.open("rb"), f"{document.kind}-{document.year}-{document.number}.pdf")


@require_http_methods(["POST"])
def upload(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, for_write=True)
    refusal = act_refusal(request.user, case, OFFICER_OR_HEAD)
    if refusal:
        raise PermissionDenied(refusal)
    form = UploadForm(request.POST, request.FILES, documents=case_documents(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment_upload(
                actor=request.user,
                case=case,
                kind=data["kind"],
                title=data["title"],
                upload=data["file"],
                document=data["document"],
            )
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("The file was added to the case."))
            return redirect("documents:tab", case.pk)
    return render(
        request,
        "documents/upload.html",
        {"case": case, "form": form, "tab": "documents"},
        status=400,
    )


def attachment_file(request: AuthedRequest, case_id: int, attachment_id: Any) -> FileResponse:
    case = case_for_user(request.user, case_id)
    attachment = attachment_of_case(case, attachment_id)
    if attachment is None or not attachment.file:
        raise Http404
    extension = (attachment.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=f"{attachment.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- the office's registers


def register(request: AuthedRequest) -> HttpResponse:
    """The document registers of the offices the user sees, by kind and year."""
    profile = staff_profile(request.user)
    if profile is None:
        raise AccessDenied(_("No such page."), visible=False)
    if profile.role not in CASE_VIEWERS:
        raise PermissionDenied(_("Your account has no access to enforcement cases."))
    today = timezone.localdate()
    kind = request.GET.get("kind", "")
    year_text = request.GET.get("year", str(today.year))
    year = int(year_text) if year_text.isdigit() else today.year
    rows = documents_visible_to(request.user).filter(year=year)
    if kind in KINDS:
        rows = rows.filter(kind=kind)
    rows = rows.order_by("office__code", "kind", "-number")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    page.object_list = _titled(page.object_list)
    is_head = profile.role == Role.HEAD
    form = BatchForm(request.POST or None) if is_head else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the head of office issues documents in a batch."))
        if form.is_valid():
            try:
                batch = batch_start(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                attach_errors(exc, form)
            else:
                return redirect("documents:batch", batch.pk)
    return render(
        request,
        "documents/register.html",
        {
            "page": page,
            "kind": kind,
            "year": year,
            "years": range(today.year, today.year - 11, -1),
            "kinds": [(k, v.title) for k, v in KINDS.items()],
            "form": form,
            "batches": batches_visible_to(request.user).order_by("-created_at")[:10],
        },
        status=400 if request.method == "POST" else 200,
    )


def batch(request: AuthedRequest, batch_id: Any) -> HttpResponse:
    found = batches_visible_to(request.user).filter(pk=batch_id).first()
    if found is None:
        raise Http404
    running = found.status in (BatchStatus.QUEUED, BatchStatus.RUNNING)
    documents = found.documents.select_related("case").order_by("number")[:500]
    return render(
        request,
        "documents/batch.html",
        {
            "batch": found,
            "running": running,
            "documents": documents,
            "title": KINDS[found.kind].title,
        },
    )


# ---------------------------------------------------------------- templates


def _sample_pdf(spec: DocKind, source: str, language: str) -> bytes:
    """`source` rendered with the sample data of its kind (raises TemplateError)."""
    with translation.override(language):
        return render_source(source, sample_data(spec.key, language, str(spec.title)))


def _require_template_admin(request: AuthedRequest) -> None:
    if not is_national_admin(request.user):
        raise AccessDenied(_("Only a national administrator may revise document templates."))


def templates(request: AuthedRequest) -> HttpResponse:
    _require_template_admin(request)
    today = timezone.localdate()
    rows = [(kind, current_template(kind.key, today)) for kind in KINDS.values()]
    return render(request, "documents/templates.html", {"rows": rows, "today": today})


@require_http_methods(["GET", "POST"])
def template_kind(request: AuthedRequest, kind: str) -> HttpResponse | FileResponse:
    _require_template_admin(request)
    spec = _kind(kind)
    today = timezone.localdate()
    in_use = current_template(kind, today)
    form = RevisionForm(
        request.POST or None,
        request.FILES or None,
        initial={"source": in_use.source, "effective_from": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            language = "en" if request.POST.get("preview_language") == "en" else "lo"
            try:
                pdf = _sample_pdf(spec, data["source"], language)
            except TemplateError as exc:
                form.add_error("source", exc.message)
            else:
                return _pdf(iter([pdf]), f"{kind}-preview.pdf")
        else:
            try:
                revision = template_revise(
                    actor=request.user,
                    kind=kind,
                    source=data["source"],
                    effective_from=data["effective_from"],
                    note=data["note"],
                )
            except ApplicationError as exc:
                attach_errors(exc, form)
            else:
                messages.success(
                    request,
                    _("Revision %(revision)s saved; in use from %(date)s.")
                    % {"revision": revision.revision, "date": revision.effective_from},
                )
                return redirect("documents:template", kind)
    return render(
        request,
        "documents/template_kind.html",
        {
            "kind": spec,
            "in_use": in_use,
            "revisions": template_revisions(kind),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def template_sample(
    request: AuthedRequest, kind: str, revision: int
) -> HttpResponse | FileResponse:
    """A revision rendered with the sample data, as a PDF (Lao, or ?lang=en)."""
    _require_template_admin(request)
    spec = _kind(kind)
    found = template_revisions(kind).filter(revision=revision).first()
    if found is None:
        raise Http404
    language = "en" if request.GET.get("lang") == "en" else "lo"
    try:
        pdf = _sample_pdf(spec, found.source, language)
    except TemplateError as exc:
        return HttpResponse(exc.message, content_type="text/plain; charset=utf-8", status=500)
    return _pdf(iter([pdf]), f"{kind}-r{revision}-sample.pdf")
