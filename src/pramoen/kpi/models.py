"""KPI reporting (seed 000, OBEC KPI 10): campaigns per fiscal year, rounds, ESA reports, evidence,
the reviewer's per-issue marks and the reminders already sent.

Models stay thin: writes live in :mod:`pramoen.kpi.services`, reads in :mod:`pramoen.kpi.selectors`
and the KPI rules themselves in the instruments (``src/pramoen/library/kpi10``).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pramoen.kpi.enums import (
    ApprovalChain,
    EvidenceKind,
    ReminderKind,
    ReportStatus,
    RoundKind,
)

# Buddhist Era fiscal years only: 2026 (a Gregorian year) is refused.
FISCAL_YEAR_MIN, FISCAL_YEAR_MAX = 2500, 2700
FISCAL_YEAR_VALIDATORS = [MinValueValidator(FISCAL_YEAR_MIN), MaxValueValidator(FISCAL_YEAR_MAX)]


class KpiCampaign(models.Model):
    """One fiscal year (BE) of KPI reporting: ปีงบประมาณ ๒๕๖๙ = ๑ ต.ค. ๒๕๖๘ – ๓๐ ก.ย. ๒๕๖๙."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), unique=True, validators=FISCAL_YEAR_VALIDATORS
    )
    title_th = models.CharField(_("ชื่อ"), max_length=255)
    # The fiscal year this one was opened from (its ESAs, indicators and pinned instruments).
    cloned_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approval_chain = models.CharField(
        _("ลำดับการอนุมัติ"),
        max_length=16,
        choices=ApprovalChain.choices,
        default=ApprovalChain.REGION_THEN_OBEC,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("การรายงานตัวชี้วัดประจำปี")
        verbose_name_plural = _("การรายงานตัวชี้วัดประจำปี")

    def __str__(self) -> str:
        return self.title_th


class KpiIndicator(models.Model):
    """An indicator of the campaign; each round is scored by one instrument of the library."""

    campaign = models.ForeignKey(KpiCampaign, on_delete=models.CASCADE, related_name="indicators")
    number = models.CharField(_("ตัวชี้วัดที่"), max_length=10)
    title_th = models.CharField(_("ชื่อตัวชี้วัด"), max_length=500)
    instrument_6m = models.CharField(_("เครื่องมือ รอบ 6 เดือน"), max_length=100)
    instrument_12m = models.CharField(_("เครื่องมือ รอบ 12 เดือน"), max_length=100)
    # The version hashes the campaign pinned (blank: a campaign opened before pins, whose reports
    # pin the library's version when they are opened). A cloned year keeps its source's pins.
    instrument_6m_hash = models.CharField(max_length=64, blank=True)
    instrument_12m_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="kpi_indicator_number")
        ]

    def __str__(self) -> str:
        return f"ตัวชี้วัดที่ {self.number}"

    def instrument_for(self, kind: str) -> str:
        return self.instrument_6m if kind == RoundKind.SIX_MONTHS else self.instrument_12m

    def pin_for(self, kind: str) -> str:
        return self.instrument_6m_hash if kind == RoundKind.SIX_MONTHS else self.instrument_12m_hash


