from __future__ import annotations

from django.db import transaction

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.core.services import audit_record, model_snapshot

PROFILE_FIELDS = [
    "name_prefix",
    "first_name",
    "last_name",
    "email",
    "phone",
    "national_id",
    "appointed_on",
]


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    name_prefix: str = "",
    first_name: str = "",
    last_name: str = "",
    actor: User | None = None,
) -> User:
    user = User(
        username=username,
        email=email,
        name_prefix=name_prefix,
        first_name=first_name,
        last_name=last_name,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        target=user,
        after={"username": username, "email": email},
    )
    return user


@transaction.atomic
def membership_grant(
    *, user: User, role: Role | str, organization=None, actor: User | None = None
) -> Membership:
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, organization=organization, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        created = True
    if created:
        audit_record(
            actor=actor,
            action="membership.grant",
            target=membership,
            after={
                "user": user.pk,
                "role": str(role),
                "organization": getattr(organization, "pk", None),
            },
        )
    user.__dict__.pop("_pramoen_roles", None)
    return membership


@transaction.atomic
def membership_revoke(
    *, membership: Membership, actor: User | None, reason: str = ""
) -> Membership:
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="membership.revoke",
            target=membership,
            before={"is_active": True},
            after={"is_active": False},
            reason=reason,
        )
    return membership


@transaction.atomic
def user_update_profile(*, user: User, actor: User, changes: dict[str, object]) -> User:
    """Apply already-validated profile fields; audited with before → after (ID masked)."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    before = model_snapshot(user, PROFILE_FIELDS)
    for name, value in changes.items():
        setattr(user, name, value)
    after = model_snapshot(user, PROFILE_FIELDS)
    changed = [name for name in PROFILE_FIELDS if before[name] != after[name]]
    if not changed:
        return user
    user.save(update_fields=changed)
    from pramoen.thai import mask_national_id

    def _safe(snapshot: dict[str, object]) -> dict[str, object]:
        # The audit log is read by ESA staff; keep the ID out of it even there.
        out = {name: snapshot[name] for name in changed}
        if out.get("national_id"):
            out["national_id"] = mask_national_id(str(out["national_id"]))
        return out

    audit_record(
        actor=actor,
        action="user.profile_update",
        target=user,
        before=_safe(before),
        after=_safe(after),
    )
    return user
