from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pramoen.people.enums import BatchKind, BatchStatus, RegistrationKind, RegistrationStatus


class AccountBatch(models.Model):
    """Accounts made at once from the imported registry (one per school, or one per person).

    No link is stored: the officer's list of one-time links is made when downloaded, for the
    accounts of the batch that have not set their password yet (pramoen.people.tokens).
    """

    esa = models.ForeignKey("orgs.Organization", verbose_name=_("เขตพื้นที่"), on_delete=models.PROTECT)
    kind = models.CharField(_("ประเภทบัญชี"), max_length=16, choices=BatchKind.choices)
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL)
    created_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        verbose_name = _("ชุดบัญชีจากทะเบียน")
        verbose_name_plural = _("ชุดบัญชีจากทะเบียน")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.esa}"


class Registration(models.Model):
    """A teacher's or a school's request for an account, matched to the registry, for staff to
    approve: a teacher by national ID (and name), a school by its 10-digit code."""

    kind = models.CharField(_("ลงทะเบียนในฐานะ"), max_length=16, choices=RegistrationKind.choices)
    status = models.CharField(
        _("สถานะ"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    esa = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("เขตพื้นที่")
    )
    school = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("สถานศึกษา")
    )
    person = models.ForeignKey(
        "orgs.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name_prefix = models.CharField(_("คำนำหน้าชื่อ"), max_length=50, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100)
    email = models.EmailField(_("อีเมล"))
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("เหตุผล"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("คำขอลงทะเบียน")
        verbose_name_plural = _("คำขอลงทะเบียน")
        indexes = [models.Index(fields=["esa", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name_prefix}{self.first_name} {self.last_name}".strip()


class MailTemplate(models.Model):
    """An ESA's own subject and body for one kind of e-mail (``core.mail_kinds``); without a row
    the kind's default is sent. Saved only through ``people.services.mail_templates``, which
    checks both texts in the sandbox first, so a stored template always compiles."""

    esa = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("เขตพื้นที่")
    )
    kind = models.CharField(_("ประเภทอีเมล"), max_length=64)
    subject = models.CharField(_("หัวเรื่อง"), max_length=200)
    body = models.TextField(_("เนื้อความ"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("แม่แบบอีเมลของเขต")
        verbose_name_plural = _("แม่แบบอีเมลของเขต")
        constraints = [
            models.UniqueConstraint(fields=["esa", "kind"], name="people_mailtemplate_esa_kind")
        ]

    def __str__(self) -> str:
        from pramoen.core.mail_kinds import mail_kind

        kind = mail_kind(self.kind)
        return f"{kind.name_th if kind else self.kind} — {self.esa}"
