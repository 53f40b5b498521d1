"""Each person's home with the next steps, and the public landing page (issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards.models import CampaignCategory, Entry, EntryEvent
from pramoen.awards.services import campaign_create
from pramoen.awards.services.entries import entry_start
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.orgs.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_campaign(esa, staff):
    today = timezone.localdate()
    return campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC],
        **campaign_fields(
            year_be=2570,
            edition=6,
            opens_on=today - dt.timedelta(days=5),
            deadline=timezone.now() + dt.timedelta(days=10, hours=1),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=today + dt.timedelta(days=60),
            entries_per_person_per_domain=10,
        ),
    )


@pytest.fixture
def school_account(make_user, esa):
    school = SchoolFactory(parent=esa)
    return make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)


def _school_of(user):
    return user.memberships.get().organization


def test_anonymous_home_is_the_landing_page(client, open_campaign):
    response = client.get("/")

    assert response.status_code == 200
    assert [c.pk for c in response.context["editions"]] == [open_campaign.pk]
    text = response.content.decode()
    assert reverse("people:edition", args=[open_campaign.pk]) in text
    assert 'action="/judging/verify/"' in text


def test_landing_lists_announced_results(client, esa, staff):
    announced = campaign_create(
        esa=esa, actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields()
    )

    response = client.get("/")

    assert [c.pk for c in response.context["results"]] == [announced.pk]
    assert reverse("judging:results", args=[announced.pk]) in response.content.decode()


def test_certificate_lookup_box_leads_to_the_verification_page(client, db):
    assert client.get("/judging/verify/").status_code == 200

    response = client.get("/judging/verify/", {"code": "abcd-efgh jkmn-pqrs"})

    assert response.status_code == 302
    assert response["Location"] == reverse("judging:verify", args=["ABCDEFGHJKMNPQRS"])


def test_certificate_lookup_takes_a_pasted_address(client, db):
    response = client.get("/judging/verify/", {"code": "https://x.invalid/judging/verify/AB12/"})

    assert response["Location"] == reverse("judging:verify", args=["AB12"])


def test_school_reads_the_edition_page_and_call_letter_before_applying(
    client, school_account, open_campaign
):
    client.force_login(school_account)

    page = client.get(reverse("people:edition", args=[open_campaign.pk]))
    letter = client.get(reverse("people:edition_letter", args=[open_campaign.pk]))

    assert page.status_code == 200
    [group] = page.context["groups"]
    assert group.scoring is not None
    assert group.scoring.rubric.components[0].title_th in page.content.decode()
    assert letter.status_code == 200
    assert letter.content[:2] == b"PK"


def test_edition_not_yet_open_is_not_found(client, esa, staff):
    later = campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC],
        **campaign_fields(
            year_be=2571,
            edition=7,
            opens_on=timezone.localdate() + dt.timedelta(days=30),
            deadline=timezone.now() + dt.timedelta(days=60),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )

    assert client.get(reverse("people:edition", args=[later.pk])).status_code == 404


def test_applicant_home_shows_open_edition_with_countdown_and_what_entries_lack(
    client, school_account, open_campaign
):
    category = CampaignCategory.objects.get(campaign=open_campaign)
    entry = entry_start(category=category, school=_school_of(school_account), actor=school_account)
    client.force_login(school_account)

    response = client.get("/")

    home = response.context["home"]
    assert [c.pk for c in home.open_campaigns] == [open_campaign.pk]
    assert home.open_campaigns[0].days_left == 10
    assert [(t.entry.pk, t.lacks) for t in home.entries] == [
        (entry.pk, ["ยังไม่ได้อัปโหลดแฟ้มผลงาน", "ยังไม่ได้ยืนยันส่งผลงาน"])
    ]
    assert "เหลืออีก ๑๐ วัน" in response.content.decode()


def test_returned_entry_comes_first_with_its_reason(client, school_account, open_campaign):
    category = CampaignCategory.objects.get(campaign=open_campaign)
    entry = entry_start(category=category, school=_school_of(school_account), actor=school_account)
    Entry.objects.filter(pk=entry.pk).update(correction_paths=["scoring.evidence.x"])
    EntryEvent.objects.create(
        entry=entry, kind="correction_requested", at=timezone.now(), note="แนบคำสั่งแต่งตั้งให้ครบ"
    )
    client.force_login(school_account)

    response = client.get("/")

    home = response.context["home"]
    assert [(t.entry.pk, t.returned_reason) for t in home.returned_entries] == [
        (entry.pk, "แนบคำสั่งแต่งตั้งให้ครบ")
    ]
    assert home.entries == []
    text = response.content.decode()
    assert text.index("แนบคำสั่งแต่งตั้งให้ครบ") < text.index("การประกวดที่เปิดรับผลงาน")


def test_english_browser_still_gets_a_thai_home(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="th">' in response.content.decode()


def test_home_queries_do_not_grow_with_entries(
    client, school_account, open_campaign, queries_at_two_sizes
):
    category = CampaignCategory.objects.get(campaign=open_campaign)
    school = _school_of(school_account)
    client.force_login(school_account)

    def grow(n: int) -> None:
        for i in range(n):
            entry = entry_start(
                category=category, school=school, actor=school_account, nominee_name=f"ผลงาน{i}"
            )
            EntryEvent.objects.create(
                entry=entry, kind="correction_requested", at=timezone.now(), note="แก้"
            )

    queries_at_two_sizes("/", grow)


def test_landing_queries_do_not_grow_with_editions(client, esa, staff, queries_at_two_sizes):
    made = []

    def grow(n: int) -> None:
        for _ in range(n):
            made.append(
                campaign_create(
                    esa=esa,
                    actor=staff,
                    categories=[SCHOOL_ACADEMIC],
                    **campaign_fields(
                        year_be=2580 + len(made),
                        edition=10 + len(made),
                        deadline=timezone.now() + dt.timedelta(days=9),
                        correction_starts_on=None,
                        correction_ends_on=None,
                        judging_starts_on=None,
                        judging_ends_on=None,
                        announce_on=None,
                    ),
                )
            )

    queries_at_two_sizes("/", grow)


@pytest.fixture
def demo(db):
    from pramoen.accounts.models import User
    from pramoen.core import demo as demo_data

    demo_data.load(lambda line: None)
    return {name: User.objects.get(username=name) for name in ("judge", "kpi")}


def test_judge_home_says_how_many_are_left(client, demo):
    from pramoen.judging.selectors.work import workspace_progress

    done, total = workspace_progress(judge=demo["judge"])
    client.force_login(demo["judge"])

    home = client.get("/").context["home"]

    assert home.assignments == (done, total)
    assert home.assignments_left == total - done


def test_kpi_reporter_home_lists_reports_still_to_send_with_due_dates(client, demo):
    from pramoen.kpi.models import KpiRound
    from pramoen.kpi.services.reports import report_get_or_create
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import Organization

    esa = Organization.objects.get(kind="esa", code=DEMO_ESA_CODE)
    report = report_get_or_create(
        round=KpiRound.objects.get(kind="12m"), esa=esa, actor=demo["kpi"]
    )
    client.force_login(demo["kpi"])

    response = client.get("/")

    assert [r.pk for r in response.context["home"].kpi_reports] == [report.pk]
    assert 'data-testid="kpi-due"' in response.content.decode()


def test_review_returned_by_the_chair_comes_first_with_the_reason(client, demo):
    from pramoen.judging.models import Committee, Review
    from pramoen.judging.services.reviews import review_return

    review = Review.objects.filter(judge=demo["judge"], status="submitted").first()
    chair = Committee.objects.get(category_id=review.entry.category_id).chair
    review_return(review=review, actor=chair, reason="ตัวชี้วัดที่ ๒ ให้คะแนนสูงกว่าหลักฐาน")
    client.force_login(demo["judge"])

    response = client.get("/")

    home = response.context["home"]
    assert [(r.pk, r.return_reason) for r in home.returned_reviews] == [
        (review.pk, "ตัวชี้วัดที่ ๒ ให้คะแนนสูงกว่าหลักฐาน")
    ]
    text = response.content.decode()
    assert text.index("ตัวชี้วัดที่ ๒ ให้คะแนนสูงกว่าหลักฐาน") < text.index("งานประเมินที่ได้รับมอบหมาย")


def test_landing_lists_an_edition_not_yet_open_without_a_link(client, esa, staff):
    later = campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC],
        **campaign_fields(
            year_be=2572,
            edition=8,
            opens_on=timezone.localdate() + dt.timedelta(days=3),
            deadline=timezone.now() + dt.timedelta(days=40),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )

    text = client.get("/").content.decode()

    assert later.title_th in text
    assert reverse("people:edition", args=[later.pk]) not in text
    assert "ยังไม่เปิดรับ" in text


@pytest.fixture
def announced_campaign(esa, staff):
    # The seed's edition, announced on 1 Aug 2569 (before today).
    return campaign_create(esa=esa, actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields())


def _result(campaign, school, actor, *, n: int, reopened: bool = False):
    from pramoen.judging.models import Certificate, EntryResult

    entry = Entry.objects.create(
        campaign=campaign,
        category=CampaignCategory.objects.get(campaign=campaign),
        school=school,
        nominee_key=f"school:{school.pk}:{n}",
        created_by=actor,
        status="submitted",
    )
    result = EntryResult.objects.create(
        entry=entry,
        instrument_hash=entry.category.scoring_instrument_hash,
        method="mean",
        total=f"8{n}.5",
        total_display=f"8{n}.50",
        eligible=True,
        tier="gold",
        tier_label_th="รางวัลเหรียญทอง",
        rank=1,
        finalized_at=timezone.now(),
        reopened_at=timezone.now() if reopened else None,
    )
    Certificate.objects.create(
        campaign=campaign,
        entry=entry,
        short_code=f"HOMECERT{n:04d}",
        number=n + 1,
        year_be=campaign.year_be,
        recipient=school.name_th,
        award="ได้รับรางวัลเหรียญทอง",
        issued_on=dt.date(2026, 8, 1),
    )
    return result


def test_applicant_home_shows_announced_results_with_score_of_full_marks_and_certificate(
    client, school_account, announced_campaign
):
    school = _school_of(school_account)
    shown = _result(announced_campaign, school, school_account, n=1)
    _result(announced_campaign, school, school_account, n=2, reopened=True)  # under appeal
    client.force_login(school_account)

    page = client.get("/").content.decode()

    assert page.count('data-testid="my-result"') == 1
    assert "รางวัลเหรียญทอง" in page
    assert f"คะแนน {shown.total_display} จากคะแนนเต็ม 100" in page
    assert reverse("judging:my_certificate", args=["HOMECERT0001"]) in page
    assert "HOMECERT0002" not in page


def test_applicant_home_hides_results_before_the_announcement_day(
    client, school_account, announced_campaign
):
    announced_campaign.announce_on = timezone.localdate() + dt.timedelta(days=1)
    announced_campaign.save(update_fields=["announce_on"])
    _result(announced_campaign, _school_of(school_account), school_account, n=1)
    client.force_login(school_account)

    assert 'data-testid="my-results"' not in client.get("/").content.decode()


def test_home_queries_do_not_grow_with_results(
    client, school_account, announced_campaign, queries_at_two_sizes
):
    school = _school_of(school_account)
    client.force_login(school_account)
    made = []

    def grow(n: int) -> None:
        for _ in range(n):
            made.append(_result(announced_campaign, school, school_account, n=len(made)))

    queries_at_two_sizes("/", grow)


def test_only_the_applicant_downloads_the_certificate_and_it_names_the_school(
    client, make_user, school_account, announced_campaign, file_storage
):
    import pypdfium2 as pdfium

    school = _school_of(school_account)
    _result(announced_campaign, school, school_account, n=1)
    url = reverse("judging:my_certificate", args=["HOMECERT0001"])
    other = make_user(
        roles=[Role.APPLICANT_SCHOOL], organization=SchoolFactory(parent=school.parent)
    )
    client.force_login(other)
    assert client.get(url).status_code == 404

    client.force_login(school_account)
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(response.content)
    assert school.name_th in document[0].get_textpage().get_text_range()
