"""National dashboards: figures from aggregates (only submitted ones), the drill-down, scopes,
constant query counts at two sizes, the cache, Excel exports, and the 245-ESA timing."""

from __future__ import annotations

import time
from io import BytesIO

import pytest
from bench.kpi_national_data import build
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from pramoen.accounts.enums import Role
from pramoen.kpi import national
from pramoen.kpi.enums import SENT_STATUSES
from pramoen.kpi.models import KpiReport, KpiRound
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from tests.factories import ObecFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
QUERY = "?year=2569&round=12m"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def obec_viewer(make_user):
    return make_user(roles=[Role.KPI_REVIEWER], organization=ObecFactory())


def _round(year: int = 2569, kind: str = "12m") -> KpiRound:
    return KpiRound.objects.get(campaign__fiscal_year=year, kind=kind)


def test_board_counts_only_what_was_handed_in(obec_viewer):
    build(esas=20, years=(2569,))
    board = national.national_board(round=_round(), user=obec_viewer)
    # Per 10 ESAs: 1 draft, 1 returned, 8 handed in of which 1 late; 5 scored, 3 accepted.
    assert (board.total.units, board.total.submitted, board.total.on_time) == (20, 16, 14)
    assert (board.total.scored, board.total.accepted, board.total.completeness) == (10, 6, 80)
    assert sum(g.units for g in board.regions) == 20 and len(board.regions) == 18
    assert sum(count for _points, count in board.distribution) == 10
    # A draft's 12-month counts are not in the yearly sums.
    sent = KpiReport.objects.filter(round=_round(), status__in=SENT_STATUSES)
    assert board.years[0].network_total == sum(r.answers["network_total"] for r in sent)


def test_year_over_year_change_of_the_twelve_month_counts(obec_viewer):
    build(esas=10, years=(2568, 2569))
    years = national.national_board(round=_round(), user=obec_viewer).years
    assert [y.fiscal_year for y in years] == [2568, 2569]
    # Every handed-in ESA grew its integrated count by one (bench data): 8 ESAs, +8.
    assert years[1].change("integrated_current_year") == 8
    assert years[0].change("integrated_current_year") is None


def test_regional_reviewer_sees_his_region_only(make_user, obec_viewer):
    build(esas=36, years=(2569,))
    region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG03")
    viewer = make_user(roles=[Role.KPI_REGION_REVIEWER], organization=region)
    board = national.national_board(round=_round(), user=viewer)
    assert [g.label for g in board.regions] == ["สำนักงานศึกษาธิการภาค 3"]
    assert board.total.units == 2


def test_drill_down_nation_region_esa_report(client, obec_viewer):
    build(esas=18, years=(2569,))
    client.force_login(obec_viewer)
    html = client.get(reverse("kpi:national") + QUERY).content.decode()
    region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG01")
    region_url = reverse("kpi:national_region", args=[region.pk])
    assert region_url in html and 'data-testid="region-tiles"' in html
    html = client.get(region_url + QUERY).content.decode()
    esa = region.region_esas.get()
    assert 'data-testid="province-tiles"' in html and esa.province in html
    assert reverse("kpi:national_esa", args=[esa.pk]) in html
    html = client.get(reverse("kpi:national_esa", args=[esa.pk]) + QUERY).content.decode()
    report = KpiReport.objects.filter(esa=esa).first()
    assert reverse("kpi:report", args=[report.pk]) in html


