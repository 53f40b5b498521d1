from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from pramoen.core.models import AppendOnlyError, AuditEvent
from pramoen.core.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_actor_target_and_change(make_user):
    actor = make_user(username="esa1")
    target = make_user(username="teacher1")
    event = audit_record(
        actor=actor,
        action="user.edit",
        target=target,
        before={"a": 1},
        after={"a": 2},
        reason="แก้ไข",
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_repr, stored.action, stored.target_type) == (
        "esa1",
        "user.edit",
        "accounts.user",
    )
    assert (stored.before, stored.after, stored.reason) == ({"a": 1}, {"a": 2}, "แก้ไข")


def test_audit_rows_refuse_update_and_delete_through_the_orm(make_user):
    event = audit_record(actor=None, action="x", target_type="t", target_id=1)
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "x"


@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditevent SET action = 'x'", "DELETE FROM core_auditevent"]
)
def test_audit_rows_refuse_raw_sql_changes(statement):
    audit_record(actor=None, action="kept", target_type="t", target_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["kept"]
