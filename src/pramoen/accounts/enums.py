from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("ผู้ดูแลระบบ")
    ESA_STAFF = "esa_staff", _("เจ้าหน้าที่เขตพื้นที่การศึกษา")
    COMMITTEE_CHAIR = "committee_chair", _("ประธานคณะกรรมการ")
    JUDGE = "judge", _("กรรมการประเมิน")
    APPLICANT_SCHOOL = "applicant_school", _("ผู้สมัคร (บัญชีสถานศึกษา)")
    APPLICANT_PERSON = "applicant_person", _("ผู้สมัคร (บุคคล)")
    KPI_REPORTER = "kpi_reporter", _("ผู้รายงานตัวชี้วัด")
    KPI_REVIEWER = "kpi_reviewer", _("ผู้ตรวจรายงานตัวชี้วัด")
    # Held on a สำนักงานศึกษาธิการภาค: reviews and approves its ESAs' KPI reports (issue 18).
    KPI_REGION_REVIEWER = "kpi_region_reviewer", _("ผู้ตรวจรายงานตัวชี้วัดระดับภาค")


class ApiScope(models.TextChoices):
    """What a personal API token may do (docs/api.md). A token acts as its owner, and only within
    the owner's own permissions: a scope narrows, never widens."""

    READ = "read", _("อ่านข้อมูล")
    WRITE_IMPORTS = "write:imports", _("นำเข้าข้อมูลโรงเรียนและบุคลากร")
    WRITE_KPI = "write:kpi", _("บันทึกข้อมูลรายงานตัวชี้วัด")
    REVIEW_KPI = "review:kpi", _("ตรวจ อนุมัติ และรับรองรายงานตัวชี้วัด")
    SCORE = "score", _("คำนวณคะแนนตามแบบประเมิน")
