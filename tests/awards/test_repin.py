"""Re-pinning a group to the corrected library version, after reading what changed (issue 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import CampaignCategory, Entry
from pramoen.awards.selectors import category_repin_preview
from pramoen.awards.services import CategorySpec, campaign_create, category_repin
from pramoen.core.models import AuditEvent, InstrumentSnapshot
from pramoen.instruments import get_instrument, version_hash
from tests.awards.conftest import campaign_fields
from tests.factories import EsaFactory
from tests.orgs.factories import SchoolFactory

OLD_ACADEMIC = "5370a9118526e9738ce70b42513acec0e1af17ac37701695e014bf31083ab1c2"
DIRECTOR_ACADEMIC = CategorySpec(
    category="director",
    domain="academic",
    size_class="small",
    eligibility_instrument_id="nara2-director-preliminary",
    scoring_instrument_id="nara2-director-academic",
)


@pytest.fixture
def category(esa, staff):
    campaign = campaign_create(
        esa=esa, actor=staff, categories=[DIRECTOR_ACADEMIC], **campaign_fields()
    )
    category = campaign.categories.get()
    # pinned before the director forms were re-transcribed
    CampaignCategory.objects.filter(pk=category.pk).update(scoring_instrument_hash=OLD_ACADEMIC)
    category.refresh_from_db()
    return category


CURRENT = version_hash(get_instrument("nara2-director-academic"))


def test_preview_lists_what_changed_in_items_and_points(category):
    preview = category_repin_preview(category=category, slot="scoring")
    texts = [c.text_th for c in preview.changes]
    assert preview.blocked_th == ""
    assert preview.current_hash == CURRENT
    assert "องค์ประกอบ เกณฑ์การประเมินเบื้องต้น: คะแนนดิบสูงสุด ๑๘ → ๓๐" in texts
    assert any(
        t.endswith("“ข้อปฏิบัติที่ ๑ (ต้นฉบับไม่ได้พิมพ์ข้อความ)” → “ดำรงตำแหน่งผู้อำนวยการสถานศึกษา/รองผู้อำนวยการ”")
        for t in texts
    )
    assert "ข้อมูลที่ผู้สมัครกรอก: ประเภท" in texts


def test_repin_moves_the_group_audits_and_keeps_the_new_document(category, staff):
    category_repin(category=category, slot="scoring", expected_hash=CURRENT, actor=staff)
    category.refresh_from_db()
    assert category.scoring_instrument_hash == CURRENT
    assert InstrumentSnapshot.objects.filter(version_hash=CURRENT).exists()
    event = AuditEvent.objects.get(action="awards.category_repin")
    assert (event.before["instrument_hash"], event.after["instrument_hash"]) == (
        OLD_ACADEMIC,
        CURRENT,
    )
    assert "องค์ประกอบ เกณฑ์การประเมินเบื้องต้น: คะแนนดิบสูงสุด ๑๘ → ๓๐" in event.after["changes"]
    again = category_repin_preview(category=category, slot="scoring")
    assert again.blocked_th == "กลุ่มนี้ใช้แบบประเมินฉบับล่าสุดอยู่แล้ว"


def test_repin_refuses_once_a_judge_opened_an_entry(category, staff, make_user):
    from pramoen.judging.models import Review

    entry = Entry.objects.create(
        campaign=category.campaign,
        category=category,
        school=SchoolFactory(parent=category.campaign.esa),
        nominee_key="person:1",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={},
    )
    judge = make_user(roles=[Role.JUDGE], organization=category.campaign.esa, password=None)
    Review.objects.create(
        entry=entry,
        judge=judge,
        instrument_id="nara2-director-academic",
        instrument_hash=OLD_ACADEMIC,
    )
    with pytest.raises(ValidationError) as info:
        category_repin(category=category, slot="scoring", expected_hash=CURRENT, actor=staff)
    assert "กรรมการเริ่มประเมินผลงานของกลุ่มนี้แล้ว" in info.value.messages[0]
    category.refresh_from_db()
    assert category.scoring_instrument_hash == OLD_ACADEMIC
    assert not AuditEvent.objects.filter(action="awards.category_repin").exists()


def test_repin_refuses_a_version_the_person_was_not_shown(category, staff):
    with pytest.raises(ValidationError) as info:
        category_repin(category=category, slot="scoring", expected_hash="f" * 64, actor=staff)
    assert "เปลี่ยนอีกครั้ง" in info.value.messages[0]
    category.refresh_from_db()
    assert category.scoring_instrument_hash == OLD_ACADEMIC


def test_staff_page_offers_the_newer_version_and_confirms(client, category, staff):
    client.force_login(staff)
    detail = client.get(reverse("awards:campaign_detail", args=[category.campaign_id]))
    html = detail.content.decode()
    assert f'data-testid="repin-{category.pk}-scoring"' in html
    assert f'data-testid="repin-{category.pk}-eligibility"' not in html  # still current
    assert OLD_ACADEMIC[:12] not in html  # no hashes on the page
    url = reverse("awards:category_repin", args=[category.campaign_id, category.pk, "scoring"])
    page = client.get(url).content.decode()
    assert "คะแนนดิบสูงสุด ๑๘ → ๓๐" in page
    response = client.post(url, {"expected": CURRENT})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.scoring_instrument_hash == CURRENT


def test_bad_slot_and_other_esa_are_not_found(client, category, staff, make_user):
    client.force_login(staff)
    bad = reverse("awards:category_repin", args=[category.campaign_id, category.pk, "other"])
    assert client.get(bad).status_code == 404
    other = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(other)
    url = reverse("awards:category_repin", args=[category.campaign_id, category.pk, "scoring"])
    assert client.post(url, {"expected": CURRENT}).status_code == 404
    category.refresh_from_db()
    assert category.scoring_instrument_hash == OLD_ACADEMIC


def test_a_stale_confirmation_shows_the_problem_and_changes_nothing(client, category, staff):
    client.force_login(staff)
    url = reverse("awards:category_repin", args=[category.campaign_id, category.pk, "scoring"])
    response = client.post(url, {"expected": "x"})
    assert response.status_code == 400
    assert "กรุณาตรวจสอบอีกครั้ง" in response.content.decode()
