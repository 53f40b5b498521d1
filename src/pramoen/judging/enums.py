from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("ส่งผลการประเมินแล้ว")


class ConflictSource(models.TextChoices):
    OWN_SCHOOL = "own_school", _("กรรมการสังกัดสถานศึกษาเดียวกับผู้ส่งผลงาน")
    SAME_NETWORK = "same_network", _("กรรมการสังกัดกลุ่มโรงเรียนเดียวกัน")
    DECLARED = "declared", _("กรรมการแจ้งส่วนได้เสียเอง")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("ค่าเฉลี่ยของกรรมการ")
    MEDIAN = "median", _("มัธยฐานของกรรมการ")
    TRIMMED = "trimmed", _("ค่าเฉลี่ยหลังตัดคะแนนสูงสุดและต่ำสุด (เมื่อมีกรรมการ ๕ คนขึ้นไป)")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังสร้าง")
    DONE = "done", _("สร้างเสร็จแล้ว")
    FAILED = "failed", _("สร้างไม่สำเร็จ")
