"""Database triggers that make the audit log append-only (SQLite and PostgreSQL).

Used by migration 0002, and by the test suite, which must lift them briefly so that a
transactional test can empty the database afterwards.
"""

from __future__ import annotations

SQL = {
    "sqlite": {
        "install": [
            """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update
               BEFORE UPDATE ON core_auditevent
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
            """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete
               BEFORE DELETE ON core_auditevent
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
        ],
        "uninstall": [
            "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
            "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
        ],
    },
    "postgresql": {
        "install": [
            """CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
               BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
            """CREATE OR REPLACE TRIGGER core_auditevent_no_change
               BEFORE UPDATE OR DELETE ON core_auditevent
               FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse();""",
            # TRUNCATE skips row triggers; refuse it too.
            """CREATE OR REPLACE TRIGGER core_auditevent_no_truncate
               BEFORE TRUNCATE ON core_auditevent
               FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse();""",
        ],
        "uninstall": [
            "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;",
            "DROP TRIGGER IF EXISTS core_auditevent_no_change ON core_auditevent;",
            "DROP FUNCTION IF EXISTS core_auditevent_refuse();",
        ],
    },
}


def install(connection) -> None:
    for statement in SQL.get(connection.vendor, {}).get("install", []):
        with connection.cursor() as cursor:
            cursor.execute(statement)


def uninstall(connection) -> None:
    for statement in SQL.get(connection.vendor, {}).get("uninstall", []):
        with connection.cursor() as cursor:
            cursor.execute(statement)
