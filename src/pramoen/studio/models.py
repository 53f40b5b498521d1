"""Instruments an ESA authors in the studio: one editable draft, and published versions that
never change (each carries the hash of its canonical document, as the shipped library does).

Drafts are never scored: a campaign pins a published version only (``awards.studio_pins``), and
publishing also keeps the document as a ``core.InstrumentSnapshot`` so the pin resolves through
``core.instrument_store`` like any other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pramoen.orgs.models import Organization


class StudioInstrument(models.Model):
    esa = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="studio_instruments"
    )
    # The instrument's own id (``Instrument.id``), fixed at creation; never a library id.
    instrument_id = models.CharField(max_length=80, unique=True)
    title_th = models.CharField(_("ชื่อแบบประเมิน"), max_length=500)
    kind = models.CharField(max_length=16)
    draft = models.JSONField(help_text="the draft document (JSON of the instrument)")
    # Warning key → the author's recorded resolution (text); required before publishing.
    resolutions = models.JSONField(default=dict, blank=True)
    shared_nationally = models.BooleanField(_("เปิดให้เขตพื้นที่อื่นเห็น"), default=False)
    cloned_from = models.CharField(max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("แบบประเมินของเขตพื้นที่")
        verbose_name_plural = _("แบบประเมินของเขตพื้นที่")
        ordering = ["-updated_at", "pk"]
        indexes = [models.Index(fields=["esa", "-updated_at"], name="studio_inst_esa_updated")]

    def __str__(self) -> str:
        return self.title_th


class StudioVersion(models.Model):
    """A published, frozen version: the canonical document and its hash (never updated)."""

    instrument = models.ForeignKey(
        StudioInstrument, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    version_hash = models.CharField(max_length=64)
    document = models.JSONField()
    resolutions = models.JSONField(default=dict, blank=True)
    note_th = models.CharField(_("บันทึกของฉบับนี้"), max_length=500, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ฉบับที่เผยแพร่")
        verbose_name_plural = _("ฉบับที่เผยแพร่")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="studio_version_number"),
            models.UniqueConstraint(fields=["version_hash"], name="studio_version_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.title_th} ฉบับที่ {self.number}"
