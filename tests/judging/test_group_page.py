"""The chair's group page at scale (issue 12): a page of rows, search and the "needs action"
filter over the whole group, and the group's scores cached until an input changes."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pramoen.judging import services
from tests.judging.helpers import all_checked


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def _scored(queries) -> bool:
    """Whether the group was scored (``group_scores`` reads the consensus answers)."""
    return any('"judging_consensus"."indicators"' in sql for sql in queries)


def test_scores_are_cached_until_a_review_changes(
    client, committee, chair, judges, make_entry, monkeypatch
):
    # The fingerprint is read on every visit here (in use it is reused for a few seconds).
    monkeypatch.setattr("pramoen.judging.selectors.group_page.FINGERPRINT_SECONDS", 0)
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    first, cold = _get(client, url)
    _, warm = _get(client, url)
    assert _scored(cold) and not _scored(warm), "the second visit reads them from the cache"
    review = services.review_open(entry=entry, judge=judges[0])
    services.review_submit(
        review=review, actor=judges[0], seen_version=review.version, indicators=all_checked()
    )
    after, recomputed = _get(client, url)
    assert _scored(recomputed), "the submitted review changed the fingerprint"
    assert "ชนะเลิศ" in after and "ชนะเลิศ" not in first


def test_group_page_pages_and_searches(client, committee, chair, make_entry, make_school):
    for n in range(55):
        make_entry(school=make_school(name_th=f"โรงเรียนบ้านหน้า{n:02d}"))
    make_entry(school=make_school(name_th="โรงเรียนวัดค้นพบ"), eligible=None)
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    first, _ = _get(client, url)
    assert first.count('data-testid="outcome-') == 50 and 'data-testid="pagination-page"' in first
    second, _ = _get(client, url + "?page=2")
    assert second.count('data-testid="outcome-') == 6
    found, _ = _get(client, url + "?q=วัดค้น")
    assert found.count('data-testid="outcome-') == 1 and "โรงเรียนวัดค้นพบ" in found
    # Every entry lacks reviews, so every one "needs action"; a bad filter lists everything.
    action, _ = _get(client, url + "?show=action&page=2")
    assert action.count('data-testid="outcome-') == 6
    bad, _ = _get(client, url + "?show=nonsense&page=99")
    assert bad.count('data-testid="outcome-') == 6  # the last page of everything


def test_the_chairs_own_action_shows_at_once(client, committee, chair, judges, make_entry):
    entry = make_entry(eligible=None)
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    assert "คุณสมบัติเบื้องต้น: ยังไม่ตรวจ" in _get(client, url)[0]
    action = reverse("judging:committee_action", args=[committee.pk, "eligibility"])
    client.post(action, {"entry": entry.pk, "eligible": "0", "reason": "ไม่ครบ"})
    page, queries = _get(client, url)
    assert "คุณสมบัติเบื้องต้น: ไม่ผ่าน" in page and _scored(queries)


def _workload(page: str) -> str:
    return page.split('data-testid="workload">')[1].split("</table>")[0]


def test_the_workload_is_cached_with_the_scores_and_follows_a_submission(
    client, committee, chair, judges, make_entry, monkeypatch
):
    monkeypatch.setattr("pramoen.judging.selectors.group_page.FINGERPRINT_SECONDS", 0)
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    _, cold = _get(client, url)
    before, warm = _get(client, url)
    per_judge = '"judging_assignment"."judge_id" AS "judge_id", COUNT('
    counted = [sql for sql in warm if per_judge in sql]
    assert any(per_judge in sql for sql in cold)
    assert counted == [], "the second visit reads the workload from the cache"
    row = f"<td>{judges[0].display_name}</td><td>1</td><td>0</td>"
    assert row in _workload(before)
    review = services.review_open(entry=entry, judge=judges[0])
    services.review_submit(
        review=review, actor=judges[0], seen_version=review.version, indicators=all_checked()
    )
    after, _ = _get(client, url)
    assert f"<td>{judges[0].display_name}</td><td>1</td><td>1</td>" in _workload(after)
