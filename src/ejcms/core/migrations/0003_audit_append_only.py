"""The database itself refuses to change or remove an audit record.

PostgreSQL: a trigger refuses UPDATE and DELETE on core_auditrecord (TRUNCATE, which only the
table's owner may run, is left to restores and test databases). SQLite: a trigger refuses
UPDATE; a DELETE cannot be refused there without also refusing the test runner's flush, and is
found by `ejcms verify-audit` (a gap in the sequence or a chain head that no longer matches).
"""

from django.db import migrations

PG_CREATE = """
CREATE OR REPLACE FUNCTION core_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditrecord_append_only
    BEFORE UPDATE OR DELETE ON core_auditrecord
    FOR EACH ROW EXECUTE FUNCTION core_audit_append_only();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS core_auditrecord_append_only ON core_auditrecord;
DROP FUNCTION IF EXISTS core_audit_append_only();
"""
SQLITE_CREATE = """
CREATE TRIGGER IF NOT EXISTS core_auditrecord_no_update
BEFORE UPDATE ON core_auditrecord
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only (UPDATE refused)');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_auditrecord_no_update;"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_context")]

    operations = [migrations.RunPython(create, drop)]
