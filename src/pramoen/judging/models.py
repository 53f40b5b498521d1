"""Committees, conflicts of interest, assignments, reviews, results and certificates.

A committee judges one competition group (``awards.CampaignCategory``: category × domain × group).
Every score is reproducible from stored answers (the entry's scoring answers + the review's
indicator answers) and the scoring instrument version hash pinned by the group.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pramoen.judging.enums import Aggregation, BuildStatus, ConflictSource, ReviewStatus


class Committee(models.Model):
    category = models.OneToOneField(
        "awards.CampaignCategory", on_delete=models.CASCADE, related_name="committee"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ประธานคณะกรรมการ"),
        on_delete=models.PROTECT,
        related_name="chaired_committees",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("กรรมการ"),
        related_name="judging_committees",
        blank=True,
    )
    aggregation = models.CharField(
        _("วิธีรวมคะแนน"), max_length=8, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    max_spread = models.DecimalField(
        _("คะแนนรวมของกรรมการต่างกันได้ไม่เกิน (คะแนน)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
    )
    max_level_gap = models.PositiveSmallIntegerField(
        _("ระดับคุณภาพของตัวชี้วัดต่างกันได้ไม่เกิน (ระดับ)"), default=1
    )
    # pretalx's rule: a judge sees other judges' scores only once their own is submitted.
    hide_others_until_submitted = models.BooleanField(
        _("ซ่อนคะแนนของกรรมการอื่นจนกว่าจะส่งผลของตนเอง"), default=True
    )
    # The calibration view (z-scores per judge) is always shown; it decides only when on.
    use_calibration = models.BooleanField(
        _("ใช้คะแนนที่ปรับมาตรฐานรายกรรมการเป็นผลทางการ"), default=False
    )
    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Bumped by every finalization so a chair's stale "finalize" click is refused.
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")

    def __str__(self) -> str:
        return f"คณะกรรมการ {self.category}"


class ConflictOfInterest(models.Model):
    """A reason a judge may not judge an entry; derived from the org chart or self-declared."""

    entry = models.ForeignKey("awards.Entry", on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging_conflicts"
    )
    source = models.CharField(_("ที่มา"), max_length=16, choices=ConflictSource.choices)
    reason = models.TextField(_("เหตุผล"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    override_reason = models.TextField(_("เหตุผลที่ประธานอนุญาต"), blank=True)
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ส่วนได้เสีย")
        verbose_name_plural = _("ส่วนได้เสีย")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "judge", "source"], name="judging_conflict_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judge} × {self.entry_id}: {self.get_source_display()}"

    @property
    def active(self) -> bool:
        return self.overridden_at is None


class Assignment(models.Model):
    entry = models.ForeignKey("awards.Entry", on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    automatic = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("การมอบหมายกรรมการ")
        verbose_name_plural = _("การมอบหมายกรรมการ")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="judging_assignment_once")
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.entry_id}"


class Review(models.Model):
    """One judge's scoring of one entry: indicator answers of the pinned scoring instrument."""

    entry = models.ForeignKey("awards.Entry", on_delete=models.CASCADE, related_name="reviews")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judging_reviews"
    )
    instrument_id = models.CharField(max_length=100)
    instrument_hash = models.CharField(max_length=64)
    # {"c1.i1": {"checked": [1, 2]}, …}: the judges' part of the answers document.
    indicators = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)  # {"c1.i1": "…"}
    # {"c2.i2": "รวมจำนวนชั่วโมง: 41 ชั่วโมง/ปี"}: the applicant's values the judge confirmed
    # against the evidence, as shown (``scoring.confirmation_key``).
    confirmed = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    # Optimistic locking: every write is ``UPDATE … WHERE version = <the version the judge saw>``.
    version = models.PositiveIntegerField(default=0)
    total = models.CharField(max_length=60, blank=True)  # unrounded Decimal as text, when complete
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Proof that the submitted answers passed validation (issue 12), written by the submit in
    # its transaction: the pinned instrument's hash they were checked against, and a digest of
    # what the check read (these indicators and the applicant's fields, as the database renders
    # them: ``judging.proof``). Finalization skips re-validating a review whose proof matches
    # the group's pin and the rows as they are now; "" (drafts, reviews submitted before the
    # proof existed) means no proof: validated again, as always.
    validated_hash = models.CharField(max_length=64, blank=True, default="")
    validated_digest = models.CharField(max_length=64, blank=True, default="")
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ผลการประเมินของกรรมการ")
        verbose_name_plural = _("ผลการประเมินของกรรมการ")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="judging_review_once")
        ]
        # A judge's progress counts their submitted reviews (the workspace, at 10,000 a judge).
        indexes = [models.Index(fields=["judge", "status"], name="judging_review_judge_status")]

    def __str__(self) -> str:
        return f"{self.judge} × {self.entry_id} ({self.get_status_display()})"

    @property
    def total_decimal(self) -> Decimal | None:
        return Decimal(self.total) if self.total else None


