"""An ESA's own e-mail texts (issue 19): save (create or update) and reset to the default, each
audited in its transaction. Both texts are checked in the sandbox (``core.mail_sandbox``) before
anything is written, so a stored template compiles and renders with the kind's sample values."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pramoen.accounts.models import User
from pramoen.core.mail_kinds import MailKind
from pramoen.core.mail_sandbox import (
    MAX_BODY_CHARS,
    MAX_SUBJECT_CHARS,
    MailTemplateError,
    newlines_normalized,
    template_check,
)
from pramoen.core.services import audit_record
from pramoen.orgs.models import Organization
from pramoen.people.models import MailTemplate


def mail_template_errors(*, kind: MailKind, subject: str, body: str) -> dict[str, str]:
    """Thai messages by field for texts that cannot be saved (empty when both are fine)."""
    errors: dict[str, str] = {}
    sample = kind.sample()
    for field, text, cap in (
        ("subject", subject, MAX_SUBJECT_CHARS),
        ("body", body, MAX_BODY_CHARS),
    ):
        if not text.strip():
            errors[field] = _("กรุณากรอกช่องนี้")
            continue
        try:
            template_check(text, sample=sample, max_chars=cap)
        except MailTemplateError as exc:
            errors[field] = exc.message
    return errors


@transaction.atomic
def mail_template_save(
    *, actor: User, esa: Organization, kind: MailKind, subject: str, body: str
) -> MailTemplate:
    if not kind.per_esa:
        raise ValidationError(_("อีเมลประเภทนี้ใช้ข้อความของระบบเสมอ"))
    subject, body = newlines_normalized(subject), newlines_normalized(body)
    errors = mail_template_errors(kind=kind, subject=subject, body=body)
    if errors:
        raise ValidationError(errors)
    row = MailTemplate.objects.select_for_update().filter(esa=esa, kind=kind.code).first()
    before = {"subject": row.subject, "body": row.body} if row else None
    if row is None:
        row = MailTemplate(esa=esa, kind=kind.code)
    row.subject, row.body, row.updated_by = subject, body, actor
    row.save()
    audit_record(
        actor=actor,
        action="mail_template.update" if before else "mail_template.create",
        target=row,
        before=before,
        after={"kind": kind.code, "subject": subject, "body": body},
    )
    return row


@transaction.atomic
def mail_template_reset(*, actor: User, esa: Organization, kind: MailKind) -> bool:
    """Back to the default (the ESA's row is removed); False when there was none."""
    row = MailTemplate.objects.select_for_update().filter(esa=esa, kind=kind.code).first()
    if row is None:
        return False
    audit_record(
        actor=actor,
        action="mail_template.reset",
        target=row,
        before={"kind": kind.code, "subject": row.subject, "body": row.body},
        after={"kind": kind.code, "default": True},
    )
    row.delete()
    return True
