"""Reading the settings as a fresh process would, from a given environment (the test process's
own EJCMS_* variables left out)."""

from __future__ import annotations

import os
import subprocess
import sys


def settings_process(expression: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Import ejcms.config.settings as `s` in a new interpreter and print `expression`."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EJCMS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import ejcms.config.settings as s; print({expression})"],
        capture_output=True,
        text=True,
        env=environment,
    )


def settings_value(expression: str, **env: str) -> str:
    """`expression` printed by a fresh process that must start."""
    result = settings_process(expression, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