class ReviewVersion(models.Model):
    """Every stored state of a review (the version history the chair and appeals see)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="history")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ReviewStatus.choices)
    indicators = models.JSONField(default=dict)
    comments = models.JSONField(default=dict)
    confirmed = models.JSONField(default=dict, blank=True)
    total = models.CharField(max_length=60, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["review", "version"]
        constraints = [
            models.UniqueConstraint(fields=["review", "version"], name="judging_review_version")
        ]

    def __str__(self) -> str:
        return f"{self.review_id} v{self.version}"


class Consensus(models.Model):
    """The chair's reconciled indicator answers for one entry, replacing the panel aggregate."""

    entry = models.OneToOneField("awards.Entry", on_delete=models.CASCADE, related_name="consensus")
    indicators = models.JSONField(default=dict)
    reason = models.TextField(_("เหตุผล"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("มติคณะกรรมการ")
        verbose_name_plural = _("มติคณะกรรมการ")

    def __str__(self) -> str:
        return f"มติ {self.entry_id}"


class Eligibility(models.Model):
    """Screening outcome (คุณสมบัติเบื้องต้น) that the scoring instrument's eligibility gate reads."""

    entry = models.OneToOneField(
        "awards.Entry", on_delete=models.CASCADE, related_name="judging_eligibility"
    )
    eligible = models.BooleanField(_("ผ่านคุณสมบัติเบื้องต้น"))
    reason = models.TextField(_("หมายเหตุ"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.entry_id}: {'ผ่าน' if self.eligible else 'ไม่ผ่าน'}"


class EntryResult(models.Model):
    """The official result of one entry, written by finalization; reopened for an appeal."""

    entry = models.OneToOneField("awards.Entry", on_delete=models.CASCADE, related_name="result")
    instrument_hash = models.CharField(max_length=64)
    method = models.CharField(max_length=24)  # mean | median | consensus | mean_calibrated …
    total = models.CharField(max_length=60, blank=True)  # unrounded Decimal; "" if screened out
    total_display = models.CharField(max_length=20)
    eligible = models.BooleanField(null=True)
    tier = models.CharField(max_length=32, blank=True)
    tier_label_th = models.CharField(max_length=200, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    judge_totals = models.JSONField(default=list)  # [[judge_id, "total"], …] the inputs
    finalized_at = models.DateTimeField()
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("ผลการตัดสิน")
        verbose_name_plural = _("ผลการตัดสิน")
        indexes = [
            # The results' cache key counts the reopened results (appeals): few, found at once.
            models.Index(
                fields=["reopened_at"],
                condition=models.Q(reopened_at__isnull=False),
                name="judging_result_reopened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.total_display} {self.tier_label_th}"

    @property
    def total_decimal(self) -> Decimal | None:
        return Decimal(self.total) if self.total else None


class Certificate(models.Model):
    """An award certificate (``entry``) or, optionally, a committee member's (``committee`` +
    ``judge``); numbered per campaign."""

    campaign = models.ForeignKey(
        "awards.Campaign", on_delete=models.PROTECT, null=True, related_name="certificates"
    )
    entry = models.ForeignKey(
        "awards.Entry", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="judging_certificates",
    )
    category_label = models.CharField(max_length=255, blank=True)
    short_code = models.CharField(max_length=16, unique=True)
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    year_be = models.PositiveSmallIntegerField()
    recipient = models.CharField(max_length=255)
    award = models.CharField(max_length=255)
    issued_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("เกียรติบัตร")
        verbose_name_plural = _("เกียรติบัตร")
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=models.Q(revoked_at__isnull=True),
                name="judging_cert_one_valid",
            ),
            models.UniqueConstraint(
                fields=["committee", "judge"],
                condition=models.Q(revoked_at__isnull=True),
                name="judging_cert_one_valid_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_code} {self.recipient}"

    @property
    def number_th(self) -> str:
        """เลขที่ ๐๐๑/๒๕๖๙ — the running number printed on the certificate."""
        from pramoen.documents.certificates import running_number

        return running_number(self.number, self.year_be)


class CertificateBuild(models.Model):
    """One run of the certificate build (web: a job on the task queue; CLI: in the command).

    The web page polls ``done``/``total``; a failure keeps its Thai ``error`` and the files of the
    previous build (the renderer writes under temporary names and renames only when complete).
    """

    campaign = models.ForeignKey(
        "awards.Campaign", on_delete=models.CASCADE, related_name="certificate_builds"
    )
    status = models.CharField(
        _("สถานะ"), max_length=8, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    include_committees = models.BooleanField(default=False)
    verify_base = models.CharField(max_length=500)
    out_dir = models.CharField(max_length=500)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    merged_pdf = models.CharField(max_length=500, blank=True)
    zip_path = models.CharField(max_length=500, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    # The queued job running the build (web builds; the CLI runs it in place): its attempts tell
    # the page that a build was run again after its worker died.
    job = models.OneToOneField(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("การสร้างเกียรติบัตร")
        verbose_name_plural = _("การสร้างเกียรติบัตร")
        indexes = [models.Index(fields=["campaign", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.status} {self.done}/{self.total}"

    @property
    def active(self) -> bool:
        return self.status in (BuildStatus.QUEUED, BuildStatus.RUNNING)

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0
