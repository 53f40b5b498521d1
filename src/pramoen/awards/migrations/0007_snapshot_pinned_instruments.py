from django.db import migrations


def forwards(apps, schema_editor):
    from pramoen.core.pin_migration import snapshot_pins

    category = apps.get_model("awards", "CampaignCategory")
    pins = []
    for row in category.objects.values(
        "eligibility_instrument_id",
        "eligibility_instrument_hash",
        "scoring_instrument_id",
        "scoring_instrument_hash",
    ):
        pins.append((row["eligibility_instrument_id"], row["eligibility_instrument_hash"]))
        pins.append((row["scoring_instrument_id"], row["scoring_instrument_hash"]))
    missing = snapshot_pins(apps.get_model("core", "InstrumentSnapshot"), pins)
    for instrument_id, pinned_hash in missing:
        print(f"  awards: pinned {instrument_id} {pinned_hash[:12]} is in no library or archive")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_evidence_files"),
        ("core", "0005_instrument_snapshot"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
