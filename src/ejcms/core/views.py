from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer, the monitor and the deployer: the database answers, background
    work is being done, and the disk has room. 200 when all hold, 503 otherwise, with each
    check's figures (no personal data)."""
    checks = {"database": _database(), "tasks": _tasks(), "disk": _disk()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503
    )


def _database() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _tasks() -> dict[str, Any]:
    """Waiting work that no worker has taken for EJCMS_HEALTH_TASK_WAIT_MINUTES means no worker
    runs (`ejcms worker`, or the thread of `ejcms serve`)."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    try:
        ready = DBTaskResult.objects.ready()  # waiting, and due now
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        waiting = ready.count()
        failed = (
            DBTaskResult.objects.failed().filter(finished_at__gte=now - timedelta(days=1)).count()
        )
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    waited = int((now - oldest).total_seconds()) if oldest else 0
    limit = settings.EJCMS_HEALTH_TASK_WAIT_MINUTES * 60
    return {
        "ok": waited <= limit,
        "waiting": waiting,
        "oldest_wait_s": waited,
        "failed_24h": failed,
    }


def _disk() -> dict[str, Any]:
    usage = shutil.disk_usage(
        settings.MEDIA_ROOT if Path(settings.MEDIA_ROOT).exists() else settings.VAR_DIR
    )
    free_mb = usage.free // (1024 * 1024)
    return {
        "ok": free_mb >= settings.EJCMS_HEALTH_MIN_FREE_MB,
        "free_mb": free_mb,
        "free_percent": round(usage.free * 100 / usage.total, 1) if usage.total else 0,
    }


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/v1/"):  # no endpoint at this path: the API's error shape
        from ejcms.core.api import error_body

        return JsonResponse(error_body("not_found", _("Not found.")), status=404)
    return render(request, "404.html", status=404)
