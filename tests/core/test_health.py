"""/health/: the database, the background work and the disk, 503 when one fails."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ejcms.documents.tasks import batch_run

pytestmark = pytest.mark.django_db


def test_all_well(client: Any) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "tasks", "disk"}
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["tasks"] == {
        "ok": True,
        "waiting": 0,
        "oldest_wait_s": 0,
        "failed_24h": 0,
    }
    assert body["checks"]["disk"]["free_mb"] > 0


def test_work_waiting_for_no_worker_fails(
    client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EJCMS_HEALTH_TASK_WAIT_MINUTES = 10
    with django_capture_on_commit_callbacks(execute=True):  # queued when the act commits
        batch_run.enqueue("00000000-0000-0000-0000-000000000000")
    assert DBTaskResult.objects.count() == 1
    assert client.get("/health/").status_code == 200  # just queued: a worker may take it
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))
    response = client.get("/health/")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["ok"] is False
    assert tasks["waiting"] == 1
    assert tasks["oldest_wait_s"] >= 20 * 60


def test_a_full_disk_fails(client: Any, settings: Any) -> None:
    settings.EJCMS_HEALTH_MIN_FREE_MB = 10**12  # more than any disk has
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["disk"]["ok"] is False
