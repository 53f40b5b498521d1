from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from pramoen.accounts.enums import ApiScope, Role


class User(AbstractUser):
    """A person who signs in. Roles are :class:`Membership` rows, never flags on the user."""

    name_prefix = models.CharField(_("คำนำหน้าชื่อ"), max_length=50, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    # Links the account to the staff record imported from OBEC data (orgs); never shown unmasked
    # to anyone but the owner and ESA staff.
    national_id = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, blank=True)
    appointed_on = models.DateField(_("วันที่บรรจุแต่งตั้ง"), null=True, blank=True)
    # Bumped when the second factor is enrolled or reset: a session verified under an earlier
    # value is verified no more. Read with the user row every request loads anyway, so checking
    # the second factor costs no query (pramoen.accounts.twofactor.session_is_verified).
    second_factor_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")
        constraints = [
            # E-mail is a login name too, so two accounts may not share one (case-insensitive).
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="accounts_user_email_unique"
            ),
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="accounts_user_national_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = f"{self.name_prefix}{self.first_name} {self.last_name}".strip()
        return full or self.username

    def role_set(self) -> frozenset[str]:
        # Cached per instance: navigation and every rules predicate ask on each request.
        cached = getattr(self, "_pramoen_roles", None)
        if cached is None:
            cached = frozenset(
                self.memberships.filter(is_active=True).values_list("role", flat=True)
            )
            self._pramoen_roles = cached
        return cached


class Membership(models.Model):
    """One role held by one person, scoped to an organization (and later to a campaign)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("หน่วยงาน"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("บทบาทของผู้ใช้")
        verbose_name_plural = _("บทบาทของผู้ใช้")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"],
                condition=models.Q(organization__isnull=False),
                name="accounts_membership_unique_in_org",
            ),
            # A role held without an organization (e.g. system admin) is also held once only.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(organization__isnull=True),
                name="accounts_membership_unique_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ApiToken(models.Model):
    """A personal API token: only its SHA-256 is kept (the token is shown once, at creation).

    A token is 32 random bytes, so a fast hash is enough (no password-style stretching needed);
    ``prefix`` is its first characters, shown on the profile page so its owner can tell tokens
    apart.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("ชื่อโทเค็น"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("ขอบเขต"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("หมดอายุ"))
    revoked_at = models.DateTimeField(_("ยกเลิกเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("โทเค็น API")
        verbose_name_plural = _("โทเค็น API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def scope_labels(self) -> list[str]:
        return [str(ApiScope(s).label) for s in self.scopes if s in ApiScope.values]
