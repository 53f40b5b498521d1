"""Every kind of e-mail the system sends (issue 19): its Thai name and description, the variables
it offers (each with a Thai description and a sample value for the preview), and its default
subject and body — Django template text shipped in ``core/mail_defaults/<code>.subject.txt`` and
``.body.txt``. An ESA may override the two texts for itself (the people app's ``MailTemplate``);
``core.mail.mail_queue`` renders a kind with the ESA's override or the default.

The registry lives in core, below every app that sends mail, so that awards, judging, kpi and
people all name their kind from here and the people app's pages can list all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DEFAULTS_DIR = Path(__file__).resolve().parent / "mail_defaults"


@dataclass(frozen=True, slots=True)
class MailVariable:
    name: str
    label_th: str | Promise
    sample: str


@dataclass(frozen=True)
class MailKind:
    code: str
    name_th: str | Promise
    description_th: str | Promise
    variables: tuple[MailVariable, ...]
    # False: sent on behalf of no single ESA (a region's digest), so only the default is used.
    per_esa: bool = True

    @cached_property
    def default_subject(self) -> str:
        return (DEFAULTS_DIR / f"{self.code}.subject.txt").read_text(encoding="utf-8")

    @cached_property
    def default_body(self) -> str:
        return (DEFAULTS_DIR / f"{self.code}.body.txt").read_text(encoding="utf-8")

    def sample(self) -> dict[str, str]:
        return {variable.name: variable.sample for variable in self.variables}


def _v(name: str, label_th: str | Promise, sample: str) -> MailVariable:
    return MailVariable(name=name, label_th=label_th, sample=sample)


_ENTRY = (
    _v("who", _("ชื่อผู้สมัคร (หรือชื่อสถานศึกษา)"), "นางสาวสมใจ ใฝ่เรียน"),
    _v("campaign_name", _("ชื่อย่อครั้งการประกวด"), "NARA 2 AWARDS ครั้งที่ ๖"),
    _v("campaign_title", _("ชื่อเต็มครั้งการประกวด"), "การประกวดรางวัล NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"),
    _v("category", _("ประเภทและด้านที่สมัคร"), "ครูผู้สอน ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน"),
)

ENTRY_SUBMITTED = MailKind(
    code="awards.entry_submitted",
    name_th=_("ได้รับผลงานแล้ว"),
    description_th=_("ส่งถึงผู้สมัครเมื่อส่งผลงานในระบบ"),
    variables=(
        *_ENTRY,
        _v("receipt_number", _("เลขที่รับผลงาน"), "น๒-๒๕๗๐-๐๐๐๑๒๓"),
        _v("submitted_at", _("วันเวลาที่ส่ง"), "๓ ธันวาคม ๒๕๖๙ เวลา ๑๐.๓๐ น."),
        _v("deadline", _("แก้ไขผลงานได้ถึง"), "๓๑ ธันวาคม ๒๕๖๙ เวลา ๑๖.๓๐ น."),
    ),
)
CORRECTION_REQUESTED = MailKind(
    code="awards.correction_requested",
    name_th=_("ขอให้แก้ไขเอกสาร"),
    description_th=_("ส่งถึงผู้สมัครเมื่อเจ้าหน้าที่ขอให้แก้ไขเอกสาร"),
    variables=(
        *_ENTRY,
        _v("note", _("สิ่งที่ต้องแก้ไข"), "แนบสำเนา ก.พ.๗ ที่ลงนามรับรองแล้ว"),
        _v("until", _("แก้ไขได้ถึงวันที่ (ว่างเมื่อไม่มีกำหนด)"), "๑๕ มกราคม ๒๕๗๐"),
    ),
)
ENTRY_SCREENED = MailKind(
    code="awards.entry_screened",
    name_th=_("ผลการตรวจคุณสมบัติเบื้องต้น"),
    description_th=_("ส่งถึงผู้สมัครเมื่อเจ้าหน้าที่ยืนยันผลการตรวจคุณสมบัติ"),
    variables=(
        *_ENTRY,
        _v("result", _("ผลการตรวจ"), "ไม่ผ่านคุณสมบัติเบื้องต้น"),
        _v(
            "failed_checks",
            _("รายการที่ไม่ผ่าน บรรทัดละรายการ (ว่างเมื่อผ่าน)"),
            "- ไม่เคยถูกลงโทษทางวินัยภายในระยะที่กำหนด (ประกาศ ข้อ ๒.๓)",
        ),
    ),
)
REVIEW_RETURNED = MailKind(
    code="judging.review_returned",
    name_th=_("ประธานส่งผลการประเมินกลับให้ทบทวน"),
    description_th=_("ส่งถึงกรรมการเมื่อประธานกรรมการส่งผลการประเมินกลับ"),
    variables=(
        _v("who", _("ชื่อผู้สมัคร (หรือชื่อสถานศึกษา)"), "นางสาวสมใจ ใฝ่เรียน"),
        _v("campaign_name", _("ชื่อย่อครั้งการประกวด"), "NARA 2 AWARDS ครั้งที่ ๖"),
        _v("category", _("ประเภทและด้านที่สมัคร"), "ครูผู้สอน ด้านวิชาการ"),
        _v("reason", _("เหตุผลของประธาน"), "ตัวชี้วัดที่ ๒ ให้คะแนนสูงกว่าหลักฐานในแฟ้ม"),
    ),
)
_KPI = (
    _v("esa_name", _("ชื่อสำนักงานเขตพื้นที่"), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑"),
    _v("report", _("รายงานและรอบ"), "รายงานตัวชี้วัด รอบ ๑๒ เดือน ปีงบประมาณ 2569"),
    _v("due", _("กำหนดส่ง"), "30 กันยายน 2569 เวลา 16:30 น."),
)
KPI_BEFORE_DUE = MailKind(
    code="kpi.reminder_before_due",
    name_th=_("แจ้งเตือนก่อนกำหนดส่งรายงานตัวชี้วัด"),
    description_th=_("ส่งถึงผู้รายงานตัวชี้วัดของเขตก่อนครบกำหนดส่ง"),
    variables=_KPI,
)
KPI_OVERDUE = MailKind(
    code="kpi.reminder_overdue",
    name_th=_("เลยกำหนดส่งรายงานตัวชี้วัด"),
    description_th=_("ส่งถึงผู้รายงานตัวชี้วัดของเขตเมื่อเลยกำหนดส่ง"),
    variables=(
        *_KPI,
        _v("region_name", _("สำนักงานศึกษาธิการภาคที่ได้รับแจ้งด้วย (ว่างเมื่อไม่มี)"), "สำนักงานศึกษาธิการภาค 1"),
    ),
)
KPI_REGION = MailKind(
    code="kpi.reminder_region",
    name_th=_("แจ้งภาคถึงเขตที่เลยกำหนดส่ง"),
    description_th=_("ส่งถึงผู้ตรวจรายงานของสำนักงานศึกษาธิการภาค รวมทุกเขตของภาค จึงใช้ข้อความของระบบเสมอ"),
    variables=(
        _v("region_name", _("ชื่อสำนักงานศึกษาธิการภาค"), "สำนักงานศึกษาธิการภาค 1"),
        _v("report", _("รายงานและรอบ"), "รายงานตัวชี้วัด รอบ ๑๒ เดือน ปีงบประมาณ 2569"),
        _v("due", _("กำหนดส่ง"), "30 กันยายน 2569 เวลา 16:30 น."),
        _v(
            "esa_list",
            _("รายชื่อเขตที่ยังไม่ส่ง บรรทัดละเขต"),
            "- สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑",
        ),
    ),
    per_esa=False,
)
INVITE = MailKind(
    code="people.invite",
    name_th=_("เชิญใช้งานระบบ (ลิงก์ตั้งรหัสผ่าน)"),
    description_th=_("ส่งถึงผู้ได้รับเชิญ และผู้ลงทะเบียนที่เจ้าหน้าที่อนุมัติแล้ว พร้อมลิงก์ตั้งรหัสผ่านครั้งเดียว"),
    variables=(
        _v("name", _("ชื่อผู้รับ"), "นางสาวสมใจ ใฝ่เรียน"),
        _v("inviter", _("ผู้เชิญ"), "นายสมชาย ตั้งใจ"),
        _v("role", _("บทบาท"), "ผู้สมัคร (บุคคล)"),
        _v("place", _("หน่วยงาน"), "โรงเรียนบ้านตัวอย่าง"),
        _v("username", _("ชื่อผู้ใช้"), "somjai.p"),
        _v("days", _("ลิงก์ใช้ได้กี่วัน"), "7"),
        _v("link", _("ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว)"), "https://pramoen.example/people/welcome/…/"),
    ),
)
REGISTRATION_REJECTED = MailKind(
    code="people.registration_rejected",
    name_th=_("ไม่อนุมัติคำขอลงทะเบียน"),
    description_th=_("ส่งถึงผู้ลงทะเบียนเมื่อเจ้าหน้าที่ไม่อนุมัติ พร้อมเหตุผล"),
    variables=(
        _v("name", _("ชื่อผู้ลงทะเบียน"), "นางสาวสมใจ ใฝ่เรียน"),
        _v("esa", _("ชื่อสำนักงานเขตพื้นที่"), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑"),
        _v("reason", _("เหตุผลที่ไม่อนุมัติ"), "เลขประจำตัวประชาชนไม่ตรงกับทะเบียนบุคลากร"),
    ),
)

MAIL_KINDS: dict[str, MailKind] = {
    kind.code: kind
    for kind in (
        ENTRY_SUBMITTED,
        CORRECTION_REQUESTED,
        ENTRY_SCREENED,
        REVIEW_RETURNED,
        KPI_BEFORE_DUE,
        KPI_OVERDUE,
        KPI_REGION,
        INVITE,
        REGISTRATION_REJECTED,
    )
}


def mail_kind(code: str) -> MailKind | None:
    return MAIL_KINDS.get(code)
