"""Backups of the whole system: the database (a consistent copy taken while it runs) and the
files (documents, scans, evidence), with a manifest of their SHA-256 sums; and their restore,
which checks every sum first and the audit chain after.

SQLite is copied with its online backup API; PostgreSQL with `pg_dump` (custom format) and
restored with `pg_restore`, both from the PostgreSQL client tools of the server's version.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from ejcms.core.audit import audit_verify
from ejcms.core.models import AuditChain

MANIFEST = "manifest.json"
FILES = "media"


class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entries(folder: Path) -> list[dict[str, Any]]:
    """Every file under `folder` (the manifest itself excepted), by path, with its size and
    SHA-256: the list a manifest keeps."""
    return [
        {
            "path": path.relative_to(folder).as_posix(),
            "size": path.stat().st_size,
            "sha256": sha256(path),
        }
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p != folder / MANIFEST)
    ]


def check_files(folder: Path, entries: list[dict[str, Any]], *, what: str) -> None:
    """Raise BackupError unless every file a manifest lists is in `folder`, unchanged."""
    for entry in entries:
        file = folder / entry["path"]
        if not file.is_file():
            raise BackupError(f"{entry['path']} is missing from {what}.")
        if sha256(file) != entry["sha256"]:
            raise BackupError(f"{entry['path']} has changed since {what} was made.")


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for the PostgreSQL client tools."""
    db = settings.DATABASES["default"]
    args = ["--host", str(db.get("HOST") or "127.0.0.1"), "--port", str(db.get("PORT") or 5432)]
    args += ["--username", str(db.get("USER") or "postgres"), "--dbname", str(db["NAME"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _dump_database(target: Path) -> Path:
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(path))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        return path
    path = target / "database.dump"
    args, env = _pg_env()
    done = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return path


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    files: int
    audit_records: int


def backup(*, to: Path | None = None) -> BackupResult:
    """Write a backup folder under `to` (default: <var>/backups) and return where it is."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    root = (to or settings.VAR_DIR / "backups").resolve()
    folder = root / f"ejcms-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    head = AuditChain.objects.filter(pk=1).first()
    database = _dump_database(folder)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, folder / FILES)
    entries = file_entries(folder)
    records = head.length if head else 0
    manifest: dict[str, Any] = {
        "made_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "database_file": database.name,
        "audit": {
            "records": records,
            "last_hash": head.last_hash if head else "",
        },
        "files": entries,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return BackupResult(folder, len(entries), records)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup, after checking that every file it lists is there unchanged."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not an ejcms backup: it has no {MANIFEST}.")
    manifest: dict[str, Any] = json.loads(path.read_text())
    check_files(folder, manifest["files"], what="the backup")
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['database']} database; this system uses "
            f"{connection.vendor}."
        )
    return manifest


@dataclass(frozen=True)
class RestoreResult:
    audit_records: int
    files: int


def restore(folder: Path) -> RestoreResult:
    """Put the database and the files of the backup in `folder` back, then walk the audit
    chain. Everything the system holds now is replaced."""
    folder = folder.resolve()
    manifest = read_manifest(folder)
    database = folder / manifest["database_file"]
    connections.close_all()
    if manifest["database"] == "sqlite":
        target = Path(settings.DATABASES["default"]["NAME"])
        source = sqlite3.connect(str(database))
        live = sqlite3.connect(str(target))
        with live:
            source.backup(live)
        live.close()
        source.close()
    else:
        args, env = _pg_env()
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *args,
                str(database),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    media = Path(settings.MEDIA_ROOT)
    saved = folder / FILES
    if media.exists():
        shutil.rmtree(media)
    if saved.exists():
        shutil.copytree(saved, media)
    verification = audit_verify()
    if not verification.intact:
        raise BackupError(f"Restored, but the audit chain is broken: {verification.problem}.")
    if verification.checked != manifest["audit"]["records"]:
        raise BackupError(
            f"Restored {verification.checked} audit records; the backup had "
            f"{manifest['audit']['records']}."
        )
    restored_files = sum(1 for entry in manifest["files"] if entry["path"].startswith(FILES))
    return RestoreResult(verification.checked, restored_files)
