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
    APPROVED = "approved", _("อนุมัติแล้ว")


class EvidenceKind(models.TextChoices):
    FILE = "file", _("ไฟล์")
    LINK = "link", _("ลิงก์")


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", _("แจ้งเตือนก่อนครบกำหนด")
    OVERDUE = "overdue", _("แจ้งเตือนเลยกำหนด")
