"""`ejcms serve --production`: gunicorn with its worker processes, started as a deployer starts it
(a process of its own, EJCMS_ENV=production, a fresh SQLite installation), answering, and
stopped by SIGTERM as systemd stops it."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ejcms.core.management.commands.serve import MAX_DEFAULT_WORKERS, default_workers


def _environment(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EJCMS_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)
    }
    env.update(DJANGO_SETTINGS_MODULE="ejcms.config.settings", EJCMS_VAR_DIR=str(var_dir), **extra)
    return env


def _production(var_dir: Path) -> dict[str, str]:
    return _environment(
        var_dir,
        EJCMS_ENV="production",
        EJCMS_SECRET_KEY=secrets.token_urlsafe(48),
        EJCMS_ALLOWED_HOSTS="127.0.0.1",
    )


def _ejcms(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ejcms.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid …": the name may hold spaces, so split after its ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh SQLite installation: the tables and the collected static files (the login page
    needs their manifest); no reference or demo data, which these tests do not read."""
    var_dir = tmp_path_factory.mktemp("serve") / "var"
    env = _environment(var_dir, EJCMS_ENV="development")
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        done = _ejcms(env, *command)
        assert done.returncode == 0, done.stderr
    return var_dir


@pytest.fixture
def server(installation: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "ejcms.cli", "serve", "--production", "--workers", "2"),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        env=_production(installation),
        stdout=subprocess.PIPE,
        stderr=(tmp_path / "server.log").open("w"),
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "server.log").read_text()
            try:
                _get(f"{base}/health/")
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.3)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def test_it_serves_with_two_gunicorn_workers_and_stops_cleanly_on_sigterm(
    server: tuple[subprocess.Popen[str], str],
) -> None:
    process, base = server

    status, headers, body = _get(f"{base}/health/")
    assert status == 200, body
    assert json.loads(body)["status"] == "ok"
    assert headers["Server"] == "gunicorn"
    # A page through the whole stack (templates, static manifest, Lao first), not only /health/;
    # as nginx passes it on from an HTTPS request (plain HTTP is sent to HTTPS in production).
    status, _headers, body = _get(f"{base}/login/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "ລະຫັດຜ່ານ" in body

    # Workers boot one after the other: wait for both, then check there are no more.
    deadline = time.monotonic() + 20
    while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers) == 2

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=45) == 0
    assert process.stdout is not None
    said = process.stdout.read()
    assert "2 worker processes" in said
    assert "ejcms worker" in said, "the start message tells to run the background worker apart"
    assert not any(_alive(pid) for pid in workers)


def test_production_is_refused_without_the_production_environment(tmp_path: Path) -> None:
    done = _ejcms(
        _environment(tmp_path, EJCMS_ENV="development"), "serve", "--production", "--port", "1"
    )

    assert done.returncode != 0
    assert "--production needs EJCMS_ENV=production" in done.stderr


def test_workers_are_refused_without_production(tmp_path: Path) -> None:
    done = _ejcms(_environment(tmp_path, EJCMS_ENV="development"), "serve", "--workers", "3")

    assert done.returncode != 0
    assert "--workers needs --production" in done.stderr


def test_default_workers_are_twice_the_cpus_and_one_up_to_a_cap() -> None:
    assert default_workers(1) == 3
    assert default_workers(2) == 5
    assert default_workers(64) == MAX_DEFAULT_WORKERS
