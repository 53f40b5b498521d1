"""Demo KPI data: campaign 2569 with both rounds and five ESAs — some submitted on time, some
late, one approved in each round — so the dashboard has something to show. Safe to run again.

The demo ESA (``pramoen.orgs.demo.DEMO_ESA_CODE``, reporter ``kpi``) is left without a 6-month
report: that is the one a visitor (and the browser test) fills in and submits.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from pramoen.accounts.demo import demo_user
from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant
from pramoen.kpi import services
from pramoen.kpi.models import KpiCampaign, KpiReport, KpiReportingUnit
from pramoen.orgs.enums import EsaLevel, OrganizationKind
from pramoen.orgs.models import Organization

DEMO_FISCAL_YEAR = 2569
DUE_6M = date(2026, 4, 30)  # 30 เม.ย. 2569
# Both due dates lie inside fiscal year 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569), as campaign_create asks.
DUE_12M = date(2026, 9, 15)  # 15 ก.ย. 2569
# The demo reviewer and ESA staff belong to the demo ESA and see only it; this reviewer sits at
# OBEC, the national level, and sees every ESA on the dashboard and in the review queue.
OBEC_REVIEWER = ("obec", "นาย", "วีระพงษ์", "ส่วนกลาง")

# code, name, level, 6-month story, 12-month story
DEMO_ESAS = [
    ("9001", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๑", EsaLevel.PRIMARY, "approved", "approved"),
    ("9002", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสมมติ", EsaLevel.SECONDARY, "late_approved", "submitted"),
    ("9003", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๓", EsaLevel.PRIMARY, "submitted", None),
    ("9004", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๔", EsaLevel.PRIMARY, None, None),
]
REPORTER = {
    "reporter_name": "นางสาวสมศรี ใจดี",
    "reporter_position": "ศึกษานิเทศก์ชำนาญการพิเศษ",
    "reporter_phone": "073-511-234",
    "reporter_email": "somsri@demo.pramoen.invalid",
}
TWELVE_MONTH = {
    "s1_1_operations": "ประชุมชี้แจงแผนขับเคลื่อนโรงเรียนคุณภาพแก่ผู้บริหารทุกโรงเรียน",
    "s1_1_results": "โรงเรียนคุณภาพทุกแห่งมีแผนปฏิบัติการที่สอดคล้องกับแผนของเขต",
    "s1_2_operations": "ลงนามความร่วมมือกับองค์การบริหารส่วนจังหวัดและภาคเอกชน",
    "s1_2_results": "มีภาคีเครือข่ายสนับสนุน 12 หน่วยงาน",
    "s1_3_operations": "จัดรถรับส่งนักเรียนจากโรงเรียนเครือข่ายมาเรียนรวม",
    "s1_3_qualitative": "นักเรียนโรงเรียนเครือข่ายได้เรียนกับครูครบชั้น",
    "s1_4_operations": "นิเทศการจัดการเรียนรู้เชิงรุกทุกภาคเรียน",
    "s1_4_results": "ครูร้อยละ 90 จัดการเรียนรู้เชิงรุก",
    "s1_5_operations": "ตรวจเยี่ยมโรงเรียนคุณภาพภาคเรียนละ 2 ครั้ง",
    "s1_5_results": "มีรายงานการนิเทศครบทุกโรงเรียน",
    "impact_learners": "ผลสัมฤทธิ์ทางการเรียนสูงขึ้น",
    "impact_teachers_administrators": "ครูมีทักษะการจัดการเรียนรู้เชิงรุก",
    "impact_schools": "ผู้ปกครองเชื่อมั่นโรงเรียนคุณภาพ",
    "impact_partners": "ภาคีเครือข่ายร่วมระดมทรัพยากร",
    "network_total": 24,
    "network_participating": 18,
    "integrated_previous_year": 9,
    "integrated_current_year": 12,
    "sharing_previous_year": 10,
    "sharing_current_year": 15,
    "esa_bp_management": True,
    "esa_bp_management_title": "รูปแบบการบริหารโรงเรียนคุณภาพแบบเครือข่าย",
    "esa_bp_management_steps": "วางแผน ลงมือทำ ตรวจสอบ ปรับปรุง",
    "esa_bp_management_results": "โรงเรียนคุณภาพผ่านการประเมินทุกแห่ง",
    "esa_bp_sharing": True,
    "esa_bp_sharing_title": "ธนาคารครูเคลื่อนที่",
    "esa_bp_sharing_steps": "จัดครูหมุนเวียนสอนวิชาเอกที่ขาด",
    "esa_bp_sharing_results": "โรงเรียนเครือข่ายมีครูครบวิชาเอก",
    "school_bp_management": True,
    "school_bp_management_list": [{"school_name": "โรงเรียนบ้านหนองบัว", "title": "บริหารแบบมีส่วนร่วม"}],
    "school_bp_teaching": False,
    "pa_challenge": False,
}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=services.BANGKOK)


def _fill_and_submit(report: KpiReport, answers: dict, submitted: datetime) -> KpiReport:
    services.report_update(
        report=report, actor=None, expected_version=report.version, changes=answers
    )
    for issue in services.report_structure(report).issues:
        for slot in issue.slots:
            if not report.evidence.filter(slot_id=slot.id).exists():
                services.evidence_add_link(
                    report=report,
                    slot_id=slot.id,
                    url=f"https://drive.demo.pramoen.invalid/{report.esa.code}/{slot.id}",
                    title=f"หลักฐาน {slot.id}",
                    actor=None,
                )
    report = services.report_submit(report=report, actor=None, expected_version=report.version)
    # Demo history: put the submission where the story needs it (on time or late).
    KpiReport.objects.filter(pk=report.pk).update(
        submitted_at=submitted, first_submitted_at=submitted
    )
    report.refresh_from_db()
    return report


def _approve(report: KpiReport, clear: dict[str, bool]) -> None:
    for issue_id, is_clear in clear.items():
        services.review_mark(
            report=report, issue_id=issue_id, clear=is_clear, comment="", actor=None
        )
    services.report_approve(report=report, actor=None)


def _obec_reviewer(obec: Organization) -> User:
    user = demo_user(*OBEC_REVIEWER)
    membership_grant(user=user, role=Role.KPI_REVIEWER, organization=obec)
    return user


def load(log: Callable[[str], None]) -> None:
    from pramoen.orgs.demo import DEMO_ESA_CODE

    obec = Organization.objects.filter(kind=OrganizationKind.OBEC).first()
    if obec is None:
        obec = Organization.objects.create(
            kind=OrganizationKind.OBEC, code="OBEC", name_th="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"
        )
    reviewer = _obec_reviewer(obec)
    esas = [Organization.objects.get(kind=OrganizationKind.ESA, code=DEMO_ESA_CODE)]
    for code, name, level, _six, _twelve in DEMO_ESAS:
        esa, _ = Organization.objects.update_or_create(
            kind=OrganizationKind.ESA,
            code=code,
            defaults={"name_th": name, "esa_level": level, "parent": obec, "province": "สมมติ"},
        )
        esas.append(esa)
    campaign = KpiCampaign.objects.filter(fiscal_year=DEMO_FISCAL_YEAR).first()
    if campaign is None:
        campaign = services.campaign_create(
            fiscal_year=DEMO_FISCAL_YEAR, due_6m=DUE_6M, due_12m=DUE_12M, esas=esas, actor=None
        )
    else:
        for esa in esas:
            KpiReportingUnit.objects.get_or_create(campaign=campaign, esa=esa)
    six = campaign.rounds.get(kind="6m")
    twelve = campaign.rounds.get(kind="12m")
    all_clear = {f"issue{n}": True for n in range(1, 5)}
    for esa, (_code, _name, _level, six_story, twelve_story) in zip(
        esas[1:], DEMO_ESAS, strict=True
    ):
        if six_story and not KpiReport.objects.filter(round=six, esa=esa).exists():
            report = services.report_get_or_create(round=six, esa=esa, actor=None)
            late = six_story.startswith("late")
            when = _at(DUE_6M + timedelta(days=6)) if late else _at(DUE_6M - timedelta(days=3))
            report = _fill_and_submit(
                report, {**REPORTER, "issue1_narrative": "ดำเนินการตามแผน"}, when
            )
            if six_story.endswith("approved"):
                _approve(report, {**all_clear, "issue3": not late})
        if twelve_story and not KpiReport.objects.filter(round=twelve, esa=esa).exists():
            report = services.report_get_or_create(round=twelve, esa=esa, actor=None)
            # Its report file (ev_report) is written by the system on submission.
            report = _fill_and_submit(report, TWELVE_MONTH, _at(DUE_12M - timedelta(days=1)))
            if twelve_story == "approved":
                _approve(report, {point.id: True for point in services.review_points(report)})
    submitted = KpiReport.objects.filter(round__campaign=campaign, first_submitted_at__isnull=False)
    log(
        f"ตัวชี้วัด: ปีงบประมาณ {DEMO_FISCAL_YEAR} สองรอบ {len(esas)} เขต "
        f"(ส่งแล้ว {submitted.count()} รายงาน)"
    )
    log(f"  {reviewer.username:<10} {Role.KPI_REVIEWER.label} ระดับ สพฐ. (เห็นทุกเขต)")
