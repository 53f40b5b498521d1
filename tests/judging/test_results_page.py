"""The results page at scale (issue 12): one group at a time, a page of rows, search, and medal
tables the database counts — the same counts as ``domain.medal_counts`` over every row."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from pramoen.awards.models import Entry
from pramoen.awards.services import campaign_category_add
from pramoen.judging import domain, selectors, services
from pramoen.judging.models import Committee, EntryResult
from tests.awards.conftest import TEACHER_INNOVATION

TIERS = ["gold", "silver", "bronze", "honourable", ""]


def _announce(category, make_entry, make_school, names):
    """Stored results for entries of ``names`` (schools may repeat), as finalization leaves."""
    now = timezone.now()
    schools = {name: make_school(name_th=name) for name in dict.fromkeys(names)}
    rows = []
    for n, name in enumerate(names):
        entry = make_entry(school=schools[name])
        if entry.category_id != category.pk:
            Entry.objects.filter(pk=entry.pk).update(category=category)
        rows.append(
            EntryResult(
                entry=entry,
                instrument_hash=category.scoring_instrument_hash,
                method="mean",
                total=str(90 - n),
                total_display=str(90 - n),
                eligible=True,
                tier=TIERS[n % 5],
                tier_label_th=TIERS[n % 5] or "ไม่ได้รับรางวัล",
                rank=n + 1,
                finalized_at=now,
            )
        )
    EntryResult.objects.bulk_create(rows)
    Committee.objects.filter(category=category).update(finalized_at=now)


def test_results_page_pages_searches_and_counts_medals_in_the_database(
    client, committee, category, staff, make_entry, make_school
):
    names = [f"โรงเรียนบ้านผล{n % 20:02d}" for n in range(54)] + ["โรงเรียนวัดค้นเจอ"]
    _announce(category, make_entry, make_school, names)
    client.force_login(staff)
    url = reverse("judging:results", args=[category.campaign_id])
    first = client.get(url).content.decode()
    assert first.count("เปิดพิจารณาอุทธรณ์</button>") == 50
    assert 'data-testid="pagination-page"' in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count("เปิดพิจารณาอุทธรณ์</button>") == 5 and "โรงเรียนวัดค้นเจอ" in second
    found = client.get(url + "?q=วัดค้น").content.decode()
    assert found.count("เปิดพิจารณาอุทธรณ์</button>") == 1
    tiers = ["gold", "silver", "bronze", "honourable"]
    rows = [
        {"school": r.entry.school.name_th, "tier": r.tier}
        for r in selectors.published_results(campaign=category.campaign)
    ]
    expected = dict(domain.medal_counts(rows, "school"))
    table = list(selectors.school_medals(campaign=category.campaign, tiers=tiers))
    assert {
        row["entry__school__name_th"]: {t: row[t] for t in tiers if row[t]} for row in table
    } == expected
    golds = [row["gold"] for row in table]
    assert golds == sorted(golds, reverse=True)


def test_results_page_shows_the_group_asked_for(
    client, committee, category, staff, chair, judges, make_entry, make_school
):
    other = campaign_category_add(campaign=category.campaign, spec=TEACHER_INNOVATION, actor=staff)
    services.committee_create(category=other, chair=chair, members=judges, actor=staff)
    _announce(category, make_entry, make_school, ["โรงเรียนกลุ่มแรก"])
    client.force_login(staff)
    url = reverse("judging:results", args=[category.campaign_id])
    page = client.get(url).content.decode()
    assert f'data-testid="results-{category.pk}"' in page and "โรงเรียนกลุ่มแรก" in page
    # A group that announces nothing is not offered: asking for it shows the first group.
    assert f"?group={other.pk}" not in page
    assert "โรงเรียนกลุ่มแรก" in client.get(url + f"?group={other.pk}").content.decode()
    _announce(other, make_entry, make_school, ["โรงเรียนกลุ่มสอง"])
    page = client.get(url).content.decode()
    assert f"?group={other.pk}" in page and f'data-testid="results-{other.pk}"' not in page
    chosen = client.get(url + f"?group={other.pk}").content.decode()
    assert f'data-testid="results-{other.pk}"' in chosen and "โรงเรียนกลุ่มสอง" in chosen
    assert "โรงเรียนกลุ่มแรก" in client.get(url + "?group=abc").content.decode()


def _reads_results(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, any(
        'FROM "judging_entryresult" INNER JOIN' in q["sql"] and "LIMIT" in q["sql"]
        for q in queries.captured_queries
    )


def test_public_results_are_cached_until_an_appeal_or_a_refinalization(
    client, committee, category, staff, make_entry, make_school
):
    _announce(category, make_entry, make_school, ["โรงเรียนที่หนึ่ง", "โรงเรียนที่สอง"])
    url = reverse("judging:results", args=[category.campaign_id])
    first, read = _reads_results(client, url)
    assert read and "โรงเรียนที่หนึ่ง" in first
    again, read = _reads_results(client, url)
    assert not read and again.count("โรงเรียนที่หนึ่ง") == first.count("โรงเรียนที่หนึ่ง")
    _, read = _reads_results(client, url + "?q=สอง")
    assert read, "another search is another key"
    appealed = EntryResult.objects.select_related("entry").get(entry__school__name_th="โรงเรียนที่หนึ่ง")
    services.entry_reopen(entry=appealed.entry, actor=staff, reason="อุทธรณ์คะแนน")
    after, read = _reads_results(client, url)
    ranked = after.split('data-testid="medals')[0]
    assert '<td lang="th">โรงเรียนที่หนึ่ง</td>' in first.split('data-testid="medals')[0]
    assert read and '<td lang="th">โรงเรียนที่หนึ่ง</td>' not in ranked
    Committee.objects.filter(pk=committee.pk).update(version=committee.version + 5)
    EntryResult.objects.filter(pk=appealed.pk).update(reopened_at=None)
    _, read = _reads_results(client, url)
    assert read, "a re-finalization (the committee's version) changes the key"
