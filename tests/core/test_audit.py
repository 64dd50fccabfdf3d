from __future__ import annotations

import importlib
import itertools
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from ejcms.core.audit import audit_verify
from ejcms.core.models import AuditRecord

SQLITE_CREATE = importlib.import_module(
    "ejcms.core.migrations.0003_audit_append_only"
).SQLITE_CREATE


@pytest.mark.django_db
def test_every_service_call_chains_onto_the_previous_record(make_case):
    make_case()
    make_case(number="126/ສປ")
    result = audit_verify()
    assert result.intact
    assert result.broken is None
    assert result.checked == AuditRecord.objects.count() >= 2
    records = list(AuditRecord.objects.order_by("sequence"))
    for before, after in itertools.pairwise(records):
        assert after.previous_hash == before.hash


@pytest.mark.django_db
def test_a_changed_record_is_found_and_named(make_case):
    make_case()
    make_case(number="126/ສປ")
    victim = AuditRecord.objects.filter(action="case.register").order_by("sequence").first()
    with without_guard():
        AuditRecord.objects.filter(pk=victim.pk).update(payload={"register": "999/2025"})
    result = audit_verify()
    assert result.broken is not None
    assert result.broken.pk == victim.pk
    assert result.problem == "its content does not match its hash"
    with pytest.raises(CommandError, match=f"record {victim.sequence}"):
        call_command("verify_audit")


@contextmanager
def without_guard() -> Iterator[None]:
    """What someone with the database owner's rights could do: get past the trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER core_auditrecord_no_update")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = origin")
            else:
                cursor.execute(SQLITE_CREATE)


def _records(make_case: Any) -> list[AuditRecord]:
    make_case()
    make_case(number="126/ສປ")
    make_case(number="127/ສປ")
    return list(AuditRecord.objects.order_by("sequence"))


@pytest.mark.django_db
def test_the_database_refuses_to_change_a_record(make_case):
    record = _records(make_case)[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).update(action="case.nothing")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE core_auditrecord SET payload = %s WHERE id = %s", ['{"x": 1}', record.pk]
        )
    with pytest.raises(ValueError, match="never changed"):
        record.save()
    with pytest.raises(ValueError, match="never deleted"):
        record.delete()
    assert audit_verify().intact


@pytest.mark.django_db
def test_a_deleted_record_is_refused_or_found(make_case):
    records = _records(make_case)
    middle = records[1]
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditRecord.objects.filter(pk=middle.pk)._raw_delete(using="default")
        assert audit_verify().intact
        return
    # SQLite refuses no DELETE (the test runner's flush needs it): verify-audit names the gap.
    AuditRecord.objects.filter(pk=middle.pk)._raw_delete(using="default")
    result = audit_verify()
    assert result.broken is not None
    assert result.broken.sequence == middle.sequence + 1
    assert result.problem == f"records {middle.sequence}–{middle.sequence} are missing"
    with pytest.raises(CommandError, match=f"record {middle.sequence + 1}"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_records_removed_from_the_end_are_found(make_case):
    records = _records(make_case)
    last = records[-1]
    with without_guard() if connection.vendor == "postgresql" else nullcontext():
        AuditRecord.objects.filter(pk=last.pk)._raw_delete(using="default")
    result = audit_verify()
    assert not result.intact
    assert result.checked == len(records) - 1
    assert f"holds {len(records)} records" in result.problem
    with pytest.raises(CommandError, match="removed"):
        call_command("verify_audit")


def test_verify_audit_exits_non_zero_on_a_broken_chain(tmp_path):
    """The command as an operator runs it: intact exits 0, tampered exits 1 and names it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EJCMS_")}
    env.update(EJCMS_VAR_DIR=str(tmp_path), EJCMS_ENV="development")
    ejcms = [sys.executable, "-m", "ejcms.cli"]
    subprocess.run([*ejcms, "migrate", "-v0"], env=env, check=True, capture_output=True)
    script = (
        "from django.db import transaction\n"
        "from django.contrib.auth.models import User\n"
        "from ejcms.core.audit import audit_write\n"
        "u = User.objects.create(username='x')\n"
        "for i in range(3):\n"
        "    with transaction.atomic(): audit_write(actor=u, action='test.act', obj=u)\n"
    )
    subprocess.run([*ejcms, "shell", "-c", script], env=env, check=True, capture_output=True)
    intact = subprocess.run([*ejcms, "verify_audit"], env=env, capture_output=True, text=True)
    assert intact.returncode == 0, intact.stderr
    assert "intact: 3 records" in intact.stdout
    database = tmp_path / "ejcms.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("DROP TRIGGER core_auditrecord_no_update")
        db.execute("UPDATE core_auditrecord SET action = 'test.other' WHERE sequence = 2")
    broken = subprocess.run([*ejcms, "verify_audit"], env=env, capture_output=True, text=True)
    assert broken.returncode != 0
    assert "record 2" in broken.stderr
