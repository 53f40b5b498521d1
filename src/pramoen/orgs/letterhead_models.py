"""An ESA's letterhead: its Garuda image and, optionally, its own Word template for letters.

Kept apart from ``orgs.models`` (imported at its foot) so the master-data module stays small.
The files live in the storage API (local folder or S3), never in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EsaLetterhead(models.Model):
    esa = models.OneToOneField(
        "orgs.Organization",
        on_delete=models.CASCADE,
        related_name="letterhead",
        verbose_name=_("สำนักงานเขตพื้นที่การศึกษา"),
    )
    # Storage names (not FileFields: the service writes through default_storage itself, after the
    # checks, and deletes the file it replaces).
    garuda_name = models.CharField(_("ภาพตราครุฑ"), max_length=255, blank=True)
    template_name = models.CharField(_("แม่แบบหนังสือ"), max_length=255, blank=True)
    template_filename = models.CharField(_("ชื่อไฟล์แม่แบบ"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("หัวหนังสือของสำนักงาน")
        verbose_name_plural = _("หัวหนังสือของสำนักงาน")

    def __str__(self) -> str:
        return f"หัวหนังสือ {self.esa}"
