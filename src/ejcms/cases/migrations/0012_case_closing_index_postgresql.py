"""On PostgreSQL only: the cases by the day they were closed, with every column the statistics
count, so that its planner reads the open cases and those closed in a period from the index
alone. SQLite reads the same ranges office by office from case_stats (a skip-scan), which
PostgreSQL 15 cannot do; on SQLite this index would make its planner choose worse (ADR 0007)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS case_closing ON cases_enforcementcase "
    "(closed_on, received_on, office_id, outcome, assigned_officer_id, id)"
)
DROP = "DROP INDEX IF EXISTS case_closing"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_statistics_indexes")]

    operations = [migrations.RunPython(create, drop)]
