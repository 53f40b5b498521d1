"""The audit log's hash chain: prev_hash and row_hash on every row, existing rows chained in id order,
and the insert trigger that makes every new row continue the chain."""

import django.utils.timezone
from django.db import migrations, models

from pramoen.core import audit_chain, audit_triggers


def chain_existing(apps, schema_editor):
    connection = schema_editor.connection
    audit_triggers.uninstall(connection)
    AuditEvent = apps.get_model("core", "AuditEvent")
    columns = ("id", *audit_chain.FIELDS)
    prev = audit_chain.GENESIS
    with connection.cursor() as cursor:
        for values in AuditEvent.objects.order_by("id").values_list(*columns).iterator():
            row = dict(zip(columns, values))
            digest = audit_chain.row_digest(prev, row)
            cursor.execute(
                "UPDATE core_auditevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
                [prev, digest, row["id"]],
            )
            prev = digest
    audit_triggers.install(connection)


def lift(apps, schema_editor):
    audit_triggers.uninstall(schema_editor.connection)


def reinstall(apps, schema_editor):
    audit_triggers.uninstall(schema_editor.connection)
    audit_triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    atomic = True
    dependencies = [("core", "0002_audit_append_only_triggers")]

    operations = [
        # SQLite rebuilds the table (and drops its triggers) on these changes; put them back last.
        migrations.RunPython(lift, reinstall),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="row_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.RunPython(reinstall, lift),
    ]
