"""Settings come from the environment and refuse to start a production system half-configured."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.settings_probe import settings_process


def _import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return settings_process("s.DATABASES['default']['ENGINE'], s.DEBUG", **env)


def test_production_requires_a_secret_key():
    result = _import_settings(EJCMS_ENV="production", EJCMS_ALLOWED_HOSTS="ejcms.moj.gov.la")
    assert result.returncode != 0
    assert "EJCMS_SECRET_KEY" in result.stderr


def test_production_requires_allowed_hosts():
    result = _import_settings(EJCMS_ENV="production", EJCMS_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "EJCMS_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_settings_and_without_debug(tmp_path):
    result = _import_settings(
        EJCMS_ENV="production",
        EJCMS_SECRET_KEY="x" * 50,
        EJCMS_ALLOWED_HOSTS="ejcms.moj.gov.la",
        EJCMS_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_the_default_database_is_sqlite_under_var(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ejcms.config.settings as s; print(s.DATABASES['default']['NAME'])",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith("EJCMS_")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "var" / "ejcms.sqlite3")


def test_a_postgres_url_selects_postgres(tmp_path):
    result = _import_settings(
        EJCMS_DATABASE_URL="postgres://postgres@127.0.0.1:5432/ejcms", EJCMS_VAR_DIR=str(tmp_path)
    )
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


def test_a_malformed_boolean_is_refused_by_name(tmp_path):
    result = _import_settings(EJCMS_DEBUG="maybe", EJCMS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "EJCMS_DEBUG" in result.stderr


def test_postgres_plans_for_ssd_storage_unless_told_otherwise(tmp_path):
    url = "postgres://postgres@127.0.0.1:5432/ejcms"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EJCMS_")}
    environment.update(EJCMS_DATABASE_URL=url, EJCMS_VAR_DIR=str(tmp_path))
    ssd = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ejcms.config.settings as s; print(s.DATABASES['default']['OPTIONS']['options'])",
        ],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert ssd.stdout.strip() == "-c random_page_cost=1.1", ssd.stderr
    wrong = _import_settings(
        EJCMS_DATABASE_URL=url, EJCMS_VAR_DIR=str(tmp_path), EJCMS_PG_RANDOM_PAGE_COST="fast"
    )
    assert wrong.returncode != 0
    assert "EJCMS_PG_RANDOM_PAGE_COST" in wrong.stderr


def test_passwords_are_hashed_with_argon2(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("EJCMS_")}
    environment.update(EJCMS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="ejcms.config.settings")
    code = (
        "import django; django.setup(); "
        "from django.contrib.auth.hashers import make_password, check_password; "
        "h = make_password('ລະຫັດ-2026'); print(h.split('$')[0]); "
        "print(check_password('ລະຫັດ-2026', h), check_password('other', h))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["argon2", "True", "False"]


def test_the_deployment_check_finds_nothing_in_production_settings(tmp_path):
    # Neither ejcms's settings nor the browser tests' async switch (set in this process).
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("EJCMS_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(
        EJCMS_ENV="production",
        EJCMS_SECRET_KEY="ຄ-9fQ2xLr7Wm1pZs4Tn8Vc6Hy3Kd0Bj5Ge2Ua7Oi9Xq4Ew1Rt6Yl3Mn8Cb5Vz0",
        EJCMS_ALLOWED_HOSTS="ejcms.moj.gov.la",
        EJCMS_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "ejcms.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_sqlite_connections_read_the_file_through_memory_mapping():
    from django.conf import settings as django_settings
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    assert (
        "PRAGMA mmap_size=268435456"
        in django_settings.DATABASES["default"]["OPTIONS"]["init_command"]
    )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA mmap_size")
        row = cursor.fetchone()
        mapped = row[0] if row else 0
    # The test database lives in memory (no WAL, nothing to map); a file database maps.
    assert (journal, mapped) in (("memory", 0), ("wal", 268435456))
