"""What people read in the audit-log viewer: every action code and object kind in Thai.

The codes are the ones services pass to ``core.services.audit_record`` (and the imports' bulk
rows). A code missing here would show in English, so ``tests/core/test_audit_labels.py`` reads
every code used in ``src/`` and fails on one without a label.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, str | Promise] = {
    # accounts and people
    "user.create": _("สร้างบัญชีผู้ใช้"),
    "user.invite": _("เชิญผู้ใช้"),
    "user.invite_again": _("ส่งคำเชิญอีกครั้ง"),
    "user.activate": _("เปิดหรือระงับบัญชีผู้ใช้"),
    "user.profile_update": _("แก้ไขข้อมูลส่วนตัว"),
    "membership.grant": _("ให้บทบาท"),
    "membership.revoke": _("ถอนบทบาท"),
    "second_factor.enrol": _("ลงทะเบียนการยืนยันตัวตนสองขั้นตอน"),
    "second_factor.reset": _("รีเซ็ตการยืนยันตัวตนสองขั้นตอน"),
    "second_factor.recovery_codes_renew": _("ออกรหัสกู้คืนชุดใหม่"),
    "api_token.create": _("สร้างโทเค็นสำหรับ API"),
    "api_token.revoke": _("ยกเลิกโทเค็นสำหรับ API"),
    "api_token.use": _("ใช้โทเค็นสำหรับ API"),
    "account_batch.queue": _("สั่งสร้างบัญชีจากทะเบียน"),
    "account_batch.run": _("สร้างบัญชีจากทะเบียน"),
    "registration.create": _("ยื่นคำขอลงทะเบียน"),
    "registration.approve": _("อนุมัติคำขอลงทะเบียน"),
    "registration.reject": _("ปฏิเสธคำขอลงทะเบียน"),
    # organizations and master data
    "orgs.esa_create": _("เพิ่มเขตพื้นที่การศึกษา"),
    "orgs.regions_create": _("เพิ่มสำนักงานศึกษาธิการภาค"),
    "orgs.esas_assign_regions": _("กำหนดภาคของเขตพื้นที่"),
    "orgs.school_create": _("เพิ่มสถานศึกษา"),
    "orgs.school_update": _("แก้ไขข้อมูลสถานศึกษา"),
    "orgs.school_import": _("นำเข้าข้อมูลสถานศึกษา"),
    "orgs.network_create": _("เพิ่มกลุ่มโรงเรียน"),
    "orgs.enrollment_set": _("บันทึกจำนวนนักเรียน"),
    "orgs.onesqa_set": _("บันทึกผลการประเมินของ สมศ."),
    "orgs.onet_set": _("บันทึกผล O-NET"),
    "orgs.onet_import": _("นำเข้าผล O-NET"),
    "orgs.person_create": _("เพิ่มบุคลากร"),
    "orgs.person_update": _("แก้ไขข้อมูลบุคลากร"),
    "orgs.person_import": _("นำเข้าข้อมูลบุคลากร"),
    "orgs.disciplinary_add": _("บันทึกประวัติทางวินัย"),
    "orgs.award_add": _("บันทึกรางวัล"),
    "orgs.letterhead_update": _("แก้ไขหัวหนังสือและตราครุฑ"),
    "orgs.import_schools": _("ยืนยันการนำเข้าสถานศึกษา"),
    "orgs.import_people": _("ยืนยันการนำเข้าบุคลากร"),
    "orgs.import_onet": _("ยืนยันการนำเข้าผล O-NET"),
    "orgs.quality_core_set": _("บันทึกโรงเรียนคุณภาพ (โรงเรียนหลัก)"),
    "orgs.quality_member_set": _("บันทึกโรงเรียนเครือข่าย"),
    "orgs.quality_core_remove": _("นำโรงเรียนหลักออกจากทะเบียนโรงเรียนคุณภาพ"),
    "orgs.quality_member_remove": _("นำโรงเรียนเครือข่ายออกจากทะเบียนโรงเรียนคุณภาพ"),
    # awards
    "awards.campaign_create": _("สร้างการประกวด"),
    "awards.campaign_clone": _("สร้างการประกวดจากครั้งก่อน"),
    "awards.campaign_update": _("แก้ไขการประกวด"),
    "awards.campaign_groups_add": _("เพิ่มกลุ่มการประกวด"),
    "awards.category_add": _("เพิ่มประเภทการประกวด"),
    "awards.category_repin": _("เปลี่ยนฉบับแบบประเมินของกลุ่ม"),
    "awards.category_pin_studio": _("ใช้แบบประเมินที่เขตจัดทำเอง"),
    "awards.entry_start": _("เริ่มใบสมัคร"),
    "awards.entry_change": _("แก้ไขใบสมัคร"),
    "awards.entry_submit": _("ยืนยันส่งผลงาน"),
    "awards.entry_withdraw": _("ถอนใบสมัคร"),
    "awards.entry_portfolio": _("อัปโหลดแฟ้มผลงาน"),
    "awards.entry_request_correction": _("ขอให้แก้ไขเอกสาร"),
    "awards.evidence_add": _("แนบหลักฐาน"),
    "awards.evidence_remove": _("นำหลักฐานออก"),
    "awards.screening_run": _("ตรวจคุณสมบัติเบื้องต้น"),
    "awards.screening_override": _("แก้ผลการตรวจคุณสมบัติ"),
    "awards.screening_confirm": _("ยืนยันผลการตรวจคุณสมบัติ"),
    "awards.screening_confirmation_reset": _("ยกเลิกการยืนยันผลการตรวจคุณสมบัติ"),
    # judging
    "judging.committee_create": _("ตั้งคณะกรรมการ"),
    "judging.committee_update": _("แก้ไขคณะกรรมการ"),
    "judging.committees_copy": _("คัดลอกคณะกรรมการจากครั้งก่อน"),
    "judging.conflict_declare": _("แจ้งส่วนได้ส่วนเสีย"),
    "judging.conflict_derive": _("พบส่วนได้ส่วนเสียจากทะเบียน"),
    "judging.conflict_override": _("อนุญาตให้ประเมินแม้มีส่วนได้ส่วนเสีย"),
    "judging.assignment_add": _("มอบหมายผลงานให้กรรมการ"),
    "judging.assignment_remove": _("ยกเลิกการมอบหมาย"),
    "judging.assignments_auto": _("มอบหมายผลงานอัตโนมัติ"),
    "judging.review_open": _("เปิดแบบให้คะแนน"),
    "judging.review_submit": _("ส่งคะแนน"),
    "judging.review_reopen": _("ส่งคะแนนกลับให้ทบทวน"),
    "judging.consensus": _("บันทึกมติคณะกรรมการ"),
    "judging.eligibility": _("บันทึกคุณสมบัติโดยคณะกรรมการ"),
    "judging.finalize": _("ยืนยันผลการตัดสิน"),
    "judging.result_change": _("ผลการตัดสินเปลี่ยน"),
    "judging.appeal_reopen": _("เปิดการพิจารณาใหม่ตามคำอุทธรณ์"),
    "judging.certificates_issue": _("ออกเกียรติบัตร"),
    "judging.certificate_revoke": _("เพิกถอนเกียรติบัตร"),
    # KPI
    "kpi.campaign_create": _("เปิดปีงบประมาณการรายงานตัวชี้วัด"),
    "kpi.campaign_clone": _("เปิดปีงบประมาณถัดไปจากปีก่อน"),
    "kpi.campaign_set_chain": _("กำหนดสายการอนุมัติรายงาน"),
    "kpi.report_create": _("เริ่มรายงานตัวชี้วัด"),
    "kpi.report_update": _("แก้ไขรายงานตัวชี้วัด"),
    "kpi.report_submit": _("ส่งรายงานตัวชี้วัด"),
    "kpi.report_return": _("ส่งรายงานกลับให้แก้ไข"),
    "kpi.report_approve": _("อนุมัติรายงาน"),
    "kpi.report_unapprove": _("ยกเลิกการอนุมัติรายงาน"),
    "kpi.report_accept": _("รับรองรายงาน"),
    "kpi.report_unaccept": _("ยกเลิกการรับรองรายงาน"),
    "kpi.report_file": _("จัดทำไฟล์รายงานฉบับสมบูรณ์"),
    "kpi.evidence_add": _("แนบหลักฐานรายงาน"),
    "kpi.evidence_remove": _("นำหลักฐานรายงานออก"),
    "kpi.evidence_replace_carried": _("แทนหลักฐานที่ยกมาจากรอบ 6 เดือน"),
    "kpi.review_mark": _("ให้คะแนนประเด็นการพิจารณา"),
    "kpi.reminder_send": _("ส่งอีเมลเตือนกำหนดส่ง"),
    "kpi.reminder_escalate": _("แจ้งภาคเรื่องรายงานที่ยังไม่ส่ง"),
    # instrument studio
    "studio.instrument_create": _("สร้างแบบประเมินใหม่"),
    "studio.instrument_clone": _("สร้างแบบประเมินจากฉบับที่มีอยู่"),
    "studio.draft_edit": _("แก้ไขร่างแบบประเมิน"),
    "studio.draft_add": _("เพิ่มส่วนในร่างแบบประเมิน"),
    "studio.draft_remove": _("ลบส่วนในร่างแบบประเมิน"),
    "studio.draft_up": _("เลื่อนส่วนในร่างแบบประเมินขึ้น"),
    "studio.draft_down": _("เลื่อนส่วนในร่างแบบประเมินลง"),
    "studio.draft_rule_kind": _("เปลี่ยนชนิดเกณฑ์ในร่างแบบประเมิน"),
    "studio.draft_import": _("นำเข้าร่างแบบประเมินจากไฟล์"),
    "studio.warning_resolve": _("บันทึกคำชี้แจงคำเตือน"),
    "studio.sharing_set": _("กำหนดการแบ่งปันแบบประเมิน"),
    "studio.publish": _("เผยแพร่แบบประเมิน"),
}

# What kind of thing an event is about (``AuditEvent.target_type``), as the filter offers it.
KIND_LABELS: dict[str, str | Promise] = {
    "orgs.organization": _("หน่วยงานหรือสถานศึกษา"),
    "orgs.person": _("บุคลากร"),
    "orgs.enrollment": _("จำนวนนักเรียน"),
    "orgs.onesqaresult": _("ผลการประเมินของ สมศ."),
    "orgs.onetmean": _("ผล O-NET"),
    "orgs.schoolnetwork": _("กลุ่มโรงเรียน"),
    "orgs.qualitycore": _("โรงเรียนคุณภาพ (โรงเรียนหลัก)"),
    "orgs.qualitynetworkmember": _("โรงเรียนเครือข่าย"),
    "orgs.esaletterhead": _("หัวหนังสือของเขต"),
    "orgs.import": _("การนำเข้าข้อมูล"),
    "awards.campaign": _("การประกวด"),
    "awards.campaigncategory": _("กลุ่มการประกวด"),
    "awards.entry": _("ใบสมัคร"),
    "judging.committee": _("คณะกรรมการ"),
    "judging.assignment": _("การมอบหมายผลงาน"),
    "judging.review": _("แบบให้คะแนน"),
    "judging.conflictofinterest": _("ส่วนได้ส่วนเสีย"),
    "judging.certificate": _("เกียรติบัตร"),
    "judging.certificatebuild": _("การออกเกียรติบัตร"),
    "kpi.kpicampaign": _("ปีงบประมาณการรายงานตัวชี้วัด"),
    "kpi.kpiround": _("รอบการรายงาน"),
    "kpi.kpireport": _("รายงานตัวชี้วัด"),
    "accounts.user": _("บัญชีผู้ใช้"),
    "accounts.membership": _("บทบาท"),
    "accounts.apitoken": _("โทเค็นสำหรับ API"),
    "people.registration": _("คำขอลงทะเบียน"),
    "people.accountbatch": _("การสร้างบัญชีจากทะเบียน"),
    "studio.studioinstrument": _("แบบประเมินที่เขตจัดทำ"),
    "studio.studioversion": _("ฉบับเผยแพร่ของแบบประเมิน"),
}

UNKNOWN_ACTION = _("การเปลี่ยนแปลงอื่น")
UNKNOWN_KIND = _("รายการอื่น")


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, UNKNOWN_ACTION))


def kind_label(target_type: str) -> str:
    return str(KIND_LABELS.get(target_type, UNKNOWN_KIND))
