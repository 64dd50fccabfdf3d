"""Backup → wipe → restore, as an operator does it with the commands, on the database the suite
runs on (SQLite, or a PostgreSQL database made for the test): the same cases, ledger and
documents (their files' SHA-256 as recorded), and an intact audit chain."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

SNAPSHOT = """
import hashlib, json
from pathlib import Path
from django.conf import settings
from ejcms.cases.models import EnforcementCase
from ejcms.core.models import AuditRecord
from ejcms.documents.models import IssuedDocument
from ejcms.finance.models import LedgerEntry
documents = []
for d in IssuedDocument.objects.order_by("pk"):
    data = (Path(settings.MEDIA_ROOT) / d.file.name).read_bytes()
    documents.append([str(d.pk), d.sha256, hashlib.sha256(data).hexdigest()])
print(json.dumps({
    "cases": [[str(pk), state] for pk, state in EnforcementCase.objects.order_by("pk").values_list("pk", "state")],
    "ledger": [[str(e.pk), str(e.amount), e.currency] for e in LedgerEntry.objects.order_by("pk")],
    "documents": documents,
    "audit": AuditRecord.objects.count(),
}))
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ejcms.cli", *args], env=env, capture_output=True, text=True
    )


def _snapshot(env: dict[str, str]) -> dict[str, object]:
    done = _run(env, "shell", "-c", SNAPSHOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def system(tmp_path: Path) -> tuple[dict[str, str], str | None]:
    """A fresh system with demo data and its documents, on the suite's kind of database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EJCMS_")}
    env.update(EJCMS_VAR_DIR=str(tmp_path / "var"), EJCMS_ENV="development")
    url = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        base = settings.DATABASES["default"]
        name = f"ejcms_backup_{uuid.uuid4().hex[:8]}"
        server = (
            f"host={base['HOST'] or '127.0.0.1'} port={base['PORT'] or 5432} user={base['USER']}"
        )
        with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = (
            f"postgres://{base['USER']}@{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}/{name}"
        )
        env["EJCMS_DATABASE_URL"] = url
    done = _run(env, "setup", "--demo", "--cases", "8")
    assert done.returncode == 0, done.stderr
    yield env, url
    if url is not None:
        with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wipe(env: dict[str, str], url: str | None) -> None:
    """Lose everything: the database and the documents."""
    var = Path(env["EJCMS_VAR_DIR"])
    shutil.rmtree(var / "media")
    if url is None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{var / 'ejcms.sqlite3'}{suffix}").unlink(missing_ok=True)
    else:
        with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute("DROP SCHEMA public CASCADE")
            db.execute("CREATE SCHEMA public")
    done = _run(env, "migrate", "-v0")  # an empty system, as after a reinstall
    assert done.returncode == 0, done.stderr


def test_backup_wipe_restore_gives_back_the_same_system(system, tmp_path):
    env, url = system
    before = _snapshot(env)
    assert before["cases"]
    assert before["ledger"]
    assert before["documents"]
    assert all(recorded == actual for _pk, recorded, actual in before["documents"])

    made = _run(env, "backup", "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["audit"]["records"] == before["audit"]
    assert any(entry["path"].startswith("media/documents/") for entry in manifest["files"])

    _wipe(env, url)
    assert _snapshot(env)["cases"] == []

    restored = _run(env, "restore", str(folder), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "audit chain intact" in restored.stdout
    assert _snapshot(env) == before
    verified = _run(env, "verify_audit")
    assert verified.returncode == 0, verified.stderr


def test_a_changed_backup_is_refused_before_anything_is_replaced(system, tmp_path):
    env, _url = system
    before = _snapshot(env)
    assert _run(env, "backup", "--to", str(tmp_path / "backups")).returncode == 0
    folder = next((tmp_path / "backups").iterdir())
    victim = next(p for p in (folder / "media").rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    refused = _run(env, "restore", str(folder), "--yes")
    assert refused.returncode != 0
    assert "has changed since the backup was made" in refused.stderr
    assert victim.name in refused.stderr
    assert _snapshot(env) == before
