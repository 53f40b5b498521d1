"""Accounts and roles from the pages (issue 19): invite by e-mail, grant and revoke roles,
deactivate and reactivate. Each write is audited in its transaction; mails go through the queue
in the same transaction (a rollback mails no one)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.accounts.services import membership_grant, membership_revoke, user_create
from pramoen.core import mail_kinds
from pramoen.core.mail import mail_queue
from pramoen.core.services import audit_record
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.people.selectors import may_grant
from pramoen.people.tokens import invite_path


def _esa_id_of(organization: Organization | None) -> int | None:
    """The ESA that owns an account of ``organization`` (an ESA itself, or a school's ESA)."""
    if organization is None:
        return None
    if organization.kind == OrganizationKind.ESA:
        return organization.pk
    return organization.parent_id


def invite_mail(
    *,
    user: User,
    site: str,
    role_label: str,
    place: str,
    inviter: str,
    organization: Organization | None,
) -> None:
    """Queue the mail with ``user``'s one-time link (``site`` is the scheme and host), in the
    words of the ESA that owns ``organization``."""
    from django.conf import settings

    mail_queue(
        kind=mail_kinds.INVITE,
        esa_id=_esa_id_of(organization),
        context={
            "name": user.display_name,
            "inviter": inviter,
            "role": role_label,
            "place": place,
            "username": user.username,
            "days": settings.PRAMOEN_INVITE_DAYS,
            "link": f"{site}{invite_path(user)}",
        },
        recipients=[user.email],
    )


def _check_grant(*, actor: User, role: str, organization: Organization | None) -> None:
    if not may_grant(actor=actor, role=role, organization=organization):
        raise ValidationError("ท่านให้บทบาทนี้ในหน่วยงานนี้ไม่ได้ (อยู่นอกเขตพื้นที่ของท่าน)")


@transaction.atomic
def account_invite(
    *,
    actor: User,
    email: str,
    username: str,
    name_prefix: str,
    first_name: str,
    last_name: str,
    role: str,
    organization: Organization | None,
    site: str,
) -> User:
    """A new account without a password, its first role, and an e-mail with a one-time link."""
    _check_grant(actor=actor, role=role, organization=organization)
    user = user_create(
        username=username,
        password=None,
        email=email,
        name_prefix=name_prefix,
        first_name=first_name,
        last_name=last_name,
        actor=actor,
    )
    membership_grant(user=user, role=role, organization=organization, actor=actor)
    audit_record(actor=actor, action="user.invite", target=user, after={"role": role})
    invite_mail(
        user=user,
        site=site,
        role_label=str(Role(role).label),
        place=str(organization or "ทุกเขตพื้นที่"),
        inviter=actor.display_name,
        organization=organization,
    )
    return user


@transaction.atomic
def account_invite_again(*, actor: User, user: User, site: str) -> None:
    """Send a fresh one-time link to an account that has not set its password."""
    if user.has_usable_password():
        raise ValidationError("บัญชีนี้ตั้งรหัสผ่านแล้ว ใช้ “ลืมรหัสผ่าน” ที่หน้าเข้าสู่ระบบแทน")
    if not user.email:
        raise ValidationError("บัญชีนี้ไม่มีอีเมล กรุณาเพิ่มอีเมลก่อน หรือส่งลิงก์จากรายการลิงก์ของชุดบัญชี")
    membership = user.memberships.filter(is_active=True).select_related("organization").first()
    audit_record(actor=actor, action="user.invite_again", target=user)
    invite_mail(
        user=user,
        site=site,
        role_label=membership.get_role_display() if membership else "-",
        place=str(membership.organization or "") if membership else "-",
        inviter=actor.display_name,
        organization=membership.organization if membership else None,
    )


@transaction.atomic
def role_grant(
    *, actor: User, user: User, role: str, organization: Organization | None
) -> Membership:
    _check_grant(actor=actor, role=role, organization=organization)
    return membership_grant(user=user, role=role, organization=organization, actor=actor)


@transaction.atomic
def role_revoke(*, actor: User, membership: Membership, reason: str = "") -> Membership:
    _check_grant(actor=actor, role=membership.role, organization=membership.organization)
    return membership_revoke(membership=membership, actor=actor, reason=reason)


@transaction.atomic
def account_set_active(*, actor: User, user: User, active: bool, reason: str = "") -> User:
    """Deactivate (the account can no longer sign in; its history stays) or reactivate."""
    if user.pk == actor.pk and not active:
        raise ValidationError("ท่านระงับบัญชีของตนเองไม่ได้")
    if user.is_superuser and not active and not actor.is_superuser:
        raise ValidationError("บัญชีผู้ดูแลสูงสุดระงับได้โดยผู้ดูแลสูงสุดเท่านั้น")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        target=user,
        before={"is_active": not active},
        after={"is_active": active},
        reason=reason,
    )
    return user
