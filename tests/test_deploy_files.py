"""The deployment files under deploy/ stay true to the program: the units start existing ejcms
commands with options those commands accept, the environment file names only settings that
ejcms reads (and holds every one production requires), and nginx, the units and the
environment file agree on the address, the var dir and the upload limit."""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from ejcms.api.intake import MAX_BODY_BYTES

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
SERVICES = ["ejcms-web.service", "ejcms-worker.service", "ejcms-backup.service"]
LONG_RUNNING = ["ejcms-web.service", "ejcms-worker.service"]
EJCMS = "/opt/ejcms/.venv/bin/ejcms"
ENV_FILE = "/etc/ejcms/ejcms.env"


def unit(name: str) -> dict[str, list[str]]:
    """A unit file's settings, each key with all its values (a key may repeat)."""
    values: dict[str, list[str]] = {}
    for raw in (SYSTEMD / name).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        values.setdefault(key.strip(), []).append(value.strip())
    return values


def example() -> tuple[dict[str, str], set[str]]:
    """The variables the example sets, and those it shows commented out (defaults)."""
    given: dict[str, str] = {}
    shown: set[str] = set()
    for line in (DEPLOY / "ejcms.env.example").read_text().splitlines():
        if match := re.fullmatch(r"(EJCMS_[A-Z0-9_]+)=(.*)", line):
            given[match[1]] = match[2]
        elif match := re.fullmatch(r"#(EJCMS_[A-Z0-9_]+)=.*", line):
            shown.add(match[1])
    return given, shown


def settings_variables() -> set[str]:
    """The EJCMS_* variables settings.py reads (through its env_* helpers)."""
    source = (ROOT / "src" / "ejcms" / "config" / "settings.py").read_text()
    found = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id.startswith("env_")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("EJCMS_")
        ):
            found.add(str(node.args[0].value))
    return found


def ejcms_commands(name: str) -> list[list[str]]:
    values = unit(name)
    lines = values.get("ExecStart", []) + values.get("ExecStartPre", [])
    return [argv for argv in map(shlex.split, lines) if argv[0] == EJCMS]


@pytest.mark.parametrize("name", SERVICES)
def test_each_unit_runs_an_ejcms_command_with_options_it_has(name: str) -> None:
    commands = ejcms_commands(name)
    assert commands, f"{name} runs no {EJCMS}"
    known = get_commands()
    for argv in commands:
        # As the `ejcms` command reads it (ejcms.cli): dashes in a command name are underscores.
        command = argv[1].replace("-", "_")
        assert command in known, f"{name}: `ejcms {argv[1]}` is not a command"
        instance = load_command_class(known[command], command)
        parser = instance.create_parser("ejcms", command)
        # Raises CommandError on an unknown option or a bad value.
        parser.parse_args(argv[2:])


def test_the_web_unit_serves_production_on_the_address_nginx_proxies_to() -> None:
    (argv,) = ejcms_commands("ejcms-web.service")
    command = load_command_class(get_commands()["serve"], "serve")
    options = command.create_parser("ejcms", "serve").parse_args(argv[2:])
    assert options.production
    nginx = (DEPLOY / "nginx" / "ejcms.conf").read_text()
    assert f"server {options.host}:{options.port};" in nginx


@pytest.mark.parametrize("name", SERVICES)
def test_each_unit_is_hardened_and_reads_the_environment_file(name: str) -> None:
    values = unit(name)
    assert values["User"] == ["ejcms"]
    assert values["ProtectSystem"] == ["strict"]
    assert values["PrivateTmp"] == ["yes"]
    assert values["NoNewPrivileges"] == ["yes"]
    assert values["EnvironmentFile"] == [ENV_FILE]
    writable = " ".join(values["ReadWritePaths"]).split()
    assert example()[0]["EJCMS_VAR_DIR"] in writable
    if name in LONG_RUNNING:
        assert values["Restart"] == ["on-failure"]


def test_the_backup_unit_writes_where_it_may_and_its_timer_starts_it() -> None:
    (argv,) = ejcms_commands("ejcms-backup.service")
    command = load_command_class(get_commands()["backup"], "backup")
    options = command.create_parser("ejcms", "backup").parse_args(argv[2:])
    writable = " ".join(unit("ejcms-backup.service")["ReadWritePaths"]).split()
    assert str(options.to) in writable
    timer = unit("ejcms-backup.timer")
    assert timer.get("Unit", ["ejcms-backup.service"]) == ["ejcms-backup.service"]
    assert timer["OnCalendar"]
    assert timer["Persistent"] == ["true"]


def test_the_environment_file_names_only_settings_ejcms_reads() -> None:
    given, shown = example()
    read = settings_variables()
    assert read, "no EJCMS_* variable found in settings.py"
    unknown = (set(given) | shown) - read
    assert not unknown, (
        f"deploy/ejcms.env.example names variables settings.py never reads: {unknown}"
    )
    documented = (ROOT / "docs" / "deployment.md").read_text()
    undocumented = {name for name in set(given) | shown if f"| `{name}` |" not in documented}
    assert not undocumented, f"docs/deployment.md's settings table lacks {undocumented}"


def test_the_environment_file_holds_every_setting_production_requires(tmp_path: Path) -> None:
    given, _shown = example()
    assert given["EJCMS_ENV"] == "production"
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EJCMS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(given)
    environment["EJCMS_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ejcms.config.settings as s; "
            "print(s.PRODUCTION, s.DATABASES['default']['ENGINE'], s.EJCMS_PROXY_COUNT, s.HTTPS)",
        ],
        capture_output=True,
        text=True,
        env=environment,
    )
    # Settings refuse to load in production when a required variable is missing.
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.postgresql", "1", "True"]


def test_nginx_lets_through_the_largest_body_the_application_accepts() -> None:
    nginx = (DEPLOY / "nginx" / "ejcms.conf").read_text()
    match = re.search(r"client_max_body_size (\d+)m;", nginx)
    assert match is not None
    limit = int(match[1]) * 1024 * 1024
    assert MAX_BODY_BYTES <= limit <= MAX_BODY_BYTES + 2 * 1024 * 1024


def test_nginx_serves_the_collected_static_files_and_never_the_documents() -> None:
    nginx = (DEPLOY / "nginx" / "ejcms.conf").read_text()
    var_dir = example()[0]["EJCMS_VAR_DIR"]
    assert f"alias {var_dir}/static/;" in nginx
    assert "location /media" not in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
