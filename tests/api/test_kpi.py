"""KPI reports through the API: scoped as the /kpi/ pages; the 12-month data written through the
page's form and the report service while the report is editable."""

from __future__ import annotations

from datetime import date

import pytest

from pramoen.accounts.enums import ApiScope, Role
from pramoen.kpi.models import KpiReport
from pramoen.kpi.services import campaign_create, report_get_or_create
from pramoen.orgs.enums import EsaLevel
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def esas(db):
    return (
        EsaFactory(code="1001", esa_level=EsaLevel.PRIMARY),
        EsaFactory(code="1002", esa_level=EsaLevel.SECONDARY),
    )


@pytest.fixture
def kpi_campaign(esas):
    return campaign_create(
        fiscal_year=2569,
        due_6m=date(2026, 3, 31),
        due_12m=date(2026, 9, 15),
        esas=list(esas),
        actor=None,
    )


@pytest.fixture
def reports(kpi_campaign, esas, make_user):
    round_12m = kpi_campaign.rounds.get(kind="12m")
    out = []
    for esa in esas:
        reporter = make_user(roles=[Role.KPI_REPORTER], organization=esa, password=None)
        out.append((reporter, report_get_or_create(round=round_12m, esa=esa, actor=reporter)))
    return out


def test_a_reporter_sees_only_his_esas_reports(client, reports, token_for):
    (reporter, own), (_other_reporter, other) = reports
    headers = token_for(reporter)
    body = client.get("/api/v1/kpi/reports", **headers).json()
    assert [r["id"] for r in body["items"]] == [own.pk]
    assert body["items"][0]["round"] == "12m"
    assert body["items"][0]["fiscal_year"] == 2569
    assert client.get(f"/api/v1/kpi/reports/{other.pk}", **headers).status_code == 404


def test_a_reviewer_sees_the_esas_he_oversees(client, reports, esas, make_user, token_for):
    reviewer = make_user(roles=[Role.KPI_REVIEWER], organization=esas[0], password=None)
    body = client.get("/api/v1/kpi/reports", **token_for(reviewer)).json()
    assert [r["id"] for r in body["items"]] == [reports[0][1].pk]


def test_a_reporter_writes_the_12_month_data_through_the_form(client, reports, token_for):
    reporter, report = reports[0]
    headers = token_for(reporter, scopes=[ApiScope.READ, ApiScope.WRITE_KPI])
    response = client.patch(
        f"/api/v1/kpi/reports/{report.pk}",
        {
            "version": report.version,
            "answers": {"network_total": 40, "network_participating": 30, "pa_challenge": True},
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    stored = KpiReport.objects.get(pk=report.pk)
    assert stored.answers["network_total"] == 40
    assert stored.answers["pa_challenge"] is True
    assert body["version"] == stored.version == report.version + 1
    assert body["computed"]["percent"] is not None
    stale = client.patch(
        f"/api/v1/kpi/reports/{report.pk}",
        {"version": report.version, "answers": {"network_total": 41}},
        content_type="application/json",
        **headers,
    )
    assert stale.status_code == 422, stale.json()
    assert stale.json()["detail"].startswith("รายงานนี้ถูกแก้ไขโดยผู้อื่น"), stale.json()


def test_bad_report_data_is_a_thai_422_per_field(client, reports, token_for):
    reporter, report = reports[0]
    headers = token_for(reporter, scopes=[ApiScope.WRITE_KPI])
    response = client.patch(
        f"/api/v1/kpi/reports/{report.pk}",
        {"version": report.version, "answers": {"network_total": "สี่สิบ", "nonsense": 1}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "answers", "nonsense"]
    response = client.patch(
        f"/api/v1/kpi/reports/{report.pk}",
        {"version": report.version, "answers": {"network_total": "สี่สิบ"}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "answers", "network_total"]
    assert KpiReport.objects.get(pk=report.pk).version == report.version


def test_another_esas_reporter_and_a_reviewer_may_not_write(
    client, reports, esas, make_user, token_for
):
    (_reporter, report), (other_reporter, _other) = reports
    data = {"version": report.version, "answers": {"network_total": 1}}
    url = f"/api/v1/kpi/reports/{report.pk}"
    other = token_for(other_reporter, scopes=[ApiScope.WRITE_KPI, ApiScope.READ])
    assert client.patch(url, data, content_type="application/json", **other).status_code == 404
    reviewer = make_user(roles=[Role.KPI_REVIEWER], organization=esas[0], password=None)
    headers = token_for(reviewer, scopes=[ApiScope.WRITE_KPI])
    assert client.patch(url, data, content_type="application/json", **headers).status_code == 403


def test_the_dashboard_figures_of_a_round_for_the_esas_overseen(
    client, reports, esas, make_user, token_for
):
    from tests.factories import ObecFactory

    national = make_user(roles=[Role.KPI_REVIEWER], organization=ObecFactory(), password=None)
    body = client.get(
        "/api/v1/kpi/dashboard?fiscal_year=2569&round=12m", **token_for(national)
    ).json()
    assert (body["fiscal_year"], body["round"], body["esas"]) == (2569, "12m", 2)
    assert {r["esa_id"] for r in body["rows"]} == {esa.pk for esa in esas}
    assert [d["score"] for d in body["distribution"]] == [5, 4, 3, 2, 1]
    local = make_user(roles=[Role.ESA_STAFF], organization=esas[0], password=None)
    rows = client.get(
        "/api/v1/kpi/dashboard?fiscal_year=2569&round=12m", **token_for(local)
    ).json()["rows"]
    assert [r["esa_id"] for r in rows] == [esas[0].pk]
    reporter = reports[0][0]
    assert client.get("/api/v1/kpi/dashboard", **token_for(reporter)).status_code == 403
    missing = client.get("/api/v1/kpi/dashboard?fiscal_year=2500", **token_for(national))
    assert missing.status_code == 404


def test_a_reporter_hands_in_a_link_as_evidence(client, reports, token_for):
    reporter, report = reports[0]
    headers = token_for(reporter, scopes=[ApiScope.WRITE_KPI])
    url = f"/api/v1/kpi/reports/{report.pk}/evidence-links"
    response = client.post(
        url,
        {"slot_id": "ev_report", "url": "https://drive.example.go.th/kpi", "title": "รายงาน"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.json()
    assert report.evidence.get().url == "https://drive.example.go.th/kpi"
    wrong_slot = client.post(
        url,
        {"slot_id": "no_such_slot", "url": "https://drive.example.go.th/x"},
        content_type="application/json",
        **headers,
    )
    assert wrong_slot.status_code == 422
    bad_url = client.post(
        url,
        {"slot_id": "ev_report", "url": "javascript:alert(1)"},
        content_type="application/json",
        **headers,
    )
    assert bad_url.status_code == 422
    assert bad_url.json()["errors"][0]["loc"] == ["body", "url"]
    assert report.evidence.count() == 1
