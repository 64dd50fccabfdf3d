"""The import of an office's earlier register: the template, the upload, the report row by row,
and the import itself."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.org.selectors import office_scope, staff_profile
from ejcms.reports.legacy import MAX_BYTES, template_csv, template_xlsx
from ejcms.reports.legacy_rows import report_lines
from ejcms.reports.legacy_services import (
    import_for_user,
    import_refusal,
    imports_visible_to,
    legacy_check,
    legacy_import,
)
from ejcms.reports.models import LegacyImport

REPORT_PAGE = 200

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File of the earlier register (.xlsx or .csv)"),
        help_text=gettext_lazy("At most 20,000 rows and 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _require_staff(request: AuthedRequest) -> None:
    """The import pages are for those who see an office's cases (as the case list is)."""
    if staff_profile(request.user) is None:
        raise AccessDenied(_("No such page."), visible=False)
    if office_scope(request.user).nothing:
        raise AccessDenied(_("Your account has no access to enforcement cases."))


def _problems(batch: LegacyImport) -> int:
    """Rows with problems (the report itself may be large and is not read for the list)."""
    return max(batch.rows - batch.valid_rows - batch.skipped_rows, 0)


@require_http_methods(["GET", "POST"])
def legacy_imports(request: AuthedRequest) -> HttpResponse:
    """Upload a file to check it; the templates; the imports of the offices the user sees."""
    _require_staff(request)
    profile = staff_profile(request.user)
    assert profile is not None  # checked by _require_staff
    refusal = import_refusal(request.user, profile.office)
    form = UploadForm(request.POST or None, request.FILES or None) if refusal is None else None
    if request.method == "POST":
        if form is None:
            raise AccessDenied(refusal or "")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # One byte beyond the limit is enough to refuse the file as too large.
            data = upload.read(MAX_BYTES + 1)
            try:
                batch = legacy_check(
                    actor=request.user,
                    office=profile.office,
                    file_name=upload.name or "",
                    data=data,
                )
            except ApplicationError as exc:
                attach_errors(exc, form)
            else:
                return redirect("reports:import_detail", batch.pk)
    imports = list(imports_visible_to(request.user).defer("report", "data")[:50])
    for batch in imports:
        batch.problems = _problems(batch)  # type: ignore[attr-defined]
    return render(
        request,
        "reports/import.html",
        {"form": form, "imports": imports, "office": profile.office},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def legacy_template(request: AuthedRequest) -> HttpResponse:
    """The empty template, as an Excel workbook (?format=xlsx) or CSV (?format=csv)."""
    _require_staff(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt == "xlsx":
        response = HttpResponse(template_xlsx(), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    name = f"ejcms-earlier-register.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def legacy_import_detail(request: AuthedRequest, import_id: int) -> HttpResponse:
    """The report of a checked file; POST imports it (all rows, or only the valid ones)."""
    batch = import_for_user(request.user, import_id)
    refusal = import_refusal(request.user, batch.office)
    if request.method == "POST":
        if refusal is not None:
            raise AccessDenied(refusal)
        accept = request.POST.get("accept_valid_rows") == "1"
        try:
            batch = legacy_import(actor=request.user, batch=batch, accept_valid_rows=accept)
        except ApplicationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(imported)s cases imported; %(skipped)s rows were already imported.")
                % {"imported": batch.imported_rows, "skipped": batch.skipped_rows},
            )
        return redirect("reports:import_detail", batch.pk)
    lines = report_lines(batch)
    page = Paginator(lines, REPORT_PAGE).get_page(request.GET.get("page"))
    checked = batch.status == LegacyImport.Status.CHECKED
    return render(
        request,
        "reports/import_detail.html",
        {
            "batch": batch,
            "page": page,
            "problems": len(batch.report),
            "problem_lines": len(lines),
            "checked": checked,
            "can_import": refusal is None and checked and batch.valid_rows > 0,
        },
    )
