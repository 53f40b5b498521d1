"""Award campaigns: one edition of a competition (e.g. NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙).

Defaults come from the seed 003 announcement (ประกาศ ข้อ ๒ คุณสมบัติ, ข้อ ๖ การส่งเล่มผลงาน) and can
be changed per campaign, because each ESA and each year may set them differently.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from pramoen.awards.enums import (
    AwardCategory,
    AwardDomain,
    CheckDecision,
    CheckOutcome,
    Eligibility,
    EntryEventKind,
    EntryStatus,
    LearningArea,
    PaperSize,
    SizeClass,
    TeacherLevel,
)
from pramoen.awards.schedule import Schedule
from pramoen.documents.pdfcheck import PortfolioRules
from pramoen.thai import format_thai_date, to_thai_digits

PAPER_SIZES_MM = {PaperSize.A4: (210.0, 297.0)}

BE_YEAR_VALIDATORS = [MinValueValidator(2500), MaxValueValidator(2700)]


def default_allowed_fonts() -> list[str]:
    # ประกาศ ข้อ ๖ names TH Sarabun PSK only; TH Sarabun New is the same design re-released by
    # SIPA and is what most schools have installed, so it is allowed by default (admin can remove).
    return ["TH Sarabun PSK", "TH Sarabun New"]


def default_evidence_file_types() -> list[str]:
    return ["pdf", "jpeg", "png"]


class Campaign(models.Model):
    esa = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("สำนักงานเขตพื้นที่การศึกษาผู้จัด"),
        on_delete=models.PROTECT,
        related_name="award_campaigns",
        limit_choices_to={"kind": "esa"},
    )
    name = models.CharField(_("ชื่อรางวัล"), max_length=200, default="NARA 2 AWARDS")
    edition = models.PositiveSmallIntegerField(_("ครั้งที่"), validators=[MinValueValidator(1)])
    year_be = models.PositiveSmallIntegerField(_("ประจำปี (พ.ศ.)"), validators=BE_YEAR_VALIDATORS)

    opens_on = models.DateField(_("วันเปิดรับผลงาน"))
    deadline = models.DateTimeField(_("กำหนดส่งผลงาน (วันและเวลา)"))
    correction_starts_on = models.DateField(_("วันเริ่มช่วงแก้ไขเอกสาร"), null=True, blank=True)
    correction_ends_on = models.DateField(_("วันสิ้นสุดช่วงแก้ไขเอกสาร"), null=True, blank=True)
    judging_starts_on = models.DateField(_("วันเริ่มการตัดสิน"), null=True, blank=True)
    judging_ends_on = models.DateField(_("วันสิ้นสุดการตัดสิน"), null=True, blank=True)
    announce_on = models.DateField(_("วันประกาศผล"), null=True, blank=True)

    # ประกาศ ข้อ ๒.๒: "มาแล้วไม่น้อยกว่า ๑ ปี นับถึงวันที่ยื่นขอรับการประเมิน"
    min_years_in_post = models.PositiveSmallIntegerField(_("ปฏิบัติหน้าที่มาแล้วไม่น้อยกว่า (ปี)"), default=1)
    # ประกาศ ข้อ ๒.๗: no NARA 2 gold "ย้อนหลัง ๒ ปี (ในด้านเดิม)"
    gold_lookback_years = models.PositiveSmallIntegerField(
        _("ไม่เคยได้เหรียญทองในด้านเดิมย้อนหลัง (ปี)"), default=2
    )
    # ประกาศ ข้อ ๒.๖: no OBEC AWARDS "ย้อนหลัง ๒ ปี"
    obec_award_lookback_years = models.PositiveSmallIntegerField(
        _("ไม่เคยได้รับรางวัล OBEC AWARDS ย้อนหลัง (ปี)"), default=2
    )
    # ประกาศ ข้อ ๒.๓: "ไม่เคยถูกลงโทษทางวินัยภายใน ๒ ปี"
    discipline_lookback_years = models.PositiveSmallIntegerField(
        _("ไม่เคยถูกลงโทษทางวินัยภายใน (ปี)"), default=2
    )

    # ประกาศ ข้อ ๖: "ไม่เกิน ๑๐๐ หน้า ใช้กระดาษ A๔ … TH Sarabun PSK ขนาดตัวอักษร ๑๖ point …
    # ไม่รับรูปแบบ QR Code"
    max_pages = models.PositiveSmallIntegerField(_("จำนวนหน้าไม่เกิน"), default=100)
    paper_size = models.CharField(
        _("ขนาดกระดาษ"), max_length=8, choices=PaperSize.choices, default=PaperSize.A4
    )
    allowed_fonts = models.JSONField(_("แบบอักษรที่อนุญาต"), default=default_allowed_fonts, blank=True)
    body_font_size_pt = models.DecimalField(
        _("ขนาดตัวอักษรเนื้อหา (พอยต์)"), max_digits=4, decimal_places=1, default=Decimal("16")
    )
    body_font_size_tolerance_pt = models.DecimalField(
        _("คลาดเคลื่อนได้ ± (พอยต์)"), max_digits=3, decimal_places=1, default=Decimal("0.5")
    )
    forbid_qr_codes = models.BooleanField(_("ไม่รับรูปแบบ QR Code"), default=True)

    # Evidence files (issue 5): what each slot accepts. The types are checked by magic bytes
    # (documents.uploads.check_upload); a slot may narrow them ({"scoring.<slot id>": ["pdf"]}).
    evidence_file_types = models.JSONField(
        _("ชนิดไฟล์หลักฐานที่รับ"), default=default_evidence_file_types, blank=True
    )
    evidence_slot_file_types = models.JSONField(_("ชนิดไฟล์หลักฐานเฉพาะช่อง"), default=dict, blank=True)
    evidence_max_file_mb = models.PositiveSmallIntegerField(
        _("ขนาดไฟล์หลักฐานสูงสุด (MB)"), default=20, validators=[MinValueValidator(1)]
    )
    # Used where the instrument's slot sets no max_files of its own.
    evidence_max_files = models.PositiveSmallIntegerField(
        _("จำนวนไฟล์หลักฐานต่อช่องไม่เกิน"), default=10, validators=[MinValueValidator(1)]
    )

    entries_per_person_per_domain = models.PositiveSmallIntegerField(
        _("จำนวนผลงานต่อคนต่อด้าน"), default=1, validators=[MinValueValidator(1)]
    )
    # Issue 5: "a person may apply for themselves where the campaign allows"; otherwise only
    # a school account (by school code) nominates.
    self_application_allowed = models.BooleanField(_("บุคคลสมัครด้วยตนเองได้"), default=False)
    judges_per_entry = models.PositiveSmallIntegerField(
        _("จำนวนกรรมการต่อผลงาน"), default=3, validators=[MinValueValidator(1)]
    )

    # The call letter (หนังสือเชิญ) and announcement (ประกาศ) are generated from these.
    letter_number = models.CharField(_("เลขที่หนังสือ (ที่ ศธ …)"), max_length=60, blank=True)
    letter_date = models.DateField(_("วันที่ของหนังสือและประกาศ"), null=True, blank=True)
    esa_address = models.TextField(_("ที่อยู่สำนักงานเขต (บรรทัดละรายการ)"), blank=True)
    recipient = models.CharField(_("เรียน"), max_length=200, default="ผู้อำนวยการโรงเรียนในสังกัด")
    signatory_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=200, blank=True)
    signatory_position = models.TextField(_("ตำแหน่งผู้ลงนาม (บรรทัดละรายการ)"), blank=True)
    contact_unit = models.CharField(
        _("ส่วนราชการเจ้าของเรื่อง"), max_length=200, default="กลุ่มพัฒนาครูและบุคลากรทางการศึกษา"
    )
    contact_phone = models.CharField(_("โทรศัพท์"), max_length=60, blank=True)
    contact_fax = models.CharField(_("โทรสาร"), max_length=60, blank=True)

    # Issue 19: an edition set up with the campaign wizard stays a draft, unseen by applicants
    # and the public pages, until staff open it (the wizard's last step).
    draft = models.BooleanField(_("ฉบับร่าง (ผู้สมัครยังไม่เห็น)"), default=False)
    # The last wizard step saved (0: not made with the wizard), so the progress bar and the
    # open step know whether the dates were confirmed rather than proposed.
    setup_step = models.PositiveSmallIntegerField(_("ขั้นตอนการตั้งค่าที่บันทึกแล้ว"), default=0)

    cloned_from = models.ForeignKey(
        "self",
        verbose_name=_("คัดลอกจาก"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clones",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การประกวด")
        verbose_name_plural = _("การประกวด")
        ordering = ["-year_be", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["esa", "name", "year_be"], name="awards_campaign_one_per_esa_name_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title_th

    @property
    def title_th(self) -> str:
        # As printed in the letter: "NARA 2 AWARDS" ครั้งที่ ๕ ประจำปี ๒๕๖๙ (name keeps its digits).
        edition, year = to_thai_digits(str(self.edition)), to_thai_digits(str(self.year_be))
        return f"{self.name} ครั้งที่ {edition} ประจำปี {year}"

    @property
    def correction_window(self) -> tuple[datetime, datetime] | None:
        """Aware [start, end) of the correction window: whole Bangkok days, both ends inclusive."""
        if not (self.correction_starts_on and self.correction_ends_on):
            return None
        tz = timezone.get_default_timezone()
        start = datetime.combine(self.correction_starts_on, time.min, tzinfo=tz)
        end = datetime.combine(self.correction_ends_on + timedelta(days=1), time.min, tzinfo=tz)
        return start, end

    def schedule(self) -> Schedule:
        return Schedule(
            opens_on=self.opens_on,
            deadline=self.deadline,
            correction_starts_on=self.correction_starts_on,
            correction_ends_on=self.correction_ends_on,
            judging_starts_on=self.judging_starts_on,
            announce_on=self.announce_on,
        )

    def portfolio_rules(self) -> PortfolioRules:
        """The portfolio rules in the terms of the format checker (documents.pdfcheck)."""
        width, height = PAPER_SIZES_MM[PaperSize(self.paper_size)]
        return PortfolioRules(
            max_pages=self.max_pages,
            page_size_mm=(width, height),
            allowed_font_families=tuple(str(f) for f in self.allowed_fonts),
            body_size_pt=float(self.body_font_size_pt),
            body_size_tolerance_pt=float(self.body_font_size_tolerance_pt),
            qr_forbidden=self.forbid_qr_codes,
        )

    def deadline_local(self) -> datetime:
        return timezone.localtime(self.deadline, timezone.get_default_timezone())

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        deadline_day: date | None = None
        if self.deadline is not None:
            if timezone.is_naive(self.deadline):
                add("deadline", "กำหนดส่งผลงานต้องระบุเขตเวลา (เวลาประเทศไทย)")
            else:
                deadline_day = self.deadline_local().date()
        if self.opens_on and deadline_day and deadline_day <= self.opens_on:
            add("deadline", "กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน")
        if self.correction_starts_on or self.correction_ends_on:
            if not (self.correction_starts_on and self.correction_ends_on):
                add("correction_ends_on", "ช่วงแก้ไขเอกสารต้องระบุทั้งวันเริ่มและวันสิ้นสุด")
            elif self.correction_ends_on < self.correction_starts_on:
                add("correction_ends_on", "วันสิ้นสุดช่วงแก้ไขเอกสารต้องไม่ก่อนวันเริ่ม")
            elif deadline_day and self.correction_starts_on <= deadline_day:
                add("correction_starts_on", "ช่วงแก้ไขเอกสารต้องเริ่มหลังกำหนดส่งผลงาน")
        if self.judging_starts_on and deadline_day and self.judging_starts_on < deadline_day:
            add("judging_starts_on", "การตัดสินต้องไม่เริ่มก่อนกำหนดส่งผลงาน")
        if (
            self.judging_starts_on
            and self.judging_ends_on
            and self.judging_ends_on < self.judging_starts_on
        ):
            add("judging_ends_on", "วันสิ้นสุดการตัดสินต้องไม่ก่อนวันเริ่มการตัดสิน")
        last_judging = self.judging_ends_on or self.judging_starts_on or deadline_day
        if self.announce_on and last_judging and self.announce_on < last_judging:
            add("announce_on", "วันประกาศผลต้องไม่ก่อนการตัดสินเสร็จสิ้น")
        if self.max_pages is not None and self.max_pages < 1:
            add("max_pages", "จำนวนหน้าต้องมากกว่า ๐")
        if self.body_font_size_pt is not None and self.body_font_size_pt <= 0:
            add("body_font_size_pt", "ขนาดตัวอักษรต้องมากกว่า ๐")
        if (
            self.body_font_size_pt is not None
            and self.body_font_size_tolerance_pt is not None
            and not (0 <= self.body_font_size_tolerance_pt < self.body_font_size_pt)
        ):
            add("body_font_size_tolerance_pt", "ค่าคลาดเคลื่อนต้องไม่ติดลบและน้อยกว่าขนาดตัวอักษร")
        fonts = self.allowed_fonts
        if not isinstance(fonts, list) or not [f for f in fonts if str(f).strip()]:
            add("allowed_fonts", "กรุณาระบุแบบอักษรที่อนุญาตอย่างน้อย ๑ แบบ")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None) -> None:
        # Django's message for the unique constraint is generic; say it in Thai, naming the edition.
        clash = Campaign.objects.filter(esa_id=self.esa_id, name=self.name, year_be=self.year_be)
        if self.pk:
            clash = clash.exclude(pk=self.pk)
        if self.esa_id and clash.exists():
            raise ValidationError(
                {
                    "year_be": (
                        f"สำนักงานเขตนี้มีการประกวด {self.name} ประจำปี "
                        f"{to_thai_digits(str(self.year_be))} อยู่แล้ว"
                    )
                }
            )

    def evidence_types_for(self, part: str, slot_id: str) -> tuple[str, ...]:
        """File kinds (keys of ``uploads.ALLOWED_TYPES``) the slot ``part.slot_id`` accepts."""
        kinds = (self.evidence_slot_file_types or {}).get(f"{part}.{slot_id}")
        return tuple(kinds or self.evidence_file_types or default_evidence_file_types())

    def letter_date_th(self) -> str:
        return format_thai_date(self.letter_date, "long") if self.letter_date else ""


class CampaignCategory(models.Model):
    """One competition group: category × domain × group, bound to two pinned instruments."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("ประเภท"), max_length=16, choices=AwardCategory.choices)
    domain = models.CharField(_("ด้าน"), max_length=16, choices=AwardDomain.choices)
    size_class = models.CharField(
        _("ขนาดโรงเรียน"), max_length=8, choices=SizeClass.choices, blank=True
    )
    teacher_level = models.CharField(
        _("ระดับ (ครูผู้สอน)"), max_length=16, choices=TeacherLevel.choices, blank=True
    )
    learning_area = models.CharField(
        _("กลุ่มสาระการเรียนรู้"), max_length=16, choices=LearningArea.choices, blank=True
    )
    eligibility_instrument_id = models.CharField(_("แบบประเมินคุณสมบัติเบื้องต้น"), max_length=100)
    eligibility_instrument_hash = models.CharField(max_length=64, editable=False)
    scoring_instrument_id = models.CharField(_("เกณฑ์การให้คะแนน"), max_length=100)
    scoring_instrument_hash = models.CharField(max_length=64, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ประเภทการประกวด")
        verbose_name_plural = _("ประเภทการประกวด")
        ordering = ["campaign", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "campaign",
                    "category",
                    "domain",
                    "size_class",
                    "teacher_level",
                    "learning_area",
                ],
                name="awards_category_unique_group",
            ),
        ]

    def __str__(self) -> str:
        return self.label_th

    @property
    def label_th(self) -> str:
        # Always Thai, whatever the page language: this is the group's name in certificates,
        # letters and exports, and its parts (the choices' labels) have English translations.
        with translation.override("th"):
            parts = [f"ประเภท{self.get_category_display()}", str(self.get_domain_display())]
            if self.teacher_level:
                parts.append(str(self.get_teacher_level_display()))
            if self.learning_area:
                parts.append(f"กลุ่มสาระ{self.get_learning_area_display()}")
            if self.size_class:
                parts.append(str(self.get_size_class_display()))
        return " ".join(parts)


