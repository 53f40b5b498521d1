"""The tamper-evident audit log (issue 16): a hash chain that `pramoen audit verify` walks, insert
triggers that refuse a forged time or a row out of the chain, and on PostgreSQL an application role
that cannot disable the triggers."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from pramoen.core import audit_chain, audit_triggers, db_roles
from pramoen.core.models import AuditEvent
from pramoen.core.services import audit_record

pytestmark = pytest.mark.django_db


def _rows(make_user, n=5):
    actor = make_user(username="esa1")
    return [
        audit_record(
            actor=actor,
            action=f"thing.edit{i}",
            target_type="t",
            target_id=i,
            before={"score": "1.5", "n": i},
            after={"score": "2.5", "when": timezone.now()},
            reason="แก้ไข",
        )
        for i in range(n)
    ]


def _as_owner(*statements, params=None):
    """What the owner of the tables (or anyone with the SQLite file) can do: lift the triggers."""
    audit_triggers.uninstall(connection)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, params or [])
    audit_triggers.install(connection)


def _verify():
    return audit_chain.verify()


def test_chain_links_every_row_and_verifies(make_user, capsys):
    rows = _rows(make_user)
    assert rows[0].prev_hash == audit_chain.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.row_hash for r in rows[:-1]]
    result = _verify()
    assert result.ok and result.checked == 5 and result.head_id == rows[-1].pk
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "ครบถ้วน ตรวจแล้ว 5 แถว" in out
    assert f"{rows[-1].pk}:{rows[-1].row_hash}" in out


def test_a_changed_row_is_the_first_broken_link(make_user):
    rows = _rows(make_user)
    _as_owner("UPDATE core_auditevent SET reason = 'ปลอม' WHERE id = %s", params=[rows[2].pk])
    result = _verify()
    assert result.broken_id == rows[2].pk
    assert "ถูกแก้ไข" in result.problem
    with pytest.raises(CommandError, match=f"id={rows[2].pk}"):
        call_command("audit", "verify")


def test_a_forged_actor_or_time_is_caught(make_user):
    rows = _rows(make_user)
    _as_owner(
        "UPDATE core_auditevent SET actor_repr = 'chair', occurred_at = %s WHERE id = %s",
        params=[timezone.now() - timedelta(days=30), rows[1].pk],
    )
    assert _verify().broken_id == rows[1].pk


def test_a_deleted_row_breaks_the_next_link(make_user):
    rows = _rows(make_user)
    _as_owner("DELETE FROM core_auditevent WHERE id = %s", params=[rows[1].pk])
    result = _verify()
    assert result.broken_id == rows[2].pk
    assert "ลิงก์" in result.problem


def test_removing_the_tail_is_caught_against_a_noted_head(make_user):
    rows = _rows(make_user)
    noted = f"{rows[-1].pk}:{rows[-1].row_hash}"
    call_command("audit", "verify", "--expect", noted)
    _as_owner("DELETE FROM core_auditevent WHERE id >= %s", params=[rows[3].pk])
    assert _verify().ok  # the shortened chain holds together …
    with pytest.raises(CommandError, match="แถวท้ายของบันทึกถูกลบ"):
        call_command("audit", "verify", "--expect", noted)  # … but the noted head is gone


def _raw_insert(prev_hash, occurred_at):
    row = {
        "occurred_at": occurred_at,
        "actor_id": None,
        "actor_repr": "chair",
        "action": "forged",
        "target_type": "t",
        "target_id": "1",
        "target_repr": "",
        "before": None,
        "after": None,
        "reason": "",
    }
    digest = audit_chain.row_digest(prev_hash, row)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (occurred_at, actor_id, actor_repr, action, target_type,"
            " target_id, target_repr, reason, prev_hash, row_hash)"
            " VALUES (%s, NULL, 'chair', 'forged', 't', '1', '', '', %s, %s)",
            [connection.ops.adapt_datetimefield_value(occurred_at), prev_hash, digest],
        )


def test_raw_insert_with_a_forged_time_is_refused(make_user):
    rows = _rows(make_user, 2)
    with pytest.raises(DatabaseError):
        _raw_insert(rows[-1].row_hash, timezone.now() - timedelta(days=3))
    assert AuditEvent.objects.count() == 2


def test_raw_insert_out_of_the_chain_is_refused(make_user):
    rows = _rows(make_user, 2)
    with pytest.raises(DatabaseError):
        _raw_insert(rows[0].row_hash, timezone.now())  # splices after row 1, not the head
    _raw_insert(rows[-1].row_hash, timezone.now())  # continuing the chain is an ordinary append
    assert _verify().ok


def test_bulk_import_audit_rows_continue_the_chain(make_user):
    from pramoen.orgs.imports.engine import audit_rows

    _rows(make_user, 2)
    audit_rows(
        actor=None,
        action="import.row",
        target_type="orgs.organization",
        items=[(i, f"โรงเรียน {i}", None, {"name": f"โรงเรียน {i}", "n": i}) for i in range(50)],
        reason="นำเข้า",
    )
    assert AuditEvent.objects.count() == 52
    assert _verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")
def test_postgres_application_role_cannot_lift_or_bypass_the_audit_triggers(make_user):
    rows = _rows(make_user, 2)
    role = f"pramoen_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}"')
    try:
        db_roles.grant_application_role(connection, role)
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
            try:
                for statement in [
                    "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_change",
                    "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
                    "DROP TRIGGER core_auditevent_no_change ON core_auditevent",
                    "UPDATE core_auditevent SET reason = 'x'",
                    "DELETE FROM core_auditevent",
                    "TRUNCATE core_auditevent",
                    "CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS"
                    " $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql",
                ]:
                    with pytest.raises(DatabaseError), transaction.atomic():
                        cursor.execute(statement)
                # … while it reads, appends to the chain and writes ordinary tables.
                cursor.execute("SELECT count(*) FROM core_auditevent")
                assert cursor.fetchone()[0] == 2
                audit_record(actor=None, action="as.app", target_type="t", target_id=1)
                cursor.execute("UPDATE accounts_user SET last_name = last_name")
            finally:
                cursor.execute("RESET ROLE")
        assert _verify().ok and AuditEvent.objects.count() == 3 and rows
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
