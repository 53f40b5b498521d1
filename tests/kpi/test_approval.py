"""The approval chain: ESA → region → OBEC, locks per level, undo with a reason, audit rows,
the per-campaign chain and the regional reviewer's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.core.models import AuditEvent
from pramoen.kpi import services
from pramoen.kpi.enums import ApprovalChain, ReportStatus
from pramoen.kpi.models import KpiReport
from tests.factories import RegionFactory
from tests.kpi.conftest import fill_6m

ISSUES = ("issue1", "issue2", "issue3", "issue4")


@pytest.fixture
def region(esa_a):
    region = RegionFactory(code="REG01")
    esa_a.region = region
    esa_a.save(update_fields=["region"])
    return region


@pytest.fixture
def region_reviewer(make_user, region):
    return make_user(roles=[Role.KPI_REGION_REVIEWER], organization=region)


def _submitted(round_6m, esa, reporter) -> KpiReport:
    report = services.report_get_or_create(round=round_6m, esa=esa, actor=reporter)
    fill_6m(report, reporter)
    return services.report_submit(report=report, actor=reporter, expected_version=report.version)


def _approved(round_6m, esa, reporter, actor) -> KpiReport:
    report = _submitted(round_6m, esa, reporter)
    for issue in ISSUES:
        services.review_mark(report=report, issue_id=issue, clear=True, comment="", actor=actor)
    return services.report_approve(report=report, actor=actor)


def _actions(report: KpiReport) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(report.pk), action__startswith="kpi.report_")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_region_reviewer_sees_and_decides_only_on_his_region(
    round_6m, esa_a, esa_b, reporter_a, reporter_b, region_reviewer
):
    mine = _submitted(round_6m, esa_a, reporter_a)
    other = _submitted(round_6m, esa_b, reporter_b)
    assert region_reviewer.has_perm("pramoen.review_kpi_report", mine)
    assert not region_reviewer.has_perm("pramoen.view_kpi_report", other)
    assert not region_reviewer.has_perm("pramoen.review_kpi_report", other)
    # A regional role never decides for the country.
    assert not region_reviewer.has_perm("pramoen.accept_kpi_report", mine)


def test_chain_region_approves_then_obec_accepts_and_each_level_locks(
    round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer
):
    report = _approved(round_6m, esa_a, reporter_a, region_reviewer)
    assert report.status == ReportStatus.APPROVED
    assert not reporter_a.has_perm("pramoen.edit_kpi_report", report)
    assert region_reviewer.has_perm("pramoen.unapprove_kpi_report", report)
    assert obec_reviewer.has_perm("pramoen.accept_kpi_report", report)

    report = services.report_accept(report=report, actor=obec_reviewer)
    assert (report.status, report.accepted_by) == (ReportStatus.ACCEPTED, obec_reviewer)
    # OBEC's decision locks the region's: it can no longer unapprove.
    assert not region_reviewer.has_perm("pramoen.unapprove_kpi_report", report)
    with pytest.raises(services.KpiError):
        services.report_unapprove(report=report, actor=region_reviewer, reason="ผิด")
    with pytest.raises(services.KpiError):
        services.report_update(
            report=report, actor=reporter_a, expected_version=report.version, changes={"x": 1}
        )
    assert _actions(report) == [
        "kpi.report_create",
        "kpi.report_update",
        "kpi.report_submit",
        "kpi.report_approve",
        "kpi.report_accept",
    ]


def test_undo_needs_a_reason_and_goes_back_one_step(
    round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer
):
    report = _approved(round_6m, esa_a, reporter_a, region_reviewer)
    report = services.report_accept(report=report, actor=obec_reviewer)
    with pytest.raises(services.KpiError) as exc:
        services.report_unaccept(report=report, actor=obec_reviewer, reason="   ")
    assert "เหตุผล" in exc.value.message
    report = services.report_unaccept(report=report, actor=obec_reviewer, reason="คะแนนไม่ตรง")
    assert (report.status, report.score is not None) == (ReportStatus.APPROVED, True)
    report = services.report_unapprove(
        report=report, actor=region_reviewer, reason="ต้องพิจารณาประเด็นที่ 3 ใหม่"
    )
    assert (report.status, report.score, report.approved_by) == (
        ReportStatus.SUBMITTED,
        None,
        None,
    )
    # The marks stay for the reviewer to change; marking is open again.
    services.review_mark(
        report=report, issue_id="issue3", clear=False, comment="", actor=region_reviewer
    )
    reasons = dict(
        AuditEvent.objects.filter(
            target_id=str(report.pk), action__in=["kpi.report_unaccept", "kpi.report_unapprove"]
        ).values_list("action", "reason")
    )
    assert reasons == {
        "kpi.report_unaccept": "คะแนนไม่ตรง",
        "kpi.report_unapprove": "ต้องพิจารณาประเด็นที่ 3 ใหม่",
    }


def test_campaign_without_region_obec_approval_is_final(
    campaign, round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer
):
    campaign.approval_chain = ApprovalChain.OBEC_ONLY
    campaign.save(update_fields=["approval_chain"])
    report = _submitted(round_6m, esa_a, reporter_a)
    assert not region_reviewer.has_perm("pramoen.review_kpi_report", report)
    assert obec_reviewer.has_perm("pramoen.review_kpi_report", report)
    report = _approved_by(report, obec_reviewer)
    assert (report.status, report.accepted_by) == (ReportStatus.ACCEPTED, obec_reviewer)
    assert not obec_reviewer.has_perm("pramoen.accept_kpi_report", report)
    report = services.report_unaccept(report=report, actor=obec_reviewer, reason="ตรวจใหม่")
    assert (report.status, report.score) == (ReportStatus.SUBMITTED, None)


def _approved_by(report: KpiReport, actor) -> KpiReport:
    for issue in ISSUES:
        services.review_mark(report=report, issue_id=issue, clear=True, comment="", actor=actor)
    return services.report_approve(report=report, actor=actor)


def test_accept_twice_is_refused(round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer):
    report = _approved(round_6m, esa_a, reporter_a, region_reviewer)
    services.report_accept(report=report, actor=obec_reviewer)
    stale = KpiReport.objects.get(pk=report.pk)
    stale.status = ReportStatus.APPROVED  # a page loaded before the first acceptance
    with pytest.raises(services.KpiError):
        services.report_accept(report=stale, actor=obec_reviewer)
    assert _actions(report).count("kpi.report_accept") == 1


def test_pages_after_approval_are_read_only_for_everyone_who_took_part(
    client, round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer
):
    report = _approved(round_6m, esa_a, reporter_a, region_reviewer)
    page = reverse("kpi:report", args=[report.pk])
    for user in (region_reviewer, reporter_a, obec_reviewer):
        client.force_login(user)
        # Today's bug: the reviewer who approved got a 403 on the review page.
        assert client.get(reverse("kpi:review", args=[report.pk])).url == page
        html = client.get(page).content.decode()
        assert 'data-testid="approval-bar"' in html
        assert 'data-testid="review-marks"' in html
    client.force_login(reporter_a)
    html = client.get(page).content.decode()
    assert reverse("kpi:report_submit", args=[report.pk]) not in html
    assert 'data-testid="locked-note"' in html


def test_accept_and_undo_through_the_views(
    client, round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer
):
    report = _approved(round_6m, esa_a, reporter_a, region_reviewer)
    client.force_login(region_reviewer)
    assert client.post(reverse("kpi:report_accept", args=[report.pk])).status_code == 403
    response = client.post(reverse("kpi:report_unapprove", args=[report.pk]), {"reason": ""})
    report.refresh_from_db()
    assert (response.status_code, report.status) == (302, ReportStatus.APPROVED)
    client.force_login(obec_reviewer)
    assert report.esa.name_th in client.get(reverse("kpi:acceptance_queue")).content.decode()
    client.post(reverse("kpi:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    client.post(reverse("kpi:report_unaccept", args=[report.pk]), {"reason": "ตรวจซ้ำ"})
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED


def test_acceptance_queue_is_for_national_reviewers_only(client, region_reviewer):
    client.force_login(region_reviewer)
    assert client.get(reverse("kpi:acceptance_queue")).status_code == 403


def test_chain_is_set_per_campaign_by_command_and_refused_once_decided(
    campaign, round_6m, esa_a, reporter_a, region_reviewer
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("kpi_chain", "--year", "๒๕๖๙", "--skip-region", stdout=out)
    campaign.refresh_from_db()
    assert campaign.approval_chain == ApprovalChain.OBEC_ONLY
    assert "สพฐ. อนุมัติโดยตรง" in out.getvalue()
    call_command("kpi_chain", "--year", "2569", "--with-region", stdout=StringIO())
    _approved(round_6m, esa_a, reporter_a, region_reviewer)
    with pytest.raises(CommandError, match="มีรายงานที่อนุมัติแล้ว"):
        call_command("kpi_chain", "--year", "2569", "--skip-region", stdout=StringIO())
    assert AuditEvent.objects.filter(action="kpi.campaign_set_chain").count() == 2


def test_chain_is_set_from_the_campaigns_page_by_obec_only(
    client, campaign, round_6m, esa_a, reporter_a, region_reviewer, obec_reviewer, make_user
):
    url = reverse("kpi:campaign_chain", args=[campaign.pk])
    # ESA staff may open a fiscal year but not decide who reviews it.
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=esa_a))
    assert client.post(url, {"chain": ApprovalChain.OBEC_ONLY}).status_code == 403
    client.force_login(obec_reviewer)
    page = client.get(reverse("kpi:campaigns")).content.decode()
    assert f'action="{url}"' in page and "สพฐ. อนุมัติโดยตรง (ไม่ผ่านภาค)" in page
    client.post(url, {"chain": "nonsense"}, follow=True)
    campaign.refresh_from_db()
    assert campaign.approval_chain == ApprovalChain.REGION_THEN_OBEC
    response = client.post(url, {"chain": ApprovalChain.OBEC_ONLY}, follow=True)
    campaign.refresh_from_db()
    assert campaign.approval_chain == ApprovalChain.OBEC_ONLY
    assert "สพฐ. อนุมัติโดยตรง" in response.content.decode()
    client.post(url, {"chain": ApprovalChain.REGION_THEN_OBEC})
    _approved(round_6m, esa_a, reporter_a, region_reviewer)
    response = client.post(url, {"chain": ApprovalChain.OBEC_ONLY}, follow=True)
    assert "มีรายงานที่อนุมัติแล้ว" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.approval_chain == ApprovalChain.REGION_THEN_OBEC
