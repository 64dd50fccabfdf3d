"""Organisation screens: address pickers, working-day overrides and the court list."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ejcms.core.calendar import public_holidays
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.forms import attach_errors
from ejcms.core.http import AuthedRequest
from ejcms.core.models import AuditRecord
from ejcms.org.audit import AuditFilters, audit_records_for, may_read_audit
from ejcms.org.forms import (
    AuditFilterForm,
    CourtForm,
    HolidayOverrideForm,
    IntakeRouteForm,
    StaffDisableForm,
    StaffFilterForm,
)
from ejcms.org.models import (
    Court,
    District,
    HolidayOverride,
    IntakeRoute,
    Office,
    Province,
    StaffProfile,
)
from ejcms.org.roles import REFERENCE_ADMINS, Action, may
from ejcms.org.selectors import (
    account_scope,
    calendar_for,
    districts_of,
    staff_in_scope,
    staff_profile,
    villages_of,
)
from ejcms.org.services import (
    court_save,
    holiday_override_remove,
    holiday_override_set,
    intake_route_remove,
    intake_route_set,
    staff_disable,
    staff_enable,
)
from ejcms.org.two_factor import confirmed_device, two_factor_required, two_factor_reset


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_GET
def district_options(request: AuthedRequest) -> HttpResponse:
    """<option>s of the districts of a province, for the address picker (htmx)."""
    province_id = _int(request.GET.get("province") or _first_value(request, "-province"))
    return render(
        request,
        "org/options.html",
        {"items": districts_of(province_id), "empty": _("— district —")},
    )


@require_GET
def village_options(request: AuthedRequest) -> HttpResponse:
    district_id = _int(request.GET.get("district") or _first_value(request, "-district"))
    return render(
        request,
        "org/options.html",
        {"items": villages_of(district_id), "empty": _("— village —"), "codes": True},
    )


def _first_value(request: AuthedRequest, suffix: str) -> str | None:
    # htmx sends the triggering field under its form name, e.g. "parties-0-province".
    for key in request.GET:
        if key.endswith(suffix):
            return request.GET.get(key)
    return None


def _require_admin(request: AuthedRequest, message: str = "") -> None:
    profile = staff_profile(request.user)
    if profile is None or profile.role not in REFERENCE_ADMINS:
        raise PermissionDenied(message or _("Only an administrator may change reference data."))


@require_http_methods(["GET", "POST"])
def holidays(request: AuthedRequest) -> HttpResponse:
    _require_admin(request)
    year = _int(request.GET.get("year")) or timezone.localdate().year
    province_id = _int(request.GET.get("province"))
    province = Province.objects.filter(pk=province_id).first() if province_id else None
    form = HolidayOverrideForm(request.POST or None, initial={"province": province})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            holiday_override_set(
                actor=request.user,
                day=data["date"],
                kind=data["kind"],
                province=data["province"],
                name_lo=data["name_lo"],
                name_en=data["name_en"],
                reference=data["reference"],
            )
        except AccessDenied as exc:
            form.add_error(None, str(exc))
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Working-day calendar updated."))
            return redirect(f"{request.path}?year={data['date'].year}")
    calendar = calendar_for(province.pk if province else None, years=[year])
    overrides = HolidayOverride.objects.filter(date__year=year).select_related("province")
    context = {
        "form": form,
        "year": year,
        "province": province,
        "provinces": Province.objects.all(),
        "public": [
            (day, name, calendar.is_working_day(day)) for day, name in public_holidays(year)
        ],
        "overrides": overrides,
    }
    return render(
        request, "org/holidays.html", context, status=400 if request.method == "POST" else 200
    )


@require_POST
def holiday_remove(request: AuthedRequest, override_id: int) -> HttpResponse:
    _require_admin(request)
    override = get_object_or_404(HolidayOverride, pk=override_id)
    holiday_override_remove(actor=request.user, override=override)
    messages.success(request, _("Working-day calendar updated."))
    return redirect(f"/org/holidays/?year={override.date.year}")


def courts(request: AuthedRequest) -> HttpResponse:
    _require_admin(request)
    items = Court.objects.select_related("province").order_by("level", "province__code", "name_lo")
    return render(request, "org/courts.html", {"courts": items})


@require_http_methods(["GET", "POST"])
def court_edit(request: AuthedRequest, court_id: int | None = None) -> HttpResponse:
    _require_admin(request)
    court = get_object_or_404(Court, pk=court_id) if court_id else None
    if request.method == "POST":
        form = CourtForm(request.POST)
    else:
        form = CourtForm.for_court(court) if court else CourtForm()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            court_save(
                actor=request.user,
                court=court,
                name_lo=data["name_lo"],
                name_en=data["name_en"],
                level=data["level"],
                province=data["province"],
                is_active=data["is_active"],
            )
        except AccessDenied as exc:
            form.add_error(None, str(exc))
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Court saved."))
            return redirect("org:courts")
    return render(
        request,
        "org/court_edit.html",
        {"form": form, "court": court},
        status=400 if form.errors else 200,
    )


def _route_scope(request: AuthedRequest) -> Q:
    """The provinces whose routes an administrator changes: all for the DEJ's, else their own
    (as for the working days)."""
    profile = staff_profile(request.user)
    if profile is None or profile.office.level == Office.Level.CENTRAL:
        return Q()
    return Q(province_id=profile.office.province_id)


@require_http_methods(["GET", "POST"])
def intake_routes(request: AuthedRequest) -> HttpResponse:
    """Which office receives the decisions that courts send for the debtors of each district:
    the routes set here, by province; every other district goes to its own office."""
    _require_admin(request)
    scope = _route_scope(request)
    districts = District.objects.filter(scope).select_related("province")
    offices = Office.objects.filter(
        scope,
        is_active=True,
        level__in=[Office.Level.PROVINCIAL, Office.Level.DISTRICT],
    )
    form = IntakeRouteForm(
        request.POST or None,
        districts=districts,
        offices=offices,
        initial={"district": _int(request.GET.get("district"))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            intake_route_set(
                actor=request.user,
                district=data["district"],
                office=data["office"],
                note=data["note"],
            )
        except AccessDenied as exc:
            form.add_error(None, str(exc))
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(request, _("Intake route saved."))
            return redirect("org:intake_routes")
    routes = (
        IntakeRoute.objects.filter(district__in=districts)
        .select_related("district__province", "office")
        .order_by("district__province__code", "district__code")
    )
    by_province: dict[Province, list[IntakeRoute]] = {}
    for route in routes:
        by_province.setdefault(route.district.province, []).append(route)
    return render(
        request,
        "org/intake_routes.html",
        {"form": form, "by_province": by_province.items()},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def intake_route_delete(request: AuthedRequest, route_id: int) -> HttpResponse:
    _require_admin(request)
    route = get_object_or_404(
        IntakeRoute.objects.select_related("district__province", "office"), pk=route_id
    )
    intake_route_remove(actor=request.user, route=route)
    messages.success(request, _("Intake route removed: the district's own office receives."))
    return redirect("org:intake_routes")


@require_GET
def audit_log(request: AuthedRequest) -> HttpResponse:
    """The audit log for auditors: by case, user, office and date, 50 records a page."""
    if not may_read_audit(request.user):
        raise AccessDenied(visible=False)
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = AuditFilters(
            case_id=str(data["case"] or ""),
            username=data["user"] or "",
            office_code=data["office"] or "",
            start=data["start"],
            end=data["end"],
        )
    records = audit_records_for(request.user, filters)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "org/audit_log.html",
        {"form": form, "page": page},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _require_account_admin(request: AuthedRequest) -> None:
    profile = staff_profile(request.user)
    if profile is None or not may(profile.role, Action.ACCOUNTS_ADMIN):
        raise PermissionDenied(_("Only an administrator may disable or enable accounts."))


@require_GET
def staff(request: AuthedRequest) -> HttpResponse:
    """The accounts an administrator manages: by office and name, a page at a time."""
    _require_account_admin(request)
    offices = Office.objects.filter(account_scope(request.user).offices_q())
    form = StaffFilterForm(request.GET or None, offices=offices)
    office, query = None, ""
    if form.is_valid():
        office, query = form.cleaned_data["office"], form.cleaned_data["q"]
    page = Paginator(
        staff_in_scope(request.user, office=office, query=query), settings.EJCMS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "org/staff.html",
        {"form": form, "page": page},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _managed(request: AuthedRequest, user_id: int) -> StaffProfile:
    """A staff member whose account the administrator manages; 404 outside their scope."""
    _require_account_admin(request)
    return get_object_or_404(staff_in_scope(request.user), user_id=user_id)


def _staff_page(
    request: AuthedRequest, profile: StaffProfile, form: StaffDisableForm, status: int = 200
) -> HttpResponse:
    history = (
        AuditRecord.objects.filter(
            object_type=StaffProfile._meta.label_lower,
            object_id=str(profile.pk),
            action__in=["staff.disable", "staff.enable"],
        )
        | AuditRecord.objects.filter(
            object_type=profile.user._meta.label_lower,
            object_id=str(profile.user_id),
            action="auth.two_factor_reset",
        )
        .select_related("actor__staff_profile")
        .order_by("-sequence")[:20]
    )
    context = {
        "profile": profile,
        "account": profile.user,
        "form": form,
        "history": history,
        "is_self": profile.user_id == request.user.pk,
        "two_factor_device": confirmed_device(profile.user),
        "two_factor_required": two_factor_required(profile.user),
    }
    return render(request, "org/staff_detail.html", context, status=status)


@require_GET
def staff_detail(request: AuthedRequest, user_id: int) -> HttpResponse:
    return _staff_page(request, _managed(request, user_id), StaffDisableForm())


@require_POST
def account_disable(request: AuthedRequest, user_id: int) -> HttpResponse:
    profile = _managed(request, user_id)
    form = StaffDisableForm(request.POST)
    if form.is_valid():
        try:
            staff_disable(actor=request.user, user=profile.user, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            attach_errors(exc, form)
        else:
            messages.success(
                request,
                _("The account of %(name)s is disabled: its sessions have ended.")
                % {"name": profile.display_name},
            )
            return redirect("org:staff_detail", user_id=user_id)
    return _staff_page(request, profile, form, status=400)


@require_POST
def account_enable(request: AuthedRequest, user_id: int) -> HttpResponse:
    profile = _managed(request, user_id)
    try:
        staff_enable(actor=request.user, user=profile.user)
    except ApplicationError as exc:
        form = StaffDisableForm()
        attach_errors(exc, form)
        return _staff_page(request, profile, form, status=400)
    messages.success(
        request, _("The account of %(name)s is enabled again.") % {"name": profile.display_name}
    )
    return redirect("org:staff_detail", user_id=user_id)


@require_POST
def account_two_factor_reset(request: AuthedRequest, user_id: int) -> HttpResponse:
    """A lost phone: the account's authenticator is removed; its next login enrols a new one."""
    profile = _managed(request, user_id)
    two_factor_reset(actor=request.user, user=profile.user)
    messages.success(
        request,
        _(
            "The two-step login of %(name)s is reset: a new authenticator is set up at the "
            "next login."
        )
        % {"name": profile.display_name},
    )
    return redirect("org:staff_detail", user_id=user_id)
