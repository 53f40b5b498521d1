"""Database triggers that make the audit log append-only and chained (SQLite and PostgreSQL).

Besides refusing UPDATE/DELETE (and TRUNCATE), an INSERT must continue the hash chain (its
``prev_hash`` is the last row's ``row_hash``) and carry the current time, so a row with a forged
time or spliced out of order is refused even from raw SQL. The digest itself is checked by
``pramoen audit verify``.

Used by migration 0002, and by the test suite, which must lift them briefly so that a
transactional test can empty the database afterwards.
"""

from __future__ import annotations

from pramoen.core.audit_chain import ADVISORY_LOCK_KEY, GENESIS

# A row's time may be this far from the database's clock: a bulk import computes its time once
# and then inserts up to tens of thousands of rows.
MAX_SKEW_SECONDS = 900

SQL = {
    "sqlite": {
        "install": [
            """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_update
               BEFORE UPDATE ON core_auditevent
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
            """CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete
               BEFORE DELETE ON core_auditevent
               BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
            f"""CREATE TRIGGER IF NOT EXISTS core_auditevent_chain
               BEFORE INSERT ON core_auditevent
               WHEN NEW.prev_hash IS NOT COALESCE(
                      (SELECT row_hash FROM core_auditevent ORDER BY id DESC LIMIT 1), '{GENESIS}')
                 OR abs(julianday(NEW.occurred_at) - julianday('now')) * 86400 > {MAX_SKEW_SECONDS}
               BEGIN SELECT RAISE(ABORT, 'audit row must continue the chain, at the current time');
               END;""",  # noqa: S608  (module constants, no input)
        ],
        "uninstall": [
            "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
            "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
            "DROP TRIGGER IF EXISTS core_auditevent_chain;",
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
            f"""CREATE OR REPLACE FUNCTION core_auditevent_chain() RETURNS trigger AS $$
               DECLARE head text;
               BEGIN
                 PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
                 SELECT row_hash INTO head FROM core_auditevent ORDER BY id DESC LIMIT 1;
                 IF NEW.prev_hash IS DISTINCT FROM COALESCE(head, '{GENESIS}') THEN
                   RAISE EXCEPTION 'audit row must continue the chain';
                 END IF;
                 IF abs(extract(epoch FROM NEW.occurred_at - clock_timestamp()))
                    > {MAX_SKEW_SECONDS} THEN
                   RAISE EXCEPTION 'audit row must carry the current time';
                 END IF;
                 RETURN NEW;
               END; $$ LANGUAGE plpgsql;""",  # noqa: S608  (module constants, no input)
            """CREATE OR REPLACE TRIGGER core_auditevent_chain
               BEFORE INSERT ON core_auditevent
               FOR EACH ROW EXECUTE FUNCTION core_auditevent_chain();""",
        ],
        "uninstall": [
            "DROP TRIGGER IF EXISTS core_auditevent_chain ON core_auditevent;",
            "DROP FUNCTION IF EXISTS core_auditevent_chain();",
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
