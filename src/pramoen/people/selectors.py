"""Reads for the account pages: what an officer may see is their ESA and its schools; a system
admin (``staff_esa_ids`` is None) sees every ESA."""

from __future__ import annotations

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Prefetch, Q, QuerySet

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.orgs.models import Organization
from pramoen.orgs.selectors import normalize_query, staff_esa_ids
from pramoen.people.enums import RegistrationStatus
from pramoen.people.models import AccountBatch, MailTemplate, Registration


def _in_esas(esa_ids: list[int] | None, prefix: str = "") -> Q:
    if esa_ids is None:
        return Q()
    return Q(**{f"{prefix}id__in": esa_ids}) | Q(**{f"{prefix}parent_id__in": esa_ids})


def organizations_in_scope(*, actor: User) -> QuerySet[Organization]:
    """The ESAs and schools whose accounts ``actor`` manages."""
    return Organization.objects.filter(_in_esas(staff_esa_ids(actor)))


def esas_in_scope(*, actor: User) -> QuerySet[Organization]:
    esa_ids = staff_esa_ids(actor)
    esas = Organization.objects.esas()
    return (esas if esa_ids is None else esas.filter(id__in=esa_ids)).order_by("name_sort")


def accounts_in_scope(*, actor: User) -> QuerySet[User]:
    """Accounts holding (or having held) a role in ``actor``'s ESAs or their schools."""
    esa_ids = staff_esa_ids(actor)
    users = User.objects.all()
    if esa_ids is not None:
        held = Membership.objects.filter(_in_esas(esa_ids, "organization__")).values("user_id")
        users = users.filter(pk__in=held)
    return users


def account_list(*, actor: User, search: str = "", role: str = "") -> QuerySet[User]:
    """The account list: each account with its roles (and their places) in one more query."""
    users = accounts_in_scope(actor=actor)
    query = normalize_query(search)
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    if role:
        users = users.filter(memberships__role=role, memberships__is_active=True).distinct()
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_active=True)
            .select_related("organization")
            .order_by("role", "pk"),
            to_attr="active_memberships",
        )
    ).order_by("username")


def account_memberships(*, user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organization").order_by("-is_active", "role", "pk")


def may_grant(*, actor: User, role: str, organization: Organization | None) -> bool:
    """System-wide roles only by a system admin; any other role only in an ESA or school of the
    actor's."""
    esa_ids = staff_esa_ids(actor)
    if role == Role.SYSTEM_ADMIN or organization is None:
        return esa_ids is None
    if esa_ids is None:
        return True
    return organization.pk in esa_ids or organization.parent_id in esa_ids


def batch_list(*, actor: User) -> QuerySet[AccountBatch]:
    esa_ids = staff_esa_ids(actor)
    batches = AccountBatch.objects.select_related("esa", "created_by", "job")
    if esa_ids is not None:
        batches = batches.filter(esa_id__in=esa_ids)
    return batches.order_by("-created_at", "-pk")


def batch_accounts(*, batch: AccountBatch) -> QuerySet[User]:
    """The batch's accounts still waiting to set a password, with their one role's place."""
    return (
        User.objects.filter(
            pk__in=batch.users.values("pk"), password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
        .filter(is_active=True)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organization"),
                to_attr="all_memberships",
            )
        )
        .order_by("username")
    )


def registration_queue(*, actor: User, status: str = "") -> QuerySet[Registration]:
    esa_ids = staff_esa_ids(actor)
    registrations = Registration.objects.select_related("esa", "school", "person", "decided_by")
    if esa_ids is not None:
        registrations = registrations.filter(esa_id__in=esa_ids)
    registrations = registrations.filter(status=status or RegistrationStatus.PENDING)
    return registrations.order_by("created_at", "pk")


def mail_template_override(kind_code: str, esa_id: int) -> tuple[str, str] | None:
    """The ESA's own (subject, body) for a kind of e-mail, or None for the default — what
    ``core.mail`` reads through ``settings.PRAMOEN_MAIL_TEMPLATE_SOURCE``."""
    row = (
        MailTemplate.objects.filter(esa_id=esa_id, kind=kind_code)
        .values_list("subject", "body")
        .first()
    )
    return (row[0], row[1]) if row else None


def mail_templates_of(*, esa: Organization) -> dict[str, MailTemplate]:
    """Every override of ``esa`` by kind, in one query."""
    return {
        row.kind: row for row in MailTemplate.objects.filter(esa=esa).select_related("updated_by")
    }


def mail_template_get(*, esa: Organization, kind_code: str) -> MailTemplate | None:
    return MailTemplate.objects.filter(esa=esa, kind=kind_code).first()
