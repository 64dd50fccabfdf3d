"""The statistics pages: a dashboard for the country, a province, an office or an officer, its
tables as CSV and XLSX, the periodic report as PDF, and the baseline snapshots."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ejcms.core.db_router import replica_reads
from ejcms.core.errors import ApplicationError
from ejcms.core.formatting import format_date
from ejcms.core.http import AuthedRequest
from ejcms.org.models import Office
from ejcms.org.roles import Role
from ejcms.org.selectors import office_scope, staff_profile
from ejcms.reports import periods
from ejcms.reports.models import Snapshot
from ejcms.reports.periods import Period, PeriodError
from ejcms.reports.report import periodic_report_pdf
from ejcms.reports.selectors import (
    OFFICER,
    Indicators,
    backlog_standard_days,
    indicators,
    parent_chain,
    unit_for,
)
from ejcms.reports.services import SNAPSHOT_TAKERS, snapshot_take, snapshot_withdraw
from ejcms.reports.tables import all_tables, compare, key_figures, to_csv, to_xlsx

MIN_STANDARD, MAX_STANDARD = 30, 3650


class Query:
    """What a statistics page was asked: the unit, the period and the backlog standard, read
    from the URL with a message for each thing that cannot be read."""

    def __init__(self, request: AuthedRequest) -> None:
        self.errors: list[str] = []
        today = timezone.localdate()
        self.today = today
        self.unit = unit_for(request.user, request.GET.get("unit") or None)
        key = request.GET.get("period", "")
        start, end = request.GET.get("from", ""), request.GET.get("to", "")
        if start and end:
            key = f"{start}..{end}"
        elif start or end:
            self.errors.append(_("Period: give both the first and the last day."))
        self.period: Period = periods.period_containing("year", today)
        if key:
            try:
                self.period = periods.parse(key)
            except PeriodError as error:
                self.errors.append(_("Period: %(error)s") % {"error": error})
        standard = request.GET.get("standard", "")
        self.standard = backlog_standard_days()
        if standard:
            if standard.isdigit() and MIN_STANDARD <= int(standard) <= MAX_STANDARD:
                self.standard = int(standard)
            else:
                self.errors.append(
                    _("Time standard: give a number of days from %(min)s to %(max)s.")
                    % {"min": MIN_STANDARD, "max": MAX_STANDARD}
                )

    def params(self, **changes: Any) -> str:
        values: dict[str, str] = {
            "unit": self.unit.key,
            "period": self.period.key,
            "standard": str(self.standard),
        }
        values.update({key: str(value) for key, value in changes.items()})
        return urlencode({k: v for k, v in values.items() if v})

    def indicators(self) -> Indicators:
        return indicators(self.unit, self.period, standard_days=self.standard, today=self.today)

    def heading(self) -> list[str]:
        return [
            f"{self.unit.name} · {self.period.label}",
            _("Backlog: pending more than %(days)s days") % {"days": self.standard},
            _("Computed on %(date)s") % {"date": format_date(self.today)},
        ]


def _charts(ind: Indicators) -> dict[str, Any]:
    """The data each chart draws, from the same rows as the tables beside it."""
    units = [row for row in ind.rows if row.unit is not None]
    return {
        "flow": {
            "labels": [row.unit.name for row in units if row.unit],
            "series": [
                {"label": _("Incoming"), "data": [row.incoming for row in units]},
                {"label": _("Resolved"), "data": [row.resolved for row in units]},
                {"label": _("Pending at end"), "data": [row.pending_end for row in units]},
            ],
        },
        "outcomes": {
            "labels": [label for _value, label, _count in ind.outcomes],
            "series": [{"label": _("Cases"), "data": [count for *_rest, count in ind.outcomes]}],
        },
        "stages": {
            "labels": [stage.label for stage in ind.stages],
            "series": [
                {"label": _("Median (days)"), "data": [stage.median for stage in ind.stages]},
                {"label": _("90th percentile (days)"), "data": [stage.p90 for stage in ind.stages]},
            ],
        },
    }


@replica_reads
def dashboard(request: AuthedRequest) -> HttpResponse:
    query = Query(request)
    ind = query.indicators()
    tables = all_tables(ind)
    offered = periods.choices_around(query.today)
    profile = staff_profile(request.user)
    may_snapshot = (
        profile is not None and profile.role in SNAPSHOT_TAKERS and query.unit.level != OFFICER
    )
    return render(
        request,
        "reports/dashboard.html",
        {
            "q": query,
            "ind": ind,
            "figures": key_figures(ind),
            "tables": {table.name: table for table in tables},
            "charts": _charts(ind),
            "chain": parent_chain(query.unit, request.user),
            "offered": offered,
            "period_offered": any(p.key == query.period.key for p in offered),
            "may_snapshot": may_snapshot,
            "snapshots": _snapshots_of(request, query.unit.key)[:5],
            "import_url": reverse("reports:import"),
        },
        status=400 if query.errors else 200,
    )


@replica_reads
def export(request: AuthedRequest, name: str, fmt: str) -> HttpResponse:
    query = Query(request)
    if query.errors:
        return HttpResponse("\n".join(query.errors), status=400, content_type="text/plain")
    tables = all_tables(query.indicators())
    if name != "all":
        tables = [table for table in tables if table.name == name]
        if not tables:
            raise Http404
    stem = f"ejcms-{name}-{query.unit.key}-{query.period.key}".replace("..", "_")
    if fmt == "csv":
        if len(tables) != 1:
            raise Http404
        response = HttpResponse(to_csv(tables[0]), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    response = HttpResponse(
        to_xlsx(tables, query.heading()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@replica_reads
def report_pdf(request: AuthedRequest) -> HttpResponse:
    query = Query(request)
    if query.errors:
        return HttpResponse("\n".join(query.errors), status=400, content_type="text/plain")
    profile = staff_profile(request.user)
    pdf = periodic_report_pdf(query.indicators(), author=profile, today=query.today)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"ejcms-report-{query.unit.key}-{query.period.key}".replace("..", "_")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _snapshots_of(request: AuthedRequest, unit_key: str | None = None) -> list[Snapshot]:
    """The baselines of the units the user may see (of one unit, if given), in one query."""
    scope = office_scope(request.user)
    found = Snapshot.objects.select_related("taken_by__staff_profile").order_by("-taken_at")
    profile = staff_profile(request.user)
    if profile is not None and profile.role == Role.OFFICER:
        return []  # baselines are of offices and provinces; an officer sees their own page only
    if not scope.everything:
        offices = Office.objects.filter(scope.offices_q()).values_list("pk", flat=True)
        keys = [f"office-{pk}" for pk in offices]
        if scope.province_id is not None:
            keys.append(f"province-{scope.province_id}")
        found = found.filter(unit_key__in=keys)
    if unit_key is not None:
        found = found.filter(unit_key=unit_key)
    return list(found[:200])


@require_http_methods(["GET", "POST"])
def snapshots(request: AuthedRequest) -> HttpResponse:
    """The baselines the user may see; a POST takes a new one of the page's unit and period."""
    if request.method == "POST":
        query = Query(request)
        back = reverse("reports:dashboard") + "?" + query.params()
        if query.errors:
            for error in query.errors:
                messages.error(request, error)
            return redirect(back)
        try:
            snapshot = snapshot_take(
                actor=request.user,
                unit_key=query.unit.key,
                period=query.period,
                label=request.POST.get("label", ""),
                standard_days=query.standard,
                today=query.today,
            )
        except ApplicationError as error:
            for message in error.messages:
                messages.error(request, _("Baseline not taken: %(why)s") % {"why": message})
            return redirect(back)
        messages.success(request, _("Baseline “%(label)s” taken.") % {"label": snapshot.label})
        return redirect("reports:snapshot", snapshot.pk)
    unit_for(request.user, None)  # 404 for who sees no statistics
    return render(request, "reports/snapshots.html", {"snapshots": _snapshots_of(request)})


