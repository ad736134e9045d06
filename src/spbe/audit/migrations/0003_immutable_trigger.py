"""Database triggers that refuse any UPDATE or DELETE of audit events, on SQLite and PostgreSQL.

Removing audit rows (e.g. when a test database is flushed, or a court-ordered erasure) takes a
deliberate step by someone with database access: a row in ``audit_maintenance`` lifts the
SQLite guard while it exists; on PostgreSQL, TRUNCATE by the table owner is not a row change.
"""

from typing import Any

from django.db import migrations

SQLITE = [
    "CREATE TABLE audit_maintenance (reason TEXT NOT NULL);",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END;""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
    "DROP TABLE IF EXISTS audit_maintenance;",
]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_event_immutable() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_immutable ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_event_immutable();",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
