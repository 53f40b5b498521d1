from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.awards.group_catalog import offered_groups, spec_key
from pramoen.awards.models import CampaignCategory
from pramoen.awards.services import CategorySpec, campaign_create, campaign_groups_add
from pramoen.core.models import AuditEvent
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(esa, staff):
    return campaign_create(esa=esa, actor=staff, **campaign_fields())


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _url(campaign) -> str:
    return reverse("awards:campaign_groups", args=[campaign.pk])


def test_offered_groups_are_every_shipped_group_once():
    keys = [g.key for g in offered_groups()]
    assert len(keys) == len(set(keys))
    # school and director: 3 domains × 3 sizes each; teacher: 5 academic levels + innovation, × 3
    assert {"school|academic|||small", "teacher|academic|primary|activity|large"} <= set(keys)
    assert len([k for k in keys if k.startswith(("school|", "director|"))]) == 18
    assert len([k for k in keys if k.startswith("teacher|")]) == 18


def test_groups_page_lists_groups_by_category_and_domain_in_thai(staff_client, campaign):
    page = staff_client.get(_url(campaign)).content.decode()
    assert "ประเภทสถานศึกษา" in page
    assert "ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน" in page
    # The preview: the group as applicants pick it, and the forms it uses.
    assert f"{campaign.title_th}: ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก" in page
    assert "เกณฑ์การให้คะแนน" in page
    assert "school|academic" in page  # the checkbox values, not shown as text
    assert ">school<" not in page


def test_groups_post_creates_the_ticked_groups_pinned_and_audited(staff_client, campaign):
    keys = ["school|academic|||small", "teacher|innovation|||large"]
    response = staff_client.post(_url(campaign), {"groups": keys})
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:campaign_detail", args=[campaign.pk])
    groups = list(campaign.categories.order_by("position"))
    assert [(g.category, g.domain, g.size_class, g.position) for g in groups] == [
        ("school", "academic", "small", 0),
        ("teacher", "innovation", "large", 1),
    ]
    assert all(g.eligibility_instrument_hash and g.scoring_instrument_hash for g in groups)
    event = AuditEvent.objects.get(action="awards.campaign_groups_add")
    assert len(event.after["categories"]) == 2


def test_groups_already_there_are_ticked_disabled_and_not_posted_again(
    staff_client, campaign, staff
):
    campaign_groups_add(campaign=campaign, specs=[SCHOOL_ACADEMIC], actor=staff)
    page = staff_client.get(_url(campaign)).content.decode()
    assert 'value="school|academic|||small"' not in page
    assert "checked disabled" in page
    response = staff_client.post(_url(campaign), {"groups": ["school|academic|||small"]})
    assert response.status_code == 400
    assert "ไม่พบกลุ่มที่เลือกในรายการ" in response.content.decode()
    assert campaign.categories.count() == 1


def test_groups_post_with_nothing_ticked_says_so_in_thai(staff_client, campaign):
    response = staff_client.post(_url(campaign), {})
    assert response.status_code == 400
    assert "กรุณาเลือกกลุ่มการประกวดอย่างน้อยหนึ่งกลุ่ม" in response.content.decode()


def test_groups_post_refused_keeps_what_was_ticked(staff_client, campaign, monkeypatch):
    # A group whose instrument vanished from the library between GET and POST.
    import pramoen.awards.group_views as views

    real = views.offered_groups

    def broken():
        groups = real()
        first = groups[0]
        spec = CategorySpec(**{**_fields(first.spec), "scoring_instrument_id": "gone"})
        return [type(first)(**{**_fields(first), "spec": spec}), *groups[1:]]

    monkeypatch.setattr(views, "offered_groups", broken)
    keys = ["school|academic|||small", "director|management|||large"]
    response = staff_client.post(_url(campaign), {"groups": keys})
    page = response.content.decode()
    assert response.status_code == 400
    assert "ไม่พบแบบประเมินรหัส “gone”" in page
    assert 'value="director|management|||large" id' in page
    assert page.count(" checked>") == 2
    assert campaign.categories.count() == 0


def _fields(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__slots__}


def test_groups_add_refuses_a_group_the_campaign_has_and_saves_nothing(campaign, staff):
    campaign_groups_add(campaign=campaign, specs=[SCHOOL_ACADEMIC], actor=staff)
    other = next(g.spec for g in offered_groups() if g.spec.category == "director")
    with pytest.raises(Exception, match="มีอยู่ในการประกวดนี้แล้ว"):
        campaign_groups_add(campaign=campaign, specs=[other, SCHOOL_ACADEMIC], actor=staff)
    assert list(CampaignCategory.objects.values_list("category", flat=True)) == ["school"]


def test_groups_page_queries_do_not_grow_with_groups(
    staff_client, campaign, staff, queries_at_two_sizes
):
    specs = iter(g.spec for g in offered_groups())
    queries_at_two_sizes(
        _url(campaign),
        lambda n: campaign_groups_add(
            campaign=campaign, specs=[next(specs) for _ in range(n)], actor=staff
        ),
    )


def test_new_campaign_leads_to_the_groups_step(staff_client, campaign):
    assert spec_key(SCHOOL_ACADEMIC) == "school|academic|||small"
    page = staff_client.get(reverse("awards:campaign_detail", args=[campaign.pk])).content
    assert _url(campaign).encode() in page