class KpiRound(models.Model):
    """รอบ 6 เดือน / รอบ 12 เดือน with its due moment (an aware datetime, Asia/Bangkok)."""

    campaign = models.ForeignKey(KpiCampaign, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("รอบ"), max_length=3, choices=RoundKind.choices)
    due_at = models.DateTimeField(_("กำหนดส่ง"))

    class Meta:
        ordering = ["campaign", "due_at", "kind"]  # the 6-month round first
        verbose_name = _("รอบการรายงาน")
        verbose_name_plural = _("รอบการรายงาน")
        constraints = [models.UniqueConstraint(fields=["campaign", "kind"], name="kpi_round_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ปีงบประมาณ {self.campaign.fiscal_year}"

    @property
    def is_past_due(self) -> bool:
        return timezone.now() > self.due_at


class KpiReportingUnit(models.Model):
    """An ESA that reports in the campaign."""

    campaign = models.ForeignKey(KpiCampaign, on_delete=models.CASCADE, related_name="units")
    esa = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="kpi_units")

    class Meta:
        verbose_name = _("หน่วยรายงาน")
        verbose_name_plural = _("หน่วยรายงาน")
        constraints = [models.UniqueConstraint(fields=["campaign", "esa"], name="kpi_unit_esa")]

    def __str__(self) -> str:
        return str(self.esa)


class KpiReport(models.Model):
    """One ESA's report on one indicator in one round.

    ``answers`` holds the ``fields`` of the instrument's answers document (stable field ids), so
    the score is reproducible from it, the reviewer's marks and ``instrument_hash``. ``version``
    is bumped by every write: two people saving the same report cannot overwrite each other.
    """

    round = models.ForeignKey(KpiRound, on_delete=models.PROTECT, related_name="reports")
    indicator = models.ForeignKey(KpiIndicator, on_delete=models.PROTECT, related_name="reports")
    esa = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="kpi_reports"
    )
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    instrument_id = models.CharField(max_length=100)
    instrument_hash = models.CharField(max_length=64)
    answers = models.JSONField(default=dict, blank=True)
    # Counts the registry suggested when the report was opened (shown next to edited values).
    registry_counts = models.JSONField(default=dict, blank=True)
    # Answers the report opened with from another report: {field: {"value", "source", "year"}},
    # source "6m" (this year's 6-month report, editable) or "last_year" (last fiscal year's
    # 12-month report: its figures are that year's record, so they are not edited here).
    carried_answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("ส่งครั้งแรกเมื่อ"), null=True, blank=True)
    return_reason = models.TextField(_("เหตุผลที่ส่งกลับ"), blank=True)
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("สพฐ. รับรองเมื่อ"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("คะแนน"), max_digits=5, decimal_places=2, null=True, blank=True)
    score_level = models.CharField(max_length=32, blank=True)
    score_explanation_th = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "esa__name_th"]
        verbose_name = _("รายงานตัวชี้วัด")
        verbose_name_plural = _("รายงานตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator", "esa"], name="kpi_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.round.get_kind_display()} — {self.esa}"

    @property
    def instrument_label(self) -> str:
        """The pinned form as people know it: its Thai title (the id and hash are the system's,
        issue 20; its version is the form's year 2566, which is not the year reported)."""
        from pramoen.kpi.structure import load  # the structure module reads the library

        return load(self.instrument_id, self.instrument_hash or None).title_th

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    @property
    def is_locked(self) -> bool:
        return self.status in (ReportStatus.APPROVED, ReportStatus.ACCEPTED)

    @property
    def is_scored(self) -> bool:
        return self.status in (ReportStatus.APPROVED, ReportStatus.ACCEPTED)

    @property
    def is_late(self) -> bool:
        """Late = first submitted after the due moment, or still not submitted after it.

        The first submission counts: a report returned for revision and resubmitted after the
        due date was on time if it first arrived on time.
        """
        sent = self.first_submitted_at
        if sent is None:
            return timezone.now() > self.round.due_at
        return sent > self.round.due_at


def evidence_upload_to(instance: KpiEvidence, filename: str) -> str:
    # Never the uploader's file name: a random name keeps paths safe and unguessable; the original
    # name is kept in ``original_name`` and only used in Content-Disposition.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    report = instance.report
    return (
        f"kpi/{report.round.campaign.fiscal_year}/{report.esa_id}/"
        f"{report.round.kind}/{uuid.uuid4().hex}{suffix}"
    )


class KpiEvidence(models.Model):
    """One file or link handed in for an evidence slot of the instrument.

    Rows carried from the 6-month report into the 12-month one point at the same stored file
    (``carried_from``); replacing a carried row removes only the 12-month row.
    """

    report = models.ForeignKey(KpiReport, on_delete=models.CASCADE, related_name="evidence")
    slot_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=8, choices=EvidenceKind.choices)
    file = models.FileField(upload_to=evidence_upload_to, max_length=255, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(_("คำอธิบาย"), max_length=255, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot_id", "uploaded_at", "id"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")
        indexes = [models.Index(fields=["report", "slot_id"])]

    def __str__(self) -> str:
        return self.original_name or self.title or self.url

    @property
    def is_carried(self) -> bool:
        return self.carried_from_id is not None

    @property
    def label(self) -> str:
        return self.title or self.original_name or self.url


class KpiIssueReview(models.Model):
    """The reviewer's mark on one consideration issue: clear (ชัดเจน) or not, with a comment."""

    report = models.ForeignKey(KpiReport, on_delete=models.CASCADE, related_name="issue_reviews")
    issue_id = models.CharField(max_length=64)
    clear = models.BooleanField(null=True)
    comment = models.TextField(_("ความเห็น"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ผลการตรวจรายประเด็น")
        verbose_name_plural = _("ผลการตรวจรายประเด็น")
        constraints = [
            models.UniqueConstraint(fields=["report", "issue_id"], name="kpi_issue_review_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.issue_id}: {self.clear}"


class KpiReminder(models.Model):
    """A reminder already e-mailed: the unique key makes ``pramoen kpi remind`` idempotent."""

    round = models.ForeignKey(KpiRound, on_delete=models.CASCADE, related_name="reminders")
    esa = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("การแจ้งเตือนที่ส่งแล้ว")
        verbose_name_plural = _("การแจ้งเตือนที่ส่งแล้ว")
        constraints = [
            models.UniqueConstraint(fields=["round", "esa", "kind"], name="kpi_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.esa_id} {self.kind}"
