"""Committees of many groups at once (issue 19): the grid, "the same committee for these groups",
refusals per row in Thai (the committee services' rules still hold), conflicts named."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import timezone

from pramoen.awards.services import campaign_create
from pramoen.core.models import AuditEvent
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Committee, Review
from pramoen.judging.services import committee_create
from pramoen.judging.services.committee_bulk import Seat, SeatResult, committees_seat
from tests.awards.conftest import SCHOOL_ACADEMIC, TEACHER_INNOVATION, campaign_fields

pytestmark = pytest.mark.django_db

SCHOOL_GROUPS = [
    SCHOOL_ACADEMIC,
    replace(SCHOOL_ACADEMIC, size_class="medium"),
    replace(SCHOOL_ACADEMIC, size_class="large"),
]


@pytest.fixture
def edition(esa, staff):
    return campaign_create(
        esa=esa,
        actor=staff,
        categories=[*SCHOOL_GROUPS, TEACHER_INNOVATION],
        **campaign_fields(edition=6, year_be=2570),
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _url(campaign, **query) -> str:
    url = reverse("judging:committees_bulk", args=[campaign.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _school_groups(campaign):
    return list(campaign.categories.filter(category="school").order_by("position"))


def test_service_seats_new_and_changed_groups_and_skips_unchanged(edition, staff, chair, judges):
    small, medium, large = _school_groups(edition)
    committee_create(category=small, chair=chair, members=judges, actor=staff)
    outcomes = committees_seat(
        campaign=edition,
        seats=[
            Seat(category=small, chair=chair, members=tuple(judges)),
            Seat(category=medium, chair=chair, members=tuple(judges[:2])),
            Seat(category=large, chair=judges[0], members=(judges[1], judges[2])),
        ],
        actor=staff,
    )
    assert [o.result for o in outcomes] == [
        SeatResult.UNCHANGED,
        SeatResult.CREATED,
        SeatResult.CREATED,
    ]
    assert Committee.objects.get(category=large).chair == judges[0]
    assert sorted(Committee.objects.get(category=medium).members.values_list("pk", flat=True)) == (
        sorted(j.pk for j in judges[:2])
    )
    event = AuditEvent.objects.get(action="judging.committees_seat")
    assert [g["result"] for g in event.after["groups"]] == ["unchanged", "created", "created"]


def test_service_refuses_a_finalized_group_in_thai_and_saves_the_others(
    edition, staff, chair, judges
):
    small, medium, _large = _school_groups(edition)
    frozen = committee_create(category=small, chair=chair, members=judges, actor=staff)
    frozen.finalized_at = timezone.now()
    frozen.save()
    outcomes = committees_seat(
        campaign=edition,
        seats=[
            Seat(category=small, chair=judges[0], members=tuple(judges)),
            Seat(category=medium, chair=chair, members=tuple(judges)),
        ],
        actor=staff,
    )
    assert outcomes[0].result == SeatResult.REFUSED
    assert outcomes[0].problems == ["กลุ่มนี้ยืนยันผลแล้ว จึงเปลี่ยนคณะกรรมการหรือวิธีรวมคะแนนไม่ได้"]
    assert outcomes[1].result == SeatResult.CREATED
    assert Committee.objects.get(category=small).chair == chair


def test_service_refuses_a_group_of_another_campaign(edition, staff, chair, esa):
    other = campaign_create(esa=esa, actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields())
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        committees_seat(
            campaign=edition,
            seats=[Seat(category=other.categories.get(), chair=chair, members=())],
            actor=staff,
        )
    assert not Committee.objects.exists()


def test_service_names_conflicts_of_the_seated_with_the_groups_entries(
    edition, staff, chair, judges, make_user
):
    from pramoen.accounts.enums import Role
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Entry
    from tests.orgs.factories import SchoolFactory

    small = _school_groups(edition)[0]
    school = SchoolFactory(parent=edition.esa)
    Entry.objects.create(
        campaign=edition,
        category=small,
        school=school,
        nominee_key=f"school:{school.pk}",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
    )
    insider = make_user(roles=[Role.JUDGE], organization=school, password=None)
    outcome = committees_seat(
        campaign=edition,
        seats=[Seat(category=small, chair=chair, members=(insider, judges[0]))],
        actor=staff,
    )[0]
    assert outcome.result == SeatResult.CREATED
    assert outcome.conflicts == [
        f"{insider.display_name}: กรรมการสังกัดสถานศึกษาของผู้ส่งผลงาน ({school.name_th}) "
        "จึงไม่ได้รับมอบหมายผลงานนี้"
    ]


def test_page_lists_one_category_per_page_with_tabs(staff_client, edition):
    page = staff_client.get(_url(edition)).content.decode()
    assert page.count('data-testid="grid-row"') == 3
    assert "?category=teacher" in page
    teacher = staff_client.get(_url(edition, category="teacher")).content.decode()
    assert teacher.count('data-testid="grid-row"') == 1


def test_grid_post_seats_the_rows_given_a_chair(staff_client, edition, chair, judges):
    small, medium, large = _school_groups(edition)
    response = staff_client.post(
        _url(edition, category="school"),
        {
            "go": "grid",
            f"chair-{small.pk}": chair.pk,
            f"members-{small.pk}": [judges[0].pk, judges[1].pk],
            f"chair-{large.pk}": judges[2].pk,
        },
    )
    assert response.status_code == 200
    assert Committee.objects.get(category=small).chair == chair
    assert Committee.objects.get(category=large).chair == judges[2]
    assert not Committee.objects.filter(category=medium).exists()
    assert "ตั้งคณะกรรมการแล้ว" in response.content.decode()


def test_grid_post_of_members_without_a_chair_is_a_thai_400(staff_client, edition, judges):
    small = _school_groups(edition)[0]
    response = staff_client.post(
        _url(edition), {"go": "grid", f"members-{small.pk}": [judges[0].pk]}
    )
    assert response.status_code == 400
    assert f"{small.label_th}: กรุณาเลือกประธานคณะกรรมการ" in response.content.decode()
    assert not Committee.objects.exists()


def test_grid_post_of_someone_not_a_judge_here_is_a_thai_400(staff_client, edition, make_user):
    small = _school_groups(edition)[0]
    outsider = make_user(password=None)
    response = staff_client.post(_url(edition), {"go": "grid", f"chair-{small.pk}": outsider.pk})
    assert response.status_code == 400
    assert "ไม่พบรายชื่อนี้ในกรรมการของเขต" in response.content.decode()
    response = staff_client.post(_url(edition), {"go": "grid", f"chair-{small.pk}": "x'1"})
    assert response.status_code == 400
    assert not Committee.objects.exists()


def test_same_committee_for_three_groups(staff_client, edition, chair, judges):
    groups = _school_groups(edition)
    response = staff_client.post(
        _url(edition),
        {
            "go": "same",
            "groups": [g.pk for g in groups],
            "same_chair": chair.pk,
            "same_members": [j.pk for j in judges],
        },
    )
    assert response.status_code == 200
    seated = Committee.objects.filter(category__in=groups)
    assert sorted(c.chair_id for c in seated) == [chair.pk] * 3
    assert all(
        sorted(c.members.values_list("pk", flat=True)) == sorted(j.pk for j in judges)
        for c in seated
    )
    assert not Committee.objects.filter(category__category="teacher").exists()


def test_same_committee_without_groups_or_chair_says_so(staff_client, edition, chair):
    response = staff_client.post(_url(edition), {"go": "same", "same_chair": chair.pk})
    assert response.status_code == 400
    assert "กรุณาติ๊กกลุ่มที่จะใช้คณะกรรมการชุดเดียวกัน" in response.content.decode()
    small = _school_groups(edition)[0]
    response = staff_client.post(_url(edition), {"go": "same", "groups": [small.pk]})
    assert response.status_code == 400
    assert "กรุณาเลือกประธานคณะกรรมการ" in response.content.decode()
    assert not Committee.objects.exists()


def test_grid_refusal_is_shown_on_its_row(staff_client, edition, staff, chair, judges):
    small = _school_groups(edition)[0]
    committee = committee_create(category=small, chair=chair, members=judges, actor=staff)
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Entry
    from tests.orgs.factories import SchoolFactory

    school = SchoolFactory(parent=edition.esa)
    entry = Entry.objects.create(
        campaign=edition,
        category=small,
        school=school,
        nominee_key=f"school:{school.pk}",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
    )
    Review.objects.create(entry=entry, judge=judges[0], status=ReviewStatus.SUBMITTED)
    response = staff_client.post(
        _url(edition),
        {
            "go": "grid",
            f"chair-{small.pk}": chair.pk,
            f"members-{small.pk}": [judges[1].pk, judges[2].pk],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "ส่งผลการประเมินในกลุ่มนี้แล้ว จึงถอนออกจากคณะกรรมการไม่ได้" in page
    assert "ไม่ได้บันทึก ๑ กลุ่ม" in page
    assert committee.members.count() == 3


def test_another_esas_staff_do_not_find_the_page(client, make_user, edition):
    from pramoen.accounts.enums import Role
    from pramoen.orgs.models import Organization

    other = Organization.objects.create(kind="esa", code="9999", name_th="เขตอื่น")
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=other))
    assert client.get(_url(edition)).status_code == 404


def test_search_narrows_the_pickers_but_keeps_who_is_seated(
    staff_client, edition, staff, chair, judges, make_user
):
    from pramoen.accounts.enums import Role

    small = _school_groups(edition)[0]
    committee_create(category=small, chair=chair, members=[judges[0]], actor=staff)
    wanted = make_user(
        roles=[Role.JUDGE], organization=edition.esa, password=None, first_name="สมหวังค้นเจอ"
    )
    page = staff_client.get(_url(edition, q="ค้นเจอ")).content.decode()
    same_chair = page.split('name="same_chair"', 1)[1].split("</select>", 1)[0]
    assert wanted.display_name in same_chair
    assert chair.display_name in same_chair  # seated on this page's group
    assert judges[1].display_name not in same_chair
    everyone = staff_client.get(_url(edition)).content.decode()
    assert judges[1].display_name in everyone.split('name="same_chair"', 1)[1].split("</select>")[0]
