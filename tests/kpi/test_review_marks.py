"""Issue 20: the review page saves every consideration issue with one press; nothing is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.core.models import AuditEvent
from pramoen.kpi import services
from pramoen.kpi.models import KpiIssueReview
from tests.kpi.conftest import fill_6m

ISSUES = ("issue1", "issue2", "issue3", "issue4")


@pytest.fixture
def submitted(round_6m, esa_a, reporter_a):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    return services.report_submit(report=report, actor=reporter_a, expected_version=report.version)


def _stored(report) -> dict[str, tuple[bool | None, str]]:
    return {
        row.issue_id: (row.clear, row.comment)
        for row in KpiIssueReview.objects.filter(report=report)
    }


def test_one_press_saves_all_four_issues(client, submitted, reviewer):
    client.force_login(reviewer)
    data = {}
    for issue, clear in zip(ISSUES, ("1", "1", "0", "1"), strict=True):
        data |= {f"{issue}-clear": clear, f"{issue}-comment": f"ความเห็น {issue}"}
    response = client.post(reverse("kpi:review", args=[submitted.pk]), data)
    assert response.status_code == 302
    assert _stored(submitted) == {
        "issue1": (True, "ความเห็น issue1"),
        "issue2": (True, "ความเห็น issue2"),
        "issue3": (False, "ความเห็น issue3"),
        "issue4": (True, "ความเห็น issue4"),
    }
    page = client.get(reverse("kpi:review", args=[submitted.pk])).content.decode()
    assert page.count(" checked>") == 4 and "คะแนนตามเกณฑ์: 4" in page


def test_invalid_value_keeps_the_others_and_explains_at_the_field(client, submitted, reviewer):
    client.force_login(reviewer)
    data = {
        "issue1-clear": "1",
        "issue1-comment": "ดี",
        "issue2-clear": "maybe",  # not a choice the page offers
        "issue2-comment": "พิมพ์ไว้แล้ว",
        "issue3-clear": "0",
        "issue3-comment": "ก" * 5001,  # too long
        "issue4-clear": "1",
    }
    response = client.post(reverse("kpi:review", args=[submitted.pk]), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 400
    assert _stored(submitted) == {"issue1": (True, "ดี"), "issue4": (True, "")}
    issue2 = html.split('data-testid="mark-issue2"')[1].split('data-testid="mark-issue3"')[0]
    assert "ผลการพิจารณาต้องเป็น “ชัดเจน” หรือ “ไม่ชัดเจน” เท่านั้น" in issue2
    assert "พิมพ์ไว้แล้ว" in issue2  # what was typed is shown again, not dropped
    issue3 = html.split('data-testid="mark-issue3"')[1]
    assert "ความเห็นยาวเกิน 5000 ตัวอักษร" in issue3 and 'value="0" checked' in issue3


def test_unchanged_and_untouched_issues_write_nothing(submitted, reviewer):
    marks = {issue: services.MarkInput(clear=None, comment="") for issue in ISSUES}
    marks["issue1"] = services.MarkInput(clear=True, comment="")
    events = AuditEvent.objects.count()
    assert services.review_marks_save(report=submitted, marks=marks, actor=reviewer) == ["issue1"]
    assert services.review_marks_save(report=submitted, marks=marks, actor=reviewer) == []
    assert (AuditEvent.objects.count(), list(_stored(submitted))) == (events + 1, ["issue1"])


def test_marks_of_an_unknown_issue_are_refused_whole(submitted, reviewer):
    marks = {
        "issue1": services.MarkInput(clear=True, comment=""),
        "issue9": services.MarkInput(clear=True, comment=""),
    }
    with pytest.raises(services.KpiError, match="ไม่พบประเด็นการพิจารณานี้"):
        services.review_marks_save(report=submitted, marks=marks, actor=reviewer)
    assert _stored(submitted) == {}


def _marks(*clears: str) -> dict[str, str]:
    data = {"marks-posted": "1"}
    for issue, clear in zip(ISSUES, clears, strict=False):
        data |= {f"{issue}-clear": clear, f"{issue}-comment": f"ความเห็น {issue}"}
    return data


def test_approve_pressed_before_saving_keeps_the_marks_and_approves_on_them(
    client, submitted, reviewer
):
    # The reviewer ticks all four and presses "อนุมัติ" straight away (no "บันทึก" first).
    client.force_login(reviewer)
    response = client.post(
        reverse("kpi:review_approve", args=[submitted.pk]),
        _marks("1", "1", "0", "1"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("kpi:report", args=[submitted.pk])
    submitted.refresh_from_db()
    assert (submitted.status, submitted.score) == ("approved", 4)
    assert _stored(submitted)["issue3"] == (False, "ความเห็น issue3")
    actions = list(
        AuditEvent.objects.filter(target_id=str(submitted.pk)).values_list("action", flat=True)
    )
    assert actions.count("kpi.review_mark") == 4 and "kpi.report_approve" in actions


def test_approve_with_an_issue_left_undecided_saves_the_rest_and_says_why(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    response = client.post(
        reverse("kpi:review_approve", args=[submitted.pk]),
        _marks("1", "0", "1"),  # issue4 untouched
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "กรุณาพิจารณาให้ครบทุกประเด็น" in html
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    stored = _stored(submitted)
    assert stored["issue2"] == (False, "ความเห็น issue2") and "issue4" not in stored
    # The three chosen marks come back checked: nothing the reviewer did is undone.
    assert html.count(" checked>") == 3


def test_return_without_a_reason_keeps_the_marks_and_asks_at_the_field(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("kpi:review_return", args=[submitted.pk]), _marks("0", "1", "1", "1")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข" in html
    assert _stored(submitted)["issue1"] == (False, "ความเห็น issue1")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    response = client.post(
        reverse("kpi:review_return", args=[submitted.pk]),
        {**_marks("0", "1", "1", "1"), "reason": "ประเด็นที่ 1 ยังไม่ชัดเจน"},
    )
    assert response.url == reverse("kpi:review_queue")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_reason) == ("returned", "ประเด็นที่ 1 ยังไม่ชัดเจน")


def test_a_decision_posted_without_the_marks_form_leaves_saved_marks_alone(
    client, submitted, reviewer
):
    client.force_login(reviewer)
    client.post(reverse("kpi:review", args=[submitted.pk]), _marks("1", "1", "1", "1"))
    client.post(reverse("kpi:review_approve", args=[submitted.pk]))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.score) == ("approved", 5)
    assert all(clear for clear, _comment in _stored(submitted).values())
