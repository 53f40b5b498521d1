"""ESA staff move a group to the re-transcribed director form after reading what changed."""

from __future__ import annotations

from playwright.sync_api import expect

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.core.models import AuditEvent
from pramoen.instruments import get_instrument, version_hash
from tests.e2e.conftest import login

OLD_ACADEMIC = "5370a9118526e9738ce70b42513acec0e1af17ac37701695e014bf31083ab1c2"


def test_esa_staff_read_the_changes_and_repin_a_director_group(page, demo_data):
    campaign = Campaign.objects.get(year_be=2570)
    group = CampaignCategory.objects.get(
        campaign=campaign, category="director", domain="academic", size_class="small"
    )
    # As a campaign created before the director forms were re-transcribed holds it.
    CampaignCategory.objects.filter(pk=group.pk).update(scoring_instrument_hash=OLD_ACADEMIC)

    login(page, "esa", DEMO_PASSWORD)
    page.goto(f"/awards/campaigns/{campaign.pk}/")
    categories = page.get_by_test_id("categories")
    expect(categories.get_by_test_id(f"repin-{group.pk}-scoring")).to_have_count(1)
    expect(categories).not_to_contain_text(OLD_ACADEMIC[:12])
    categories.get_by_test_id(f"repin-{group.pk}-scoring").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("เปลี่ยนเป็นแบบประเมินฉบับปรับปรุง")
    changes = page.get_by_test_id("changes")
    expect(changes).to_contain_text("เกณฑ์การประเมินเบื้องต้น: คะแนนดิบสูงสุด ๑๘ → ๓๐")
    expect(changes).to_contain_text("“ดำรงตำแหน่งผู้อำนวยการสถานศึกษา/รองผู้อำนวยการ”")
    page.get_by_test_id("repin-confirm").click()

    expect(page.get_by_role("status")).to_contain_text("เปลี่ยนเป็นเกณฑ์การให้คะแนนฉบับล่าสุดแล้ว")
    expect(page.get_by_test_id(f"repin-{group.pk}-scoring")).to_have_count(0)
    group.refresh_from_db()
    assert group.scoring_instrument_hash == version_hash(get_instrument("nara2-director-academic"))
    assert AuditEvent.objects.filter(
        action="awards.category_repin", target_id=str(group.pk)
    ).exists()
