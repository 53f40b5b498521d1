"""Issues 18/19: a fiscal year of KPI reporting opened from a page, cloned from the last one with
its instruments pinned; the 12-month report takes last year's figures from last year's report."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.core.models import AuditEvent
from pramoen.kpi import services
from pramoen.kpi.models import KpiCampaign
from tests.kpi.conftest import best_practice_answers, fill_6m


@pytest.fixture
def staff(make_user, esa_a):
    return make_user(roles=[Role.ESA_STAFF], organization=esa_a)


def _next_year(campaign, **overrides):
    args = {
        "source": campaign,
        "fiscal_year": 2570,
        "due_6m": date(2027, 4, 30),
        "due_12m": date(2027, 9, 15),
        "actor": None,
    }
    return services.campaign_clone(**{**args, **overrides})


def test_clone_keeps_indicators_pins_and_esas(campaign):
    old = campaign.indicators.get()
    assert len(old.instrument_6m_hash) == 64 and len(old.instrument_12m_hash) == 64
    new = _next_year(campaign)
    indicator = new.indicators.get()
    assert (indicator.instrument_6m_hash, indicator.instrument_12m_hash) == (
        old.instrument_6m_hash,
        old.instrument_12m_hash,
    )
    assert set(new.units.values_list("esa_id", flat=True)) == set(
        campaign.units.values_list("esa_id", flat=True)
    )
    assert (new.cloned_from, [r.kind for r in new.rounds.all()]) == (campaign, ["6m", "12m"])
    assert AuditEvent.objects.filter(action="kpi.campaign_clone").count() == 1


# An earlier, archived version of kpi10-12m (src/pramoen/library/archive/kpi10-12m/).
ARCHIVED_12M = "0ae7ae71b417034238373d0dbc1f92accb142aa653aeee6ed526c855bd4f007b"


def test_reports_of_a_cloned_year_pin_the_campaigns_version(campaign, esa_a, reporter_a):
    campaign.indicators.update(instrument_12m_hash=ARCHIVED_12M)
    new = _next_year(campaign)
    report = services.report_get_or_create(
        round=new.rounds.get(kind="12m"), esa=esa_a, actor=reporter_a
    )
    # Not the library's current version: the version the year it was cloned from used.
    assert report.instrument_hash == ARCHIVED_12M
    assert services.report_structure(report).issues[0].slots[0].id == "ev_report"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"fiscal_year": 2569}, "ต้องอยู่หลังปีงบประมาณต้นแบบ"),
        ({"due_6m": date(2026, 4, 30)}, "กำหนดส่งรอบ 6 เดือนต้องอยู่ในปีงบประมาณ 2570"),
        ({"fiscal_year": 2999}, "ปีงบประมาณต้องเป็นปี พ.ศ."),
    ],
)
def test_clone_refuses_in_thai(campaign, overrides, message):
    with pytest.raises(services.KpiError, match=message):
        _next_year(campaign, **overrides)
    assert KpiCampaign.objects.count() == 1


def test_clone_refuses_a_year_opened_already(campaign):
    _next_year(campaign)
    with pytest.raises(services.KpiError, match="ปีงบประมาณ 2570 เปิดการรายงานไว้แล้ว"):
        _next_year(campaign)


def test_page_proposes_the_next_year_and_opens_it(client, campaign, staff):
    client.force_login(staff)
    page = client.get(reverse("kpi:campaign_new")).content.decode()
    # The fixture's year is due 31/03 and 15/09/2569: the same days one year later.
    assert 'value="2570"' in page and 'value="31/03/2570"' in page
    assert 'value="15/09/2570"' in page
    response = client.post(
        reverse("kpi:campaign_new"),
        {
            "source": campaign.pk,
            "fiscal_year": "๒๕๗๐",
            "due_6m": "30/04/2570",
            "due_12m": "15/09/2570",
        },
    )
    assert response.status_code == 302
    new = KpiCampaign.objects.get(fiscal_year=2570)
    listing = client.get(reverse("kpi:campaigns")).content.decode()
    assert new.title_th in listing and "ปีงบประมาณ 2569" in listing


def test_page_keeps_what_was_typed_and_explains_a_bad_date(client, campaign, staff):
    client.force_login(staff)
    response = client.post(
        reverse("kpi:campaign_new"),
        {
            "source": campaign.pk,
            "fiscal_year": "2570",
            "due_6m": "30/04/2569",
            "due_12m": "15/09/2570",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "กำหนดส่งรอบ 6 เดือนต้องอยู่ในปีงบประมาณ 2570" in html and 'value="30/04/2569"' in html
    assert KpiCampaign.objects.count() == 1


def test_reporters_cannot_open_a_year(client, campaign, reporter_a):
    client.force_login(reporter_a)
    assert client.get(reverse("kpi:campaign_new")).status_code == 403
    assert client.get(reverse("kpi:campaigns")).status_code == 403


def test_campaign_list_queries_do_not_grow(client, campaign, staff, queries_at_two_sizes):
    years = iter(range(2570, 2600))

    def grow(n: int) -> None:
        for _ in range(n):
            year = next(years)
            _next_year(
                campaign,
                fiscal_year=year,
                due_6m=date(year - 543, 4, 30),
                due_12m=date(year - 543, 9, 15),
            )

    client.force_login(staff)
    queries_at_two_sizes(reverse("kpi:campaigns"), grow)


# --- the 12-month report opens with what other reports already said (issue 18) ----------------


def _approved_twelve(campaign, esa, reporter, reviewer):
    report = services.report_get_or_create(
        round=campaign.rounds.get(kind="12m"), esa=esa, actor=reporter
    )
    services.report_update(
        report=report,
        actor=reporter,
        expected_version=report.version,
        changes=best_practice_answers(True, True, False, False),
    )
    return services.report_submit(report=report, actor=reporter, expected_version=report.version)


def test_last_years_figures_prefill_and_lock_the_previous_year_columns(
    client, campaign, esa_a, reporter_a, reviewer
):
    _approved_twelve(campaign, esa_a, reporter_a, reviewer)  # 2569: integrated 17, sharing 18
    new = _next_year(campaign)
    report = services.report_get_or_create(
        round=new.rounds.get(kind="12m"), esa=esa_a, actor=reporter_a
    )
    assert (
        report.answers["integrated_previous_year"],
        report.answers["sharing_previous_year"],
    ) == (
        17,
        18,
    )
    with pytest.raises(services.KpiError, match="ปีงบประมาณ 2569"):
        services.report_update(
            report=report,
            actor=reporter_a,
            expected_version=report.version,
            changes={"integrated_previous_year": 3},
        )
    client.force_login(reporter_a)
    html = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    field = html.split('data-field="integrated_previous_year"')[1].split("data-field=")[0]
    assert "disabled" in field and "จากรายงานรอบ 12 เดือน ปีงบประมาณ 2569" in field
    # A save of the page keeps last year's figure whatever the browser sends for it.
    client.post(
        reverse("kpi:report", args=[report.pk]),
        {"version": report.version, "integrated_previous_year": "99", "s1_1_results": "ผล"},
    )
    report.refresh_from_db()
    assert (report.answers["integrated_previous_year"], report.answers["s1_1_results"]) == (
        17,
        "ผล",
    )


def test_without_last_years_report_the_previous_year_is_typed(client, campaign, esa_a, reporter_a):
    report = services.report_get_or_create(
        round=campaign.rounds.get(kind="12m"), esa=esa_a, actor=reporter_a
    )
    assert "integrated_previous_year" not in report.carried_answers
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes={"integrated_previous_year": 3},
    )
    assert report.answers["integrated_previous_year"] == 3


def test_twelve_month_report_opens_with_the_six_month_answers_marked(
    client, round_6m, round_12m, esa_a, reporter_a
):
    six = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(six, reporter_a)
    services.report_update(
        report=six,
        actor=reporter_a,
        expected_version=six.version,
        changes={"issue2_narrative": "ขับเคลื่อนตามแผน", "issue3_narrative": "ส่งเสริมเครือข่าย"},
    )
    twelve = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    assert twelve.answers["s1_1_operations"] == "ขับเคลื่อนตามแผน"
    assert twelve.answers["reporter_name"] == six.answers["reporter_name"]
    client.force_login(reporter_a)
    html = client.get(reverse("kpi:report", args=[twelve.pk])).content.decode()
    assert 'data-testid="carried-s1_1_operations"' in html and "ยกมาจากรอบ 6 เดือน (แก้ไขได้)" in html
    assert "ส่งเสริมเครือข่าย" in html.split('data-testid="carried-3-narrative"')[1][:300]
    # Edited, it is the ESA's own text: no longer marked as carried.
    services.report_update(
        report=twelve,
        actor=reporter_a,
        expected_version=twelve.version,
        changes={"s1_1_operations": "ขับเคลื่อนครบทั้งปี"},
    )
    html = client.get(reverse("kpi:report", args=[twelve.pk])).content.decode()
    assert 'data-testid="carried-s1_1_operations"' not in html
    # The carried evidence references the stored file: nothing is copied in storage.
    carried = twelve.evidence.exclude(carried_from=None)
    assert carried.count() == six.evidence.count()
    assert all(item.file.name == item.carried_from.file.name for item in carried)
