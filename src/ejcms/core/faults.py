"""Crash points: places in a write where the crash-safety tests (tests/ops/test_crash_safety.py)
kill the process, as a power cut or `kill -9` would, at a moment chosen exactly.

`crash_point("payment.ledger_written")` kills the process with SIGKILL when the environment
variable EJCMS_CRASH_AT names that point, and does nothing otherwise. In production
(EJCMS_ENV=production) the variable is not even read: no setting can make a live server crash."""

from __future__ import annotations

import os
import signal

from django.conf import settings
from django.db import transaction

VARIABLE = "EJCMS_CRASH_AT"


def armed(name: str) -> bool:
    """Whether this installation is told to crash at `name`."""
    if settings.PRODUCTION:
        return False
    return os.environ.get(VARIABLE, "") == name


def crash_point(name: str) -> None:
    """Die here, at once and without cleaning up, when armed: no exception handler, `finally`
    or transaction rollback runs, exactly as when the machine loses power."""
    if armed(name):
        os.kill(os.getpid(), signal.SIGKILL)


def crash_point_on_commit(name: str) -> None:
    """Die just after the current transaction commits, before the caller answers (the data are
    kept; the user never hears of it)."""
    if armed(name):
        transaction.on_commit(lambda: crash_point(name))
