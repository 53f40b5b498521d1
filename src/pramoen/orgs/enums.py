"""Choices for organizations and people, with the Thai labels used on OBEC's own forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    OBEC = "obec", _("สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    # สำนักงานศึกษาธิการภาค: groups ESAs by province for the KPI approval chain (orgs/regions.py).
    REGION = "region", _("สำนักงานศึกษาธิการภาค")
    ESA = "esa", _("สำนักงานเขตพื้นที่การศึกษา")
    SCHOOL = "school", _("สถานศึกษา")


class EsaLevel(models.TextChoices):
    PRIMARY = "primary", _("สำนักงานเขตพื้นที่การศึกษาประถมศึกษา (สพป.)")
    SECONDARY = "secondary", _("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา (สพม.)")


class SchoolType(models.TextChoices):
    PRIMARY = "primary", _("ประถมศึกษา")
    EXTENDED = "extended", _("ขยายโอกาสทางการศึกษา")
    SECONDARY = "secondary", _("มัธยมศึกษา")


class Level(models.TextChoices):
    """Levels taught; stored as a comma-separated list of these values on the school."""

    EARLY_CHILDHOOD = "early", _("ปฐมวัย")
    PRIMARY = "primary", _("ประถมศึกษา")
    LOWER_SECONDARY = "lower_secondary", _("มัธยมศึกษาตอนต้น")
    UPPER_SECONDARY = "upper_secondary", _("มัธยมศึกษาตอนปลาย")
    SPECIAL = "special", _("การศึกษาพิเศษ")


class OnesqaLevel(models.TextChoices):
    # ONESQA (สมศ.) overall results; NARA 2 eligibility 1.3 wants "good" or better in round 4/5.
    EXCELLENT = "excellent", _("ดีเยี่ยม")
    VERY_GOOD = "very_good", _("ดีมาก")
    GOOD = "good", _("ดี")
    FAIR = "fair", _("พอใช้")
    IMPROVE = "improve", _("ต้องปรับปรุง")
    NOT_CERTIFIED = "not_certified", _("ไม่รับรอง")


ONESQA_GOOD_OR_BETTER = frozenset({OnesqaLevel.EXCELLENT, OnesqaLevel.VERY_GOOD, OnesqaLevel.GOOD})


class OnetGrade(models.TextChoices):
    P6 = "p6", _("ป.6")
    M3 = "m3", _("ม.3")
    M6 = "m6", _("ม.6")


class OnetSubject(models.TextChoices):
    THAI = "thai", _("ภาษาไทย")
    MATH = "math", _("คณิตศาสตร์")
    SCIENCE = "science", _("วิทยาศาสตร์")
    ENGLISH = "english", _("ภาษาอังกฤษ")
    SOCIAL = "social", _("สังคมศึกษา ศาสนา และวัฒนธรรม")


class QualityCoreKind(models.TextChoices):
    # KPI 10 (seed 000): 349 quality schools = 183 primary, 77 secondary, 89 stand-alone.
    PRIMARY_QUALITY = "primary_quality", _("โรงเรียนคุณภาพระดับประถมศึกษา")
    SECONDARY_QUALITY = "secondary_quality", _("โรงเรียนคุณภาพระดับมัธยมศึกษา")
    STAND_ALONE = "stand_alone", _("โรงเรียน Stand Alone")


class Position(models.TextChoices):
    TEACHER = "teacher", _("ครูผู้สอน")
    DIRECTOR = "director", _("ผู้อำนวยการสถานศึกษา")
    DEPUTY_DIRECTOR = "deputy_director", _("รองผู้อำนวยการสถานศึกษา")
    SUPERVISOR = "supervisor", _("ศึกษานิเทศก์")
    ESA_DIRECTOR = "esa_director", _("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")
    ESA_DEPUTY = "esa_deputy", _("รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา")
    OTHER_38C2 = "other_38c2", _("บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)")
    GOVERNMENT_EMPLOYEE = "government_employee", _("พนักงานราชการ")
    CONTRACT_TEACHER = "contract_teacher", _("ครูอัตราจ้าง")
    ASSISTANT_TEACHER = "assistant_teacher", _("ครูผู้ช่วย")
    OTHER = "other", _("อื่น ๆ")


class AcademicStanding(models.TextChoices):
    NONE = "none", _("ไม่มีวิทยฐานะ")
    PROFESSIONAL = "professional", _("ชำนาญการ")
    SENIOR_PROFESSIONAL = "senior_professional", _("ชำนาญการพิเศษ")
    EXPERT = "expert", _("เชี่ยวชาญ")
    SENIOR_EXPERT = "senior_expert", _("เชี่ยวชาญพิเศษ")


class DisciplinaryKind(models.TextChoices):
    # Penalties under the Teachers and Educational Personnel Act, lightest first; a written
    # warning is not a penalty but offices record it, and ก.พ.7 evidence asks about both.
    WARNING = "warning", _("ว่ากล่าวตักเตือน")
    PROBATION = "probation", _("ภาคทัณฑ์")
    SALARY_CUT = "salary_cut", _("ตัดเงินเดือน")
    SALARY_STEP_CUT = "salary_step_cut", _("ลดขั้นเงินเดือน")
    DISCHARGE = "discharge", _("ปลดออก")
    DISMISSAL = "dismissal", _("ไล่ออก")


class AwardLevel(models.TextChoices):
    SCHOOL = "school", _("ระดับสถานศึกษา")
    NETWORK = "network", _("ระดับกลุ่มเครือข่าย")
    ESA = "esa", _("ระดับเขตพื้นที่การศึกษา")
    PROVINCE = "province", _("ระดับจังหวัด")
    REGION = "region", _("ระดับภาค")
    NATIONAL = "national", _("ระดับชาติ")


class AwardTier(models.TextChoices):
    GOLD = "gold", _("เหรียญทอง")
    SILVER = "silver", _("เหรียญเงิน")
    BRONZE = "bronze", _("เหรียญทองแดง")
    HONOURABLE = "honourable", _("ชมเชย")
    WINNER = "winner", _("ชนะเลิศ")
    OTHER = "other", _("อื่น ๆ")


class AwardDomain(models.TextChoices):
    ACADEMIC = "academic", _("ด้านวิชาการ")
    MANAGEMENT = "management", _("ด้านบริหารจัดการ")
    INNOVATION = "innovation", _("ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน")
    OTHER = "other", _("อื่น ๆ")


class ImportKind(models.TextChoices):
    SCHOOLS = "schools", _("สถานศึกษา")
    PEOPLE = "people", _("บุคลากร")
    ONET = "onet", _("ผล O-NET")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("กำลังตรวจสอบ")
    COMMITTING = "committing", _("กำลังนำเข้า")
    PREVIEWED = "previewed", _("ตรวจสอบแล้ว รอยืนยัน")
    REJECTED = "rejected", _("มีข้อผิดพลาด")
    COMMITTED = "committed", _("นำเข้าแล้ว")
