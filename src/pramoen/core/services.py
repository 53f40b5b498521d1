from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from pramoen.core import audit_chain
from pramoen.core.models import AuditEvent
from pramoen.core.types import User


@transaction.atomic
def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one row to the audit log; call it inside the transaction that makes the change.

    The time and the actor's name are set here, never by the caller, and the row is chained to the
    one before it (``audit_chain``).
    """
    if target is not None:
        target_type = target._meta.label_lower
        target_id = target.pk
        target_repr = str(target)[:255]
    else:
        target_repr = ""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        actor=actor_obj,
        actor_repr=(actor_obj.get_username() if actor_obj else "system")[:255],
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_repr=target_repr,
        before=before,
        after=after,
        reason=reason,
    )
    head = audit_chain.lock_and_read_head()
    event.occurred_at = timezone.now()
    fields = {name: getattr(event, name) for name in audit_chain.FIELDS}
    event.prev_hash = head
    event.row_hash = audit_chain.row_digest(head, fields)
    event.save(force_insert=True)
    return event


def model_snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``instance`` as JSON-friendly data, for before → after rows."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: getattr(instance, name) for name in names}