def entry_portfolio_path(entry: Entry, filename: str) -> str:
    # Never the applicant's file name: it is untrusted and may leak personal data in URLs.
    return f"awards/{entry.campaign_id}/entries/{entry.pk}/portfolio-{uuid.uuid4().hex}.pdf"


class Entry(models.Model):
    """One application: a school, or a person nominated by their school, in one group.

    ``answers`` holds the applicant's part of both pinned instruments, keyed by slot:
    ``{"eligibility": {"fields": …, "evidence": …}, "scoring": {"fields": …, "evidence": …}}``;
    the indicators are the judges' part and are never stored here.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="entries")
    category = models.ForeignKey(CampaignCategory, on_delete=models.PROTECT, related_name="entries")
    school = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("สถานศึกษา"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    nominee_name = models.CharField(_("ชื่อผู้ส่งผลงาน"), max_length=255, blank=True)
    # What "one per person per domain" counts: the school itself, or school + normalised name.
    nominee_key = models.CharField(max_length=300, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="award_entries"
    )
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    # The portfolio PDF, stored only once the format checker has not rejected it; the report
    # is the checker's JSON for the latest upload (ok true/false/null, pages, findings).
    portfolio = models.FileField(
        _("แฟ้มผลงาน (PDF)"), upload_to=entry_portfolio_path, blank=True, max_length=255
    )
    portfolio_report = models.JSONField(null=True, blank=True)
    portfolio_checked_at = models.DateTimeField(null=True, blank=True)
    # The check of the latest upload, run by a worker (awards.services.portfolio): the page polls
    # it, then shows its report (``result``), also of a rejected file that was not kept.
    portfolio_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Answer paths ("scoring.fields.title") staff opened for the correction window.
    correction_paths = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The nominee in master data (personal categories), matched by name within the school at
    # screening time; its history is what the eligibility checks read.
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name=_("บุคลากร (ทะเบียน)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_entries",
    )
    # Confirmed eligibility screening result ("" until ESA staff confirm it).
    eligibility = models.CharField(
        _("ผลตรวจคุณสมบัติเบื้องต้น"), max_length=16, choices=Eligibility.choices, blank=True
    )
    screened_at = models.DateTimeField(null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The receipt of a submission (awards.receipts): the campaign's next number, given once at
    # the first submission and kept for good (a resubmission before the deadline keeps it).
    receipt_seq = models.PositiveIntegerField(null=True, blank=True, editable=False)
    receipt_number = models.CharField(_("เลขที่รับผลงาน"), max_length=40, blank=True, editable=False)
    # A draft the applicant deleted (issue 20): gone from their list, kept for the audit trail.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ผลงานที่ส่งประกวด")
        verbose_name_plural = _("ผลงานที่ส่งประกวด")
        indexes = [
            models.Index(fields=["campaign", "nominee_key"]),
            # The staff lists and the screening summary count a campaign's entries by status and
            # screening outcome (index-only at 100,000 entries); groups read by status too.
            models.Index(
                fields=["campaign", "status", "eligibility"], name="awards_entry_campaign_status"
            ),
            models.Index(fields=["category", "status"], name="awards_entry_category_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "receipt_seq"],
                condition=models.Q(receipt_seq__isnull=False),
                name="awards_entry_one_receipt_per_number",
            ),
        ]

    def __str__(self) -> str:
        who = self.nominee_name or str(self.school)
        return f"{who} — {self.category}"

    @property
    def receipt_number_th(self) -> str:
        from pramoen.awards.receipts import receipt_th

        return receipt_th(self.receipt_number) if self.receipt_number else ""


def evidence_file_path(evidence: EvidenceFile, filename: str) -> str:
    # A random name: the applicant's file name is untrusted and stays only in the database.
    entry = evidence.entry
    return f"awards/{entry.campaign_id}/entries/{entry.pk}/evidence/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    """One file uploaded into one evidence slot of an entry, kept through the storage API."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="evidence_files")
    part = models.CharField(max_length=16)  # "eligibility" | "scoring": which pinned instrument
    slot_id = models.CharField(_("ช่องหลักฐาน"), max_length=100)
    original_name = models.CharField(_("ชื่อไฟล์เดิม"), max_length=255)
    file = models.FileField(upload_to=evidence_file_path, max_length=255)
    content_type = models.CharField(max_length=100)  # from the magic bytes, never the browser
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ไฟล์หลักฐาน")
        verbose_name_plural = _("ไฟล์หลักฐาน")
        ordering = ["entry", "part", "slot_id", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["entry", "part", "slot_id"])]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.entry_id} {self.part}.{self.slot_id})"

    @property
    def answer_path(self) -> str:
        """The path staff open for the correction window (as in Entry.correction_paths)."""
        return f"{self.part}.evidence.{self.slot_id}"