def test_esa_outside_the_scope_is_a_404(client, make_user):
    build(esas=2, years=(2569,))
    mine, other = Organization.objects.filter(kind=OrganizationKind.ESA).order_by("code")
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=mine))
    assert client.get(reverse("kpi:national_esa", args=[other.pk])).status_code == 404
    assert client.get(reverse("kpi:national_esa", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize("key", ["regions", "levels", "scores", "years"])
def test_each_chart_exports_its_table(client, obec_viewer, key):
    build(esas=18, years=(2568, 2569))
    client.force_login(obec_viewer)
    response = client.get(reverse("kpi:national_xlsx", args=[key]) + QUERY)
    sheet = load_workbook(BytesIO(response.content)).active
    html = client.get(reverse("kpi:national") + QUERY).content.decode()
    assert f'data-testid="table-{key}"' in html and f'id="chart-data-{key}"' in html
    assert sheet.freeze_panes == "A2"
    first_row = [cell.value for cell in sheet[2]]
    assert isinstance(first_row[1], int | float)  # a count, summable: not the text "18"
    assert str(first_row[0]) in html


def test_region_export(client, obec_viewer):
    build(esas=18, years=(2569,))
    client.force_login(obec_viewer)
    region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG02")
    url = reverse("kpi:national_xlsx", args=["esas"]) + QUERY + f"&region={region.pk}"
    sheet = load_workbook(BytesIO(client.get(url).content)).active
    assert sheet.cell(row=2, column=1).value == region.region_esas.get().name_th


def _counts(client, urls: list[str]) -> list[int]:
    out = []
    for url in urls:
        cache.clear()  # the uncached path: the aggregates themselves
        out.append(count_queries(client, url))
        out.append(count_queries(client, url))  # the cached path: the fingerprint only
    return out


def test_dashboard_and_drill_downs_run_constant_queries_at_two_sizes(client, obec_viewer):
    client.force_login(obec_viewer)

    def urls() -> list[str]:
        region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG01")
        esa = region.region_esas.order_by("code").first()
        return [
            reverse("kpi:national") + QUERY,
            reverse("kpi:national_region", args=[region.pk]) + QUERY,
            reverse("kpi:national_esa", args=[esa.pk]) + QUERY,
        ]

    build(esas=18, years=(2568, 2569))
    client.get(urls()[0])
    small = _counts(client, urls())
    build(esas=72, years=(2568, 2569))
    assert _counts(client, urls()) == small
    # The cache serves the board: fewer queries on the second visit.
    assert small[1] < small[0]


def test_a_write_changes_the_cached_figures(obec_viewer):
    build(esas=10, years=(2569,))
    before = national.national_board(round=_round(), user=obec_viewer).total.submitted
    KpiReport.objects.filter(round=_round(), status="draft").update(
        status="submitted", first_submitted_at=_round().due_at, version=5
    )
    assert national.national_board(round=_round(), user=obec_viewer).total.submitted == before + 1


@pytest.mark.slow
def test_national_scale_pages_answer_under_300_ms(client, obec_viewer, capsys):
    build(esas=245, years=(2568, 2569))
    assert Organization.objects.filter(kind=OrganizationKind.REGION).count() == 18
    client.force_login(obec_viewer)
    region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG05")
    esa = region.region_esas.order_by("code").first()
    pages = {
        "nation": reverse("kpi:national") + QUERY,
        "region": reverse("kpi:national_region", args=[region.pk]) + QUERY,
        "esa": reverse("kpi:national_esa", args=[esa.pk]) + QUERY,
    }
    client.get(pages["nation"])  # templates and instruments loaded once per process
    timings = {}
    for name, url in pages.items():
        best = float("inf")
        for _ in range(3):
            cache.clear()  # uncached: the aggregates over 245 ESAs × 2 years × 2 rounds
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            best = min(best, time.perf_counter() - start)
        timings[name] = round(best * 1000, 1)
    with capsys.disabled():
        print(f"\nnational KPI pages, 245 ESAs / 18 regions / 2 fiscal years (ms): {timings}")
    assert max(timings.values()) < 300, timings


def test_without_any_campaign_the_page_says_so(client, obec_viewer):
    client.force_login(obec_viewer)
    response = client.get(reverse("kpi:national"))
    assert "ยังไม่มีรอบการรายงานตัวชี้วัด" in response.content.decode()
