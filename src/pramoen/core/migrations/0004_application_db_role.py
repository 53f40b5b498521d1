"""PostgreSQL: grant the application's role (PRAMOEN_DB_APP_ROLE) DML on the data and only
INSERT/SELECT on the audit log (core.db_roles); nothing without that setting or on SQLite."""

from django.conf import settings
from django.db import migrations

from pramoen.core import db_roles


def grant(apps, schema_editor):
    role = getattr(settings, "PRAMOEN_DB_APP_ROLE", "")
    if role:
        db_roles.grant_application_role(schema_editor.connection, role)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_hash_chain")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
