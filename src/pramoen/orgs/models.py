from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from pramoen.orgs.enums import EsaLevel, OrganizationKind


class Organization(models.Model):
    """OBEC → ESA → school: every place a person works or a role is scoped to."""

    kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=16, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("รหัส"), max_length=20, blank=True)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=255)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=255, blank=True)
    esa_level = models.CharField(
        _("ระดับเขตพื้นที่"), max_length=16, choices=EsaLevel.choices, blank=True
    )
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="orgs_org_kind_code"
            )
        ]

    def __str__(self) -> str:
        return self.name_th
