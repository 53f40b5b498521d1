"""KPI services: the report life cycle, scoring through the KPI 10 instruments, evidence checks,
optimistic concurrency, carried evidence and idempotent reminders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from pramoen.core.instrument_store import MISSING_TH
from pramoen.core.models import AuditEvent, InstrumentSnapshot
from pramoen.instruments import get_instrument, version_hash
from pramoen.kpi import services
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.models import KpiEvidence, KpiReminder, KpiReport
from tests.kpi.conftest import REPORTER_BLOCK, best_practice_answers, fill_6m, pdf_upload

ISSUES = ("issue1", "issue2", "issue3", "issue4")
BOXES = ("esa_bp_management", "esa_bp_sharing", "school_bp_management", "school_bp_teaching")


def _submit_6m(round_6m, esa, reporter):
    report = services.report_get_or_create(round=round_6m, esa=esa, actor=reporter)
    fill_6m(report, reporter)
    return services.report_submit(report=report, actor=reporter, expected_version=report.version)


@pytest.mark.parametrize(("clear_count", "expected"), [(4, 5), (3, 4), (2, 3), (1, 2), (0, 1)])
def test_six_month_score_counts_clear_issues(
    round_6m, esa_a, reporter_a, reviewer, clear_count, expected
):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    for index, issue in enumerate(ISSUES):
        services.review_mark(
            report=report, issue_id=issue, clear=index < clear_count, comment="", actor=reviewer
        )
    report = services.report_approve(report=report, actor=reviewer)
    assert (report.status, report.score) == (ReportStatus.APPROVED, Decimal(expected))
    assert report.score_level == f"s{expected}"
    assert f"→ ระดับ {expected} →" in report.score_explanation_th


@pytest.mark.parametrize(
    ("claims", "clear", "expected"),
    [
        ((True, True, True, True), (True, True, True, True), 5),
        ((True, True, True, False), (True, True, True, True), 4),
        ((True, True, True, True), (True, True, False, True), 4),
        ((True, True, False, False), (True, True, True, True), 3),
        ((True, False, True, True), (True, True, True, True), 2),
        ((True, True, True, True), (True, False, True, True), 2),
        ((False, False, True, True), (True, True, True, True), 1),
        ((True, True, True, True), (False, False, True, True), 1),
        ((False, False, False, False), (False, False, False, False), 1),
    ],
)
def test_twelve_month_score_follows_best_practice_logic(
    round_12m, esa_a, reporter_a, reviewer, claims, clear, expected
):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(*claims),
    )
    services.evidence_add_link(
        report=report,
        slot_id="ev_report",
        url="https://drive.example.invalid/report.docx",
        title="รายงาน",
        actor=reporter_a,
    )
    report = services.report_submit(
        report=report, actor=reporter_a, expected_version=report.version
    )
    for box, claimed, is_clear in zip(BOXES, claims, clear, strict=True):
        if claimed:
            services.review_mark(
                report=report, issue_id=box, clear=is_clear, comment="", actor=reviewer
            )
    report = services.report_approve(report=report, actor=reviewer)
    assert report.score == Decimal(expected)
    assert report.instrument_hash == version_hash(get_instrument("kpi10-12m"))
    assert InstrumentSnapshot.objects.filter(version_hash=report.instrument_hash).exists()


def test_twelve_month_review_asks_only_about_claimed_boxes(round_12m, esa_a, reporter_a):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(True, False, False, True),
    )
    points = [p.id for p in services.review_points(report)]
    assert points == ["esa_bp_management", "school_bp_teaching"]


def test_submit_refuses_missing_evidence_with_thai_reasons(round_6m, esa_a, reporter_a):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a, with_evidence=False)
    with pytest.raises(services.KpiError) as exc:
        services.report_submit(report=report, actor=reporter_a, expected_version=report.version)
    assert "ประเด็นที่ 1: ยังไม่ได้แนบ" in exc.value.message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_primary_esa_checklist_omits_the_secondary_only_item(round_6m, esa_a, esa_b, reporter_a):
    primary = services.report_get_or_create(round=round_6m, esa=esa_a, actor=None)
    secondary = services.report_get_or_create(round=round_6m, esa=esa_b, actor=None)
    first_issue = [s.id for s in services.report_structure(primary).issues[0].slots]
    assert first_issue == ["ev1_1", "ev1_2", "ev1_4"]
    assert [s.id for s in services.report_structure(secondary).issues[0].slots] == [
        "ev1_1",
        "ev1_2",
        "ev1_3",
        "ev1_4",
    ]


def test_return_needs_a_reason_and_resubmission_keeps_first_submission_time(
    round_6m, esa_a, reporter_a, reviewer
):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    first = report.first_submitted_at
    with pytest.raises(services.KpiError):
        services.report_return(report=report, actor=reviewer, reason="  ")
    report = services.report_return(report=report, actor=reviewer, reason="แผนไม่ครบ")
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, "แผนไม่ครบ")
    event = AuditEvent.objects.filter(action="kpi.report_return").get()
    assert (event.before["status"], event.after["status"], event.reason) == (
        "submitted",
        "returned",
        "แผนไม่ครบ",
    )
    report = services.report_submit(
        report=report, actor=reporter_a, expected_version=report.version
    )
    assert report.first_submitted_at == first
    assert report.submitted_at > first


def test_approved_report_is_locked(round_6m, esa_a, reporter_a, reviewer):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    for issue in ISSUES:
        services.review_mark(report=report, issue_id=issue, clear=True, comment="", actor=reviewer)
    report = services.report_approve(report=report, actor=reviewer)
    with pytest.raises(services.KpiError):
        services.report_update(
            report=report, actor=reporter_a, expected_version=report.version, changes={"x": 1}
        )
    with pytest.raises(services.KpiError):
        services.review_mark(
            report=report, issue_id="issue1", clear=False, comment="", actor=reviewer
        )


def test_approve_needs_every_issue_marked(round_6m, esa_a, reporter_a, reviewer):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    services.review_mark(report=report, issue_id="issue1", clear=True, comment="", actor=reviewer)
    with pytest.raises(services.KpiError) as exc:
        services.report_approve(report=report, actor=reviewer)
    assert "ครบทุกประเด็น" in exc.value.message


def test_stale_version_is_refused_and_keeps_the_other_save(round_6m, esa_a, reporter_a):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    opened = report.version
    services.report_update(
        report=report, actor=reporter_a, expected_version=opened, changes={"issue1_narrative": "ก"}
    )
    with pytest.raises(services.StaleReport):
        services.report_update(
            report=KpiReport.objects.get(pk=report.pk),
            actor=reporter_a,
            expected_version=opened,
            changes={"issue1_narrative": "ข"},
        )
    assert KpiReport.objects.get(pk=report.pk).answers["issue1_narrative"] == "ก"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf at all"), "ไม่ใช่ชนิดที่รับ"),
        (SimpleUploadedFile("page.pdf", b"<html><script>alert(1)</script>"), "ไม่ใช่ชนิดที่รับ"),
        (SimpleUploadedFile("photo.png", b"%PDF-1.7\n%%EOF\n"), "นามสกุลไฟล์"),
    ],
)
def test_bad_upload_is_refused_in_thai_and_changes_nothing(
    round_6m, esa_a, reporter_a, upload, message
):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    version, events = report.version, AuditEvent.objects.count()
    with pytest.raises(services.KpiError) as exc:
        services.evidence_add_file(
            report=report,
            slot_id="ev1_1",
            upload=upload,
            actor=reporter_a,
        )
    assert message in exc.value.message
    report.refresh_from_db()
    assert (report.version, KpiEvidence.objects.count(), AuditEvent.objects.count()) == (
        version,
        0,
        events,
    )


def test_too_big_upload_is_refused(round_6m, esa_a, reporter_a, settings):
    settings.PRAMOEN_UPLOAD_MAX_BYTES = 1000
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * 2000)
    with pytest.raises(services.KpiError) as exc:
        services.evidence_add_file(report=report, slot_id="ev1_1", upload=upload, actor=reporter_a)
    assert "เกินขนาดสูงสุด" in exc.value.message
    assert KpiEvidence.objects.count() == 0


def test_lesson_learned_longer_than_one_a4_page_is_refused(round_6m, esa_a, reporter_a):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report, actor=reporter_a, expected_version=1, changes={"pa_challenge": True}
    )
    with pytest.raises(services.KpiError) as exc:
        services.evidence_add_file(
            report=report,
            slot_id="ev_pa_lesson",
            upload=pdf_upload("บทเรียน.pdf", pages=2),
            actor=reporter_a,
        )
    assert "ไม่เกิน 1 หน้ากระดาษ A4" in exc.value.message and "2 หน้า" in exc.value.message
    with pytest.raises(services.KpiError) as exc:
        services.evidence_add_file(
            report=report,
            slot_id="ev_pa_lesson",
            upload=pdf_upload("letter.pdf", pages=1, size=(612, 792)),
            actor=reporter_a,
        )
    assert "A4" in exc.value.message
    evidence = services.evidence_add_file(
        report=report,
        slot_id="ev_pa_lesson",
        upload=pdf_upload("บทเรียน.pdf", pages=1),
        actor=reporter_a,
    )
    assert (evidence.page_count, evidence.content_type) == (1, "application/pdf")
    assert evidence.file.name.endswith(".pdf") and "บทเรียน" not in evidence.file.name


def test_twelve_month_report_carries_six_month_evidence_and_lets_it_be_replaced(
    round_6m, round_12m, esa_a, reporter_a
):
    six = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(six, reporter_a, with_evidence=False)
    original = services.evidence_add_file(
        report=six,
        slot_id="ev1_1",
        upload=pdf_upload("แผน.pdf"),
        actor=reporter_a,
    )
    twelve = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    carried = twelve.evidence.get(slot_id="ev1_1")
    assert (carried.carried_from, carried.file.name) == (original, original.file.name)
    assert twelve.answers["reporter_email"] == REPORTER_BLOCK["reporter_email"]
    services.evidence_add_file(
        report=twelve,
        slot_id="ev1_1",
        upload=pdf_upload("แผนฉบับปรับปรุง.pdf"),
        actor=reporter_a,
    )
    names = list(
        twelve.evidence.filter(slot_id="ev1_1").values_list("original_name", "carried_from")
    )
    assert names == [("แผนฉบับปรับปรุง.pdf", None)]
    assert six.evidence.get(slot_id="ev1_1").original_name == "แผน.pdf"


def test_reminders_are_sent_once_before_due_and_once_after(
    round_6m, esa_a, esa_b, reporter_a, reporter_b, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _submit_6m(round_6m, esa_a, reporter_a)  # ESA A submitted: never reminded
    before = round_6m.due_at - timedelta(days=3)
    sent = services.reminders_send(now=before, days_before=7)
    assert [(r.esa.code, r.kind) for r in sent if r.round == round_6m] == [("1002", "before_due")]
    assert services.reminders_send(now=before, days_before=7) == []
    after = round_6m.due_at + timedelta(days=1)
    sent_after = [r for r in services.reminders_send(now=after) if r.round == round_6m]
    # After the due date the reporters again, and (escalation) the ESA's region — which esa_b
    # has none of here: the step is recorded with nobody to tell (tests/kpi/test_reminders.py).
    assert [(r.esa.code, r.kind, r.recipients) for r in sent_after] == [
        ("1002", "overdue", [reporter_b.email]),
        ("1002", "region_overdue", []),
    ]
    assert services.reminders_send(now=after) == []
    assert KpiReminder.objects.filter(round=round_6m).count() == 3


def test_reminder_mail_is_sent_after_commit(
    round_6m, esa_b, reporter_b, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=round_6m.due_at + timedelta(hours=1))
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 1 and "เลยกำหนดส่ง" in subjects[0]
    assert mail.outbox[0].to == [reporter_b.email]


def test_score_refuses_when_the_pinned_instrument_version_is_nowhere(
    round_6m, esa_a, reporter_a, reviewer
):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    for issue in ISSUES:
        services.review_mark(report=report, issue_id=issue, clear=True, comment="", actor=reviewer)
    KpiReport.objects.filter(pk=report.pk).update(instrument_hash="0" * 64)
    report.refresh_from_db()
    with pytest.raises(services.KpiError) as exc:
        services.report_approve(report=report, actor=reviewer)
    assert exc.value.message == MISSING_TH
    report.refresh_from_db()
    assert (report.status, report.score) == (ReportStatus.SUBMITTED, None)


def _all_marked(report, reviewer, clear: bool = True) -> None:
    for issue in ISSUES:
        services.review_mark(report=report, issue_id=issue, clear=clear, comment="", actor=reviewer)


def test_approve_on_a_copy_read_before_the_return_is_refused(round_6m, esa_a, reporter_a, reviewer):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    _all_marked(report, reviewer)
    stale = KpiReport.objects.get(pk=report.pk)  # a second reviewer's page, opened before
    services.report_return(report=report, actor=reviewer, reason="แผนไม่ครบ")
    events = AuditEvent.objects.count()
    with pytest.raises(services.KpiError) as exc:
        services.report_approve(report=stale, actor=reviewer)
    assert "ตรวจได้เฉพาะรายงานที่ส่งแล้ว" in exc.value.message
    report.refresh_from_db()
    assert (report.status, report.score, report.approved_at) == (ReportStatus.RETURNED, None, None)
    assert AuditEvent.objects.count() == events


def test_return_on_a_copy_read_before_the_approval_is_refused(
    round_6m, esa_a, reporter_a, reviewer
):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    _all_marked(report, reviewer)
    stale = KpiReport.objects.get(pk=report.pk)
    services.report_approve(report=report, actor=reviewer)
    with pytest.raises(services.KpiError):
        services.report_return(report=stale, actor=reviewer, reason="แผนไม่ครบ")
    report.refresh_from_db()
    assert (report.status, report.score) == (ReportStatus.APPROVED, Decimal(5))


def test_mark_on_a_copy_read_before_the_approval_is_refused(round_6m, esa_a, reporter_a, reviewer):
    report = _submit_6m(round_6m, esa_a, reporter_a)
    _all_marked(report, reviewer)
    stale = KpiReport.objects.get(pk=report.pk)
    report = services.report_approve(report=report, actor=reviewer)
    with pytest.raises(services.KpiError) as exc:
        services.review_mark(
            report=stale, issue_id="issue1", clear=False, comment="", actor=reviewer
        )
    assert "ตรวจได้เฉพาะรายงานที่ส่งแล้ว" in exc.value.message
    # The stored score still follows from the stored marks.
    assert set(report.issue_reviews.values_list("clear", flat=True)) == {True}
    assert services.report_score_preview(report).points == report.score == 5


@pytest.mark.parametrize("action", ["link", "file", "remove"])
def test_evidence_change_on_a_copy_read_before_submission_is_refused(
    round_6m, esa_a, reporter_a, action
):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    stale = KpiReport.objects.get(pk=report.pk)  # the reporter's second tab
    evidence = KpiEvidence.objects.filter(report=report).first()
    services.report_submit(report=report, actor=reporter_a, expected_version=report.version)
    before = list(KpiEvidence.objects.filter(report=report).values_list("id", "slot_id", "url"))
    with pytest.raises(services.KpiError) as exc:
        if action == "link":
            services.evidence_add_link(
                report=stale, slot_id="ev1_1", url="https://x.invalid", title="", actor=reporter_a
            )
        elif action == "file":
            services.evidence_add_file(
                report=stale, slot_id="ev1_1", upload=pdf_upload(), actor=reporter_a
            )
        else:
            evidence.report = stale
            services.evidence_remove(evidence=evidence, actor=reporter_a)
    assert "แก้ไขไม่ได้" in exc.value.message
    after = list(KpiEvidence.objects.filter(report=report).values_list("id", "slot_id", "url"))
    assert after == before


@pytest.mark.parametrize(
    ("fiscal_year", "due_6m", "due_12m", "message"),
    [
        (2026, (2026, 3, 31), (2026, 9, 15), "ปีงบประมาณต้องเป็นปี พ.ศ."),
        (2569, (2025, 9, 30), (2026, 9, 15), "กำหนดส่งรอบ 6 เดือนต้องอยู่ในปีงบประมาณ 2569"),
        (2569, (2026, 3, 31), (2026, 10, 1), "กำหนดส่งรอบ 12 เดือนต้องอยู่ในปีงบประมาณ 2569"),
        (2569, (2026, 9, 15), (2026, 3, 31), "ต้องก่อนกำหนดส่งรอบ 12 เดือน"),
        (2569, (2026, 3, 31), (2026, 3, 31), "ต้องก่อนกำหนดส่งรอบ 12 เดือน"),
    ],
)
def test_campaign_create_refuses_bad_year_and_due_dates(
    db, esa_a, fiscal_year, due_6m, due_12m, message
):
    from datetime import date

    from pramoen.kpi.models import KpiCampaign

    with pytest.raises(services.KpiError) as exc:
        services.campaign_create(
            fiscal_year=fiscal_year,
            due_6m=date(*due_6m),
            due_12m=date(*due_12m),
            esas=[esa_a],
            actor=None,
        )
    assert message in exc.value.message
    assert not KpiCampaign.objects.exists()


def test_campaign_create_accepts_the_fiscal_years_first_and_last_day(db, esa_a):
    from datetime import date

    campaign = services.campaign_create(
        fiscal_year=2569, due_6m=date(2025, 10, 1), due_12m=date(2026, 9, 30), esas=[], actor=None
    )
    assert campaign.rounds.count() == 2


def test_a_reporter_of_the_esa_cannot_review_its_report_even_holding_a_reviewer_role(
    round_6m, esa_a, esa_b, reporter_a, reporter_b
):
    from pramoen.accounts.enums import Role
    from pramoen.accounts.services import membership_grant

    report = _submit_6m(round_6m, esa_a, reporter_a)
    membership_grant(user=reporter_a, role=Role.KPI_REVIEWER, organization=esa_a)
    reporter_a = type(reporter_a).objects.get(pk=reporter_a.pk)  # no cached scopes
    for decide in (
        lambda: services.review_mark(
            report=report, issue_id="issue1", clear=True, comment="", actor=reporter_a
        ),
        lambda: services.report_return(report=report, actor=reporter_a, reason="แก้ไข"),
        lambda: services.report_approve(report=report, actor=reporter_a),
    ):
        with pytest.raises(services.KpiError, match="รายงานของเขตตนเองไม่ได้"):
            decide()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # A reviewer who reports for another ESA still reviews this one.
    membership_grant(user=reporter_b, role=Role.KPI_REVIEWER, organization=esa_a)
    services.review_mark(report=report, issue_id="issue1", clear=True, comment="", actor=reporter_b)
