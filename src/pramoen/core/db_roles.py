"""PostgreSQL: the application's database role may read and write the data, but only INSERT and
SELECT on the audit log, and owns nothing — so it cannot ``ALTER TABLE … DISABLE TRIGGER``, drop
a trigger, or change audit rows. The owner role (which runs ``pramoen migrate``) grants this.

Run by migration ``core.0004`` when ``PRAMOEN_DB_APP_ROLE`` names the role, and by
``pramoen audit grant ROLE``; default privileges cover the tables later migrations create.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

AUDIT_TABLE = "core_auditevent"


def grant_application_role(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Grant ``role`` what the application needs; return the statements run (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    app = quote(role)
    audit = quote(AUDIT_TABLE)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"REVOKE ALL ON {audit} FROM {app}",
        f"GRANT SELECT, INSERT ON {audit} TO {app}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        # The trigger functions run as their owner's code, but only the owner may replace them.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {app}",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
