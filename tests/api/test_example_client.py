"""docs/examples/api_client.py, run as a program against a live server: it registers a
decision, takes the case to "closed" through the API alone, and sees that in the event feed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ejcms.api.services import api_client_create
from ejcms.cases.models import EnforcementCase, TimelineEvent
from ejcms.core.ids import ref
from ejcms.org.models import Office
from ejcms.org.roles import Role
from tests.conftest import court

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "api_client.py"


def _run(url: str, token: str, number: str) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("EJCMS_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *("--url", url, "--token", token),
            *("--court", str(court("01").pk), "--number", number, "--wait", "15"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _token(role: Role) -> str:
    return api_client_create(
        actor=None,
        name="ລະບົບ ສານປະຊາຊົນ ນະຄອນຫຼວງ",
        office=Office.objects.get(code="0101"),
        role=role,
        actions=["cases.read", "cases.write", "events.read"],
    ).token


def test_the_example_client_takes_a_case_to_closure(
    committed_cast: Any, live_server: Any, settings: Any
) -> None:
    settings.EJCMS_API_EVENTS_SETTLE = 0
    result = _run(live_server.url, _token(Role.HEAD), "88/ສປ")
    assert result.returncode == 0, result.stdout + result.stderr
    case = EnforcementCase.objects.get(decision__number="88/ສປ")
    assert case.state == "closed"
    assert case.office.code == "0101"
    out = result.stdout
    assert f"({ref(case.pk)}): state received" in out
    assert "call_parties: state voluntary" in out
    assert "terminate: state terminated" in out
    assert "close: state closed" in out
    # Each of the case's events, as the feed gave them, in order, ending with the closure.
    events = list(TimelineEvent.objects.filter(case=case).order_by("pk"))
    printed = [line.strip() for line in out.splitlines() if line.startswith("  event ")]
    assert [line.split(":")[0] for line in printed] == [f"event {e.pk}" for e in events]
    assert "close terminated→closed" in printed[-1]
    assert out.strip().endswith("closed")
    assert "not closed" not in out


def test_a_clerk_client_may_not_take_the_steps(
    committed_cast: Any, live_server: Any, settings: Any
) -> None:
    settings.EJCMS_API_EVENTS_SETTLE = 0
    result = _run(live_server.url, _token(Role.CLERK), "89/ສປ")
    assert result.returncode == 1
    assert "HTTP 403 permission_denied" in result.stderr
    assert "registered case" in result.stdout
    case = EnforcementCase.objects.get(decision__number="89/ສປ")
    assert case.state != "closed"
