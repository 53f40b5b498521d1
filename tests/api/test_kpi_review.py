"""Reviewing KPI reports through the API: marks, approve/return (with the marks in the same call),
OBEC's acceptance and undoing with a reason — the pages' rules, services and audit rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.accounts.enums import ApiScope
from pramoen.core.models import AuditEvent
from pramoen.kpi import services
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.models import KpiIssueReview

# The KPI suite's world: two ESAs, a campaign with its rounds, a reporter, the ESA's reviewer and
# a reviewer at OBEC; its autouse fixtures keep uploads in a temporary folder.
from tests.kpi.conftest import (  # noqa: F401
    _fast_password_hashing,
    _media_in_tmp,
    campaign,
    esa_a,
    esa_b,
    fill_6m,
    obec,
    obec_reviewer,
    reporter_a,
    reviewer,
    round_6m,
)

pytestmark = pytest.mark.django_db

ISSUES = ("issue1", "issue2", "issue3", "issue4")
REVIEW = (ApiScope.READ, ApiScope.REVIEW_KPI)


@pytest.fixture
def submitted(round_6m, esa_a, reporter_a):  # noqa: F811
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    return services.report_submit(report=report, actor=reporter_a, expected_version=report.version)


def _post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", **headers)


def _marks(*clears):
    return {
        issue: {"clear": clear, "comment": f"ความเห็น {issue}"}
        for issue, clear in zip(ISSUES, clears, strict=False)
    }


def test_reviewer_saves_marks_then_approves_and_the_report_locks(
    client,
    submitted,
    reviewer,  # noqa: F811
    token_for,
):
    headers = token_for(reviewer, REVIEW)
    url = f"/api/v1/kpi/reports/{submitted.pk}"
    response = client.put(
        f"{url}/marks", {"marks": _marks(True, True)}, content_type="application/json", **headers
    )
    assert response.status_code == 200, response.content
    assert KpiIssueReview.objects.filter(report=submitted).count() == 2
    # Approving with two issues undecided is refused in Thai; the marks stay.
    response = _post(client, f"{url}/decisions", {"action": "approve"}, headers)
    assert response.status_code == 422
    assert "กรุณาพิจารณาให้ครบทุกประเด็น" in response.json()["detail"]
    # The rest of the marks in the same call as the decision, as the page's approve button.
    body = {"action": "approve", "marks": _marks(True, True, False, True)}
    response = _post(client, f"{url}/decisions", body, headers)
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], Decimal(data["score"])) == ("approved", 4)
    assert data["status_label_th"] == str(ReportStatus.APPROVED.label)
    actions = AuditEvent.objects.filter(target_id=str(submitted.pk)).values_list(
        "action", flat=True
    )
    assert "kpi.report_approve" in actions
    # Locked: no more marks.
    response = client.put(
        f"{url}/marks", {"marks": _marks(False)}, content_type="application/json", **headers
    )
    assert response.status_code == 403


def test_return_and_undo_need_a_reason_and_obec_accepts(
    client,
    submitted,
    reviewer,  # noqa: F811
    obec_reviewer,  # noqa: F811
    token_for,
):
    url = f"/api/v1/kpi/reports/{submitted.pk}/decisions"
    headers = token_for(reviewer, REVIEW)
    response = _post(client, url, {"action": "return", "reason": "  "}, headers)
    assert response.status_code == 422 and "เหตุผล" in response.json()["detail"]
    services.review_marks_save(
        report=submitted,
        marks={i: services.MarkInput(clear=True, comment="") for i in ISSUES},
        actor=reviewer,
    )
    assert _post(client, url, {"action": "approve"}, headers).status_code == 200
    # The ESA's reviewer is not the national level: accepting is OBEC's.
    assert _post(client, url, {"action": "accept"}, headers).status_code == 403
    obec_headers = token_for(obec_reviewer, REVIEW)
    response = _post(client, url, {"action": "accept"}, obec_headers)
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = _post(client, url, {"action": "unaccept"}, obec_headers)
    assert response.status_code == 422
    response = _post(
        client, url, {"action": "unaccept", "reason": "คะแนนประเด็นที่ 3 ผิด"}, obec_headers
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"


def test_the_reporter_may_not_decide_and_a_token_needs_the_review_scope(
    client,
    submitted,
    reporter_a,  # noqa: F811
    reviewer,  # noqa: F811
    token_for,
):
    url = f"/api/v1/kpi/reports/{submitted.pk}/decisions"
    body = {"action": "approve", "marks": _marks(True, True, True, True)}
    assert _post(client, url, body, token_for(reporter_a, REVIEW)).status_code == 403
    assert _post(client, url, body, token_for(reviewer, (ApiScope.READ,))).status_code == 403
    assert _post(client, url, {"action": "ship-it"}, token_for(reviewer, REVIEW)).status_code == 422
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    assert not KpiIssueReview.objects.filter(report=submitted).exists()
