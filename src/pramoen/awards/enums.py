"""Choices of the NARA 2 AWARDS announcement (seed 003, ประกาศ ข้อ ๓), with Thai labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardCategory(models.TextChoices):
    # ประกาศ ข้อ ๓: "ประเภทของผลงาน แบ่งเป็น ๕ ประเภท"
    SCHOOL = "school", _("สถานศึกษา")
    DIRECTOR = "director", _("ผู้บริหารสถานศึกษา/รองผู้บริหารสถานศึกษา")
    TEACHER = "teacher", _("ครูผู้สอน")
    SUPERVISOR = "supervisor", _("ศึกษานิเทศก์")
    OTHER_STAFF = "other_staff", _("บุคลากรทางการศึกษาอื่น ๓๘ ค.(๒)")


class AwardDomain(models.TextChoices):
    ACADEMIC = "academic", _("ด้านวิชาการ")
    MANAGEMENT = "management", _("ด้านบริหารจัดการ")
    INNOVATION = "innovation", _("ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน")


class SizeClass(models.TextChoices):
    # ประกาศ ข้อ ๓.๒/๓.๓: small ≤ 119, medium 120–320, large ≥ 321 students.
    SMALL = "small", _("โรงเรียนขนาดเล็ก")
    MEDIUM = "medium", _("โรงเรียนขนาดกลาง")
    LARGE = "large", _("โรงเรียนขนาดใหญ่")


class TeacherLevel(models.TextChoices):
    # ประกาศ ข้อ ๓.๓
    EARLY_CHILDHOOD = "early_childhood", _("ระดับปฐมวัย")
    PRIMARY = "primary", _("ระดับประถมศึกษา")
    LOWER_SECONDARY = "lower_secondary", _("ระดับมัธยมศึกษาตอนต้น")
    SPECIAL_NEEDS = "special_needs", _("ครูผู้สอนเด็กที่มีความต้องการพิเศษ/พี่เลี้ยงเด็กพิการ")


class LearningArea(models.TextChoices):
    THAI = "thai", _("ภาษาไทย")
    MATH = "math", _("คณิตศาสตร์")
    SCIENCE = "science", _("วิทยาศาสตร์และเทคโนโลยี")
    SOCIAL = "social", _("สังคมศึกษา ศาสนา และวัฒนธรรม")
    HEALTH_PE = "health_pe", _("สุขศึกษาและพลศึกษา")
    ARTS = "arts", _("ศิลปะ")
    CAREER = "career", _("การงานอาชีพ")
    FOREIGN = "foreign", _("ภาษาต่างประเทศ")
    ACTIVITY = "activity", _("กิจกรรมพัฒนาผู้เรียน")


class PaperSize(models.TextChoices):
    A4 = "A4", _("A4 (210 × 297 มม.)")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("ส่งผลงานแล้ว")
    WITHDRAWN = "withdrawn", _("ถอนผลงานแล้ว")


class EntryEventKind(models.TextChoices):
    CREATED = "created", _("เริ่มกรอกใบสมัคร")
    SUBMITTED = "submitted", _("ส่งผลงาน")
    RESUBMITTED = "resubmitted", _("แก้ไขผลงานที่ส่งแล้ว")
    WITHDRAWN = "withdrawn", _("ถอนผลงาน")
    CORRECTION_REQUESTED = "correction_requested", _("เจ้าหน้าที่ขอให้แก้ไขเอกสาร")
    CORRECTED = "corrected", _("แก้ไขเอกสารตามที่ขอ")
    PORTFOLIO_CHECKED = "portfolio_checked", _("อัปโหลดและตรวจรูปแบบแฟ้มผลงาน")
    EVIDENCE_CHANGED = "evidence_changed", _("เพิ่มหรือลบไฟล์หลักฐาน")
    SCREENED = "screened", _("ตรวจคุณสมบัติเบื้องต้นแล้ว")
    CATEGORY_CHANGED = "category_changed", _("เปลี่ยนกลุ่มที่สมัคร")
    DELETED = "deleted", _("ลบใบสมัครฉบับร่าง")


class Eligibility(models.TextChoices):
    # ประกาศ ข้อ ๔: "ผู้ที่ตรวจคุณสมบัติเบื้องต้นแล้ว ไม่ผ่าน ไม่มอบเกียรติบัตร"
    ELIGIBLE = "eligible", _("ผ่านคุณสมบัติเบื้องต้น")
    NOT_ELIGIBLE = "not_eligible", _("ไม่ผ่านคุณสมบัติเบื้องต้น — ไม่มอบเกียรติบัตร")


class CheckOutcome(models.TextChoices):
    PASS = "pass", _("ผ่าน")
    FAIL = "fail", _("ไม่ผ่าน")
    NEEDS_EVIDENCE = "needs_evidence", _("ต้องมีหลักฐานเพิ่ม")


class CheckDecision(models.TextChoices):
    CONFIRMED = "confirmed", _("ยืนยันผลที่คำนวณ")
    OVERRIDDEN = "overridden", _("เจ้าหน้าที่กำหนดผลเอง")
