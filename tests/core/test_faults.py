"""Crash points kill the process where EJCMS_CRASH_AT names them, and never in production.
(What a crash leaves behind is tested in tests/ops/test_crash_safety.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from ejcms.core.faults import armed

CRASH = """
from ejcms.core.faults import crash_point
crash_point("payment.receipt_taken")  # not the point named: goes on
print("ໄປຕໍ່", flush=True)
crash_point("payment.ledger_written")
print("ຍັງຢູ່", flush=True)
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EJCMS_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)
    }
    environment.update(
        EJCMS_VAR_DIR=str(tmp_path),
        EJCMS_CRASH_AT="payment.ledger_written",
        DJANGO_SETTINGS_MODULE="ejcms.config.settings",
        **env,
    )
    code = f"import django; django.setup()\n{CRASH}"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60
    )


def test_a_crash_point_is_armed_only_by_its_own_name(monkeypatch, settings):
    settings.PRODUCTION = False
    monkeypatch.delenv("EJCMS_CRASH_AT", raising=False)
    assert not armed("payment.ledger_written")
    monkeypatch.setenv("EJCMS_CRASH_AT", "payment.committed")
    assert not armed("payment.ledger_written")
    assert armed("payment.committed")


def test_a_crash_point_is_never_armed_in_production(monkeypatch, settings):
    monkeypatch.setenv("EJCMS_CRASH_AT", "payment.committed")
    settings.PRODUCTION = True
    assert not armed("payment.committed")


def test_an_armed_crash_point_kills_the_process_with_sigkill(tmp_path):
    done = _run(tmp_path, EJCMS_ENV="development")

    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.split() == ["ໄປຕໍ່"]


def test_production_ignores_the_variable(tmp_path):
    done = _run(
        tmp_path,
        EJCMS_ENV="production",
        EJCMS_SECRET_KEY="k" * 50,
        EJCMS_ALLOWED_HOSTS="ejcms.example.la",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ໄປຕໍ່", "ຍັງຢູ່"]
