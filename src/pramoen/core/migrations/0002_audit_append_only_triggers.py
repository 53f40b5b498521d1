"""Database triggers that refuse UPDATE and DELETE on the audit log (SQLite and PostgreSQL)."""

from django.db import migrations

from pramoen.core import audit_triggers


def install(apps, schema_editor):
    audit_triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    audit_triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