def snapshot(request: AuthedRequest, pk: int) -> HttpResponse:
    """A baseline beside any later period of the same unit, with the change."""
    frozen = get_object_or_404(Snapshot, pk=pk)
    unit_for(request.user, frozen.unit_key)  # 404 if not the user's to see
    today = timezone.localdate()
    key = request.GET.get("period", "")
    errors = []
    baseline_period = periods.Period("custom", frozen.start, frozen.end)
    current = _following(baseline_period, today)
    if key:
        try:
            current = periods.parse(key)
        except PeriodError as error:
            errors.append(_("Period: %(error)s") % {"error": error})
    unit = unit_for(request.user, frozen.unit_key)
    ind = indicators(unit, current, standard_days=frozen.standard_days, today=today)
    profile = staff_profile(request.user)
    return render(
        request,
        "reports/snapshot.html",
        {
            "snapshot": frozen,
            "current": current,
            "changes": compare(frozen.indicators, ind),
            "errors": errors,
            "offered": periods.choices_around(today),
            "may_withdraw": profile is not None
            and profile.role in SNAPSHOT_TAKERS
            and frozen.withdrawn_at is None,
            "dashboard_params": urlencode(
                {"unit": unit.key, "period": current.key, "standard": str(frozen.standard_days)}
            ),
        },
        status=400 if errors else 200,
    )


def _following(baseline: Period, today: date) -> Period:
    """The period a baseline is compared with unless another is asked: as long as the
    baseline's, from the day after it, up to today at most (itself, recomputed, if it has not
    ended yet)."""
    start = baseline.end + timedelta(days=1)
    if start > today:
        return baseline
    return periods.custom(start, min(today, start + timedelta(days=baseline.days - 1)))


@require_POST
def snapshot_withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    frozen = get_object_or_404(Snapshot, pk=pk)
    unit_for(request.user, frozen.unit_key)
    try:
        snapshot_withdraw(actor=request.user, snapshot=frozen)
    except ApplicationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Baseline withdrawn."))
    return redirect("reports:snapshot", frozen.pk)