@receiver(post_delete, sender=EvidenceFile)
def _evidence_file_deleted(sender: type[EvidenceFile], instance: EvidenceFile, **kwargs) -> None:
    # Also when an entry is deleted (cascade): the stored file must not outlive its row. After
    # the commit, so a rolled-back deletion keeps its file.
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


class EntryEvent(models.Model):
    """The status timeline the applicant follows."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EntryEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.entry_id})"


class EligibilityCheck(models.Model):
    """One automatic eligibility check of one entry (awards.screening), with the staff decision.

    ``computed_outcome`` and ``basis_th`` are rewritten by every screening run; ``decision``,
    ``override_outcome`` and ``reason`` belong to staff and a run never erases an override.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="eligibility_checks")
    code = models.CharField(max_length=32)
    position = models.PositiveSmallIntegerField(default=0)
    title_th = models.CharField(_("รายการตรวจ"), max_length=255)
    rule_th = models.CharField(_("อ้างอิง"), max_length=100, blank=True)
    computed_outcome = models.CharField(
        _("ผลที่ระบบคำนวณ"), max_length=16, choices=CheckOutcome.choices
    )
    basis_th = models.TextField(_("คำนวณจาก"))
    computed_at = models.DateTimeField()
    decision = models.CharField(
        _("การพิจารณาของเจ้าหน้าที่"), max_length=16, choices=CheckDecision.choices, blank=True
    )
    override_outcome = models.CharField(
        _("ผลที่เจ้าหน้าที่กำหนด"), max_length=16, choices=CheckOutcome.choices, blank=True
    )
    reason = models.TextField(_("เหตุผล"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ผลตรวจคุณสมบัติเบื้องต้น")
        verbose_name_plural = _("ผลตรวจคุณสมบัติเบื้องต้น")
        ordering = ["entry", "position"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "code"], name="awards_check_one_per_code"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.code}: {self.outcome}"

    @property
    def overridden(self) -> bool:
        return self.decision == CheckDecision.OVERRIDDEN

    @property
    def outcome(self) -> str:
        return self.override_outcome if self.overridden else self.computed_outcome

    def get_outcome_display(self) -> str:
        return str(CheckOutcome(self.outcome).label)


# Portfolio duplicates live in their own module (this one is near the module-size limit).
from pramoen.awards.duplicate_models import (  # noqa: E402, F401
    PortfolioBand,
    PortfolioMatch,
    PortfolioSignature,
)
