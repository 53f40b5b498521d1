from django.db import migrations


def forwards(apps, schema_editor):
    from pramoen.core.pin_migration import snapshot_pins

    report = apps.get_model("kpi", "KpiReport")
    pins = report.objects.values_list("instrument_id", "instrument_hash").distinct()
    missing = snapshot_pins(apps.get_model("core", "InstrumentSnapshot"), pins)
    for instrument_id, pinned_hash in missing:
        print(f"  kpi: pinned {instrument_id} {pinned_hash[:12]} is in no library or archive")


class Migration(migrations.Migration):
    dependencies = [
        ("kpi", "0002_rounds_in_due_order"),
        ("core", "0005_instrument_snapshot"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
