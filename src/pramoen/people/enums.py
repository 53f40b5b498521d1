from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchKind(models.TextChoices):
    SCHOOLS = "schools", _("บัญชีสถานศึกษา")
    PEOPLE = "people", _("บัญชีบุคลากร (ครูและผู้บริหาร)")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("รอดำเนินการ")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ไม่สำเร็จ")


class RegistrationKind(models.TextChoices):
    TEACHER = "teacher", _("ครูและบุคลากร")
    SCHOOL = "school", _("สถานศึกษา")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("รอตรวจสอบ")
    APPROVED = "approved", _("อนุมัติแล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")
