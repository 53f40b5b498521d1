"""Choices of the KPI app, with the Thai labels users see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    SIX_MONTHS = "6m", _("รอบ 6 เดือน")
    TWELVE_MONTHS = "12m", _("รอบ 12 เดือน")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("ยังไม่ส่ง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอตรวจ")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    # The first level's decision (ภาค, or the ESA's own reviewer); locks the report against the ESA.
    APPROVED = "approved", _("อนุมัติแล้ว รอ สพฐ. รับรอง")
    # OBEC's acceptance: final; locks the report against the region too.
    ACCEPTED = "accepted", _("สพฐ. รับรองแล้ว")


# Statuses that count as handed in (dashboards, timeliness) and that carry a final score.
SENT_STATUSES = ("submitted", "approved", "accepted")
SCORED_STATUSES = ("approved", "accepted")


class ApprovalChain(models.TextChoices):
    """Who decides on an ESA's report after it is submitted (per KPI campaign)."""

    REGION_THEN_OBEC = "region_obec", _("สำนักงานศึกษาธิการภาคอนุมัติ แล้ว สพฐ. รับรอง")
    OBEC_ONLY = "obec", _("สพฐ. อนุมัติโดยตรง (ไม่ผ่านภาค)")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("ไฟล์")
    LINK = "link", _("ลิงก์")


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("แจ้งเตือนก่อนครบกำหนด")
    OVERDUE = "overdue", _("แจ้งเตือนเลยกำหนด")
    # Escalation: past due, the ESA's สำนักงานศึกษาธิการภาค is told too (one digest per region).
    REGION_OVERDUE = "region_overdue", _("แจ้งสำนักงานศึกษาธิการภาคว่าเขตเลยกำหนดส่ง")
