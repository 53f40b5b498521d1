"""Bad input on the judging pages (issue 16): a 400 or a Thai form error, never a 500; and a GET
of the judge's page writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.core.models import AuditEvent
from pramoen.judging import services
from pramoen.judging.models import Assignment, Review, ReviewVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.mark.parametrize(
    ("action", "data", "phrase"),
    [
        ("assign", {"entry": "x", "judge": "1"}, "ไม่พบผลงานนี้ในกลุ่ม"),
        ("assign", {"entry": "", "judge": ""}, "กรุณาเลือกผลงาน"),
        ("unassign", {"assignment": "1e9"}, "ไม่พบการมอบหมายนี้"),
        ("consensus", {"review": "abc", "reason": "x"}, "ไม่พบผลการประเมินที่ส่งแล้วนี้"),
        ("return", {"review": "-1"}, "ไม่พบผลการประเมินนี้"),
        ("eligibility", {"entry": "x", "eligible": "maybe"}, "ไม่พบผลงานนี้"),
        ("override", {"conflict": "x"}, "ไม่พบส่วนได้เสียนี้"),
        ("override", {}, "ไม่พบส่วนได้เสียที่ต้องการอนุญาต"),
        ("finalize", {"version": "abc"}, "รุ่นของข้อมูลกลุ่มไม่ถูกต้อง"),
    ],
)
def test_committee_actions_refuse_bad_ids_with_400_in_thai(
    chair_client, committee, action, data, phrase
):
    before = AuditEvent.objects.count()
    for url, payload in [
        (reverse("judging:committee_action", args=[committee.pk, action]), data),
        (reverse("judging:committee", args=[committee.pk]), {**data, "action": action}),
    ]:
        response = chair_client.post(url, payload)
        assert response.status_code == 400, url
        assert phrase in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_committee_page_refuses_an_unknown_action(chair_client, committee):
    response = chair_client.post(reverse("judging:committee", args=[committee.pk]), {"action": "x"})
    assert response.status_code == 400
    assert "ไม่รู้จักคำสั่งนี้" in response.content.decode()


def test_an_entry_of_another_group_is_not_found_in_this_one(
    chair_client, committee, judges, make_campaign_entry_elsewhere
):
    other = make_campaign_entry_elsewhere()
    response = chair_client.post(
        reverse("judging:committee_action", args=[committee.pk, "assign"]),
        {"entry": other.pk, "judge": judges[0].pk},
    )
    assert response.status_code == 400
    assert not Assignment.objects.filter(entry=other).exists()


@pytest.fixture
def make_campaign_entry_elsewhere(make_entry, category):
    """An entry of another category of the same campaign (another group)."""

    def make():
        from pramoen.awards.models import CampaignCategory

        sibling = CampaignCategory.objects.get(pk=category.pk)
        sibling.pk = None
        sibling.position = category.position + 1
        sibling.domain = "other"
        sibling.save()
        entry = make_entry()
        entry.category = sibling
        entry.save(update_fields=["category"])
        return entry

    return make


@pytest.fixture
def assigned(committee, chair, judges, make_entry):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    return entry, judges[0]


def test_opening_the_judge_page_writes_nothing(client, assigned):
    entry, judge = assigned
    client.force_login(judge)
    counts = (Review.objects.count(), ReviewVersion.objects.count(), AuditEvent.objects.count())
    response = client.get(reverse("judging:review", args=[entry.pk]))
    assert response.status_code == 200
    assert (
        Review.objects.count(),
        ReviewVersion.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    # The first save creates the review, with an audit row.
    client.post(reverse("judging:review", args=[entry.pk]), {"version": "0", "action": "save"})
    assert Review.objects.filter(entry=entry, judge=judge).exists()
    assert AuditEvent.objects.filter(action="judging.review_open").count() == 1


@pytest.mark.parametrize("version", ["abc", "1.5", "-7", "NaN"])
def test_a_bad_version_is_a_400_in_thai(client, assigned, version):
    entry, judge = assigned
    client.force_login(judge)
    for method, url in [
        ("get", reverse("judging:review", args=[entry.pk])),
        ("post", reverse("judging:review", args=[entry.pk])),
        ("post", reverse("judging:autosave", args=[entry.pk])),
    ]:
        response = getattr(client, method)(url, {"version": version})
        assert response.status_code == 400, (method, url)
        assert "รุ่นของผลการประเมินที่ส่งมาไม่ถูกต้อง" in response.content.decode()
    assert not Review.objects.filter(entry=entry).exists()


def test_appeal_of_another_esa_entry_is_not_found_and_names_no_campaign(
    client, committee, chair, judges, make_entry, make_user
):
    """Issue 16: the refusal redirected to the entry's campaign's results, naming it."""
    from pramoen.accounts.enums import Role
    from tests.factories import EsaFactory
    from tests.judging.helpers import all_checked

    entry = make_entry()
    for judge in judges:
        services.assignment_add(entry=entry, judge=judge, actor=chair)
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    services.group_finalize(committee=committee, actor=chair)
    stranger = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(stranger)
    response = client.post(reverse("judging:appeal", args=[entry.pk]), {"reason": "อุทธรณ์"})
    assert response.status_code == 404
    assert str(entry.campaign_id) not in response.get("Location", "")
    missing = client.post(reverse("judging:appeal", args=[10**9]), {"reason": "อุทธรณ์"})
    assert missing.status_code == 404
