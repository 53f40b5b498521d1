from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pramoen.judging import certificates as cert_build
from pramoen.judging import services
from pramoen.judging.models import CertificateBuild, EntryResult, Review
from tests.judging.helpers import ITEMS, all_checked
from tests.queries import count_queries


def _post_all(version: int, drop: int = 0, **extra) -> dict:
    data = {"version": str(version), **extra}
    for path, n in ITEMS.items():
        data[f"a-{path}"] = "1"
        data[f"i-{path}"] = [str(k) for k in range(1, max(n - drop, 0) + 1)]
    return data


def _finalized_group(committee, chair, judges, make_entry, n=2, school_names=None):
    entries = []
    for k in range(n):
        entry = make_entry()
        if school_names:
            entry.school.name_th = school_names[k]
            entry.school.save()
        for judge in judges:
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review,
                actor=judge,
                seen_version=review.version,
                indicators=all_checked(drop=k % 3),
            )
        entries.append(entry)
    services.group_finalize(committee=committee, actor=chair)
    return entries


def test_conflicted_judge_gets_404_on_entry_autosave_and_scores(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=chair)
    client.force_login(judge)
    assert client.get(reverse("judging:review", args=[entry.pk])).status_code == 200
    services.conflict_declare(entry=entry, judge=judge, reason="เคยเป็นครูที่โรงเรียนนี้")
    for name, method in (
        ("judging:review", "get"),
        ("judging:autosave", "post"),
        ("judging:scores", "get"),
    ):
        response = getattr(client, method)(reverse(name, args=[entry.pk]))
        assert (name, response.status_code) == (name, 404)


def test_unassigned_judge_gets_404(client, committee, judges, make_entry):
    entry = make_entry()
    client.force_login(judges[1])
    assert client.get(reverse("judging:review", args=[entry.pk])).status_code == 404


def test_autosave_partial_shows_points_and_thai_explanation(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    client.get(reverse("judging:review", args=[entry.pk]))
    data = {"version": "0", "a-c1.i1": "1", "i-c1.i1": ["1", "2", "3", "4", "5", "6", "7", "8"]}
    response = client.post(
        reverse("judging:autosave", args=[entry.pk]), data, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="score-c1.i1"' in html and "ดีเยี่ยม" in html
    assert 'id="version" value="1" hx-swap-oob="true"' in html
    review = Review.objects.get(entry=entry, judge=judges[0])
    assert (review.version, review.indicators["c1.i1"]) == (
        1,
        {"checked": [1, 2, 3, 4, 5, 6, 7, 8]},
    )


def test_stale_page_save_refused_keeps_typed_answers(client, committee, chair, judges, make_entry):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    client.get(reverse("judging:review", args=[entry.pk]))
    assert client.post(reverse("judging:review", args=[entry.pk]), _post_all(0)).status_code == 302
    response = client.post(
        reverse("judging:review", args=[entry.pk]),
        _post_all(0, drop=1, **{"n-c1.i1": "ความเห็นใหม่"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "ไม่บันทึกทับ" in html and "ความเห็นใหม่" in html
    assert Review.objects.get(entry=entry).indicators == all_checked()


def test_others_scores_hidden_until_own_submitted(client, committee, chair, judges, make_entry):
    entry = make_entry()
    for judge in judges[:2]:
        services.assignment_add(entry=entry, judge=judge, actor=chair)
    review = services.review_open(entry=entry, judge=judges[1])
    services.review_submit(review=review, actor=judges[1], seen_version=0, indicators=all_checked())
    client.force_login(judges[0])
    page = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    assert 'data-testid="other-judges"' not in page
    client.post(reverse("judging:review", args=[entry.pk]), _post_all(0, action="submit"))
    page = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    assert 'data-testid="other-judges"' in page and judges[1].display_name in page


@pytest.mark.parametrize("n", [1, 4])
def test_workspace_query_count_constant(
    client, committee, chair, judges, make_entry, n, django_assert_max_num_queries
):
    for _ in range(n):
        services.assignment_add(entry=make_entry(), judge=judges[0], actor=chair)
    client.force_login(judges[0])
    client.get(reverse("judging:workspace"))  # a warm-up visit (sessions, caches)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("judging:workspace")).status_code == 200


def test_committee_and_results_pages_query_counts_do_not_grow(
    client, committee, chair, judges, make_entry, category
):
    _finalized_group(committee, chair, judges, make_entry, n=1)
    client.force_login(chair)
    chair_url = reverse("judging:committee", args=[committee.pk])
    results_url = reverse("judging:results", args=[category.campaign_id])
    one = (count_queries(client, chair_url), count_queries(client, results_url))
    # Three more entries, fully reviewed, and the group finalized again: four results in all.
    _finalized_group(committee, chair, judges, make_entry, n=3)
    assert EntryResult.objects.filter(entry__category=category).count() == 4
    assert (count_queries(client, chair_url), count_queries(client, results_url)) == one


def test_results_page_lists_tier_rank_and_medals(
    client, committee, chair, judges, make_entry, category
):
    _finalized_group(committee, chair, judges, make_entry, n=2)
    html = client.get(reverse("judging:results", args=[category.campaign_id])).content.decode()
    assert "รางวัลเหรียญทอง" in html and "ชนะเลิศ" in html and "รองชนะเลิศอันดับ ๑" in html
    assert 'data-testid="tier-legend"' in html and 'data-testid="medals-school"' in html


def test_excel_export_neutralises_formula_injection(
    client, committee, chair, judges, make_entry, category
):
    evil = '=HYPERLINK("http://evil.invalid","x")'
    _finalized_group(committee, chair, judges, make_entry, n=2, school_names=[evil, "@SUM(1+1)"])
    response = client.get(reverse("judging:results_xlsx", args=[category.campaign_id]))
    book = load_workbook(BytesIO(response.content))
    sheet = book["ผลการตัดสิน"]
    # Shown exactly as typed (no apostrophe), stored as text, never a formula.
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted([evil, "@SUM(1+1)"])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
        assert row[2].data_type == "s" and row[2].quotePrefix
    # Scores are numbers shown with the results page's places; the header is frozen.
    scores = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(c.value, int | float) and c.number_format == "0.00" for c in scores)
    shown = EntryResult.objects.filter(entry__category=category).values_list("total_display")
    assert sorted(c.value for c in scores) == sorted(float(t) for (t,) in shown)
    assert sheet.freeze_panes == "A2" and sheet.cell(row=1, column=4).value == "คะแนน"
    assert book["รายละเอียด"].cell(row=2, column=2).value == category.campaign.title_th


def test_verify_page_valid_then_revoked(
    client, committee, chair, judges, make_entry, category, staff
):
    _finalized_group(committee, chair, judges, make_entry, n=1)
    [cert] = services.certificates_issue(campaign=category.campaign, actor=staff)
    url = reverse("judging:verify", args=[cert.short_code])
    page = client.get(url).content.decode()
    assert 'data-testid="cert-status">ใช้ได้' in page and cert.number_th in page
    services.certificate_revoke(certificate=cert, actor=staff, reason="ออกผิดกลุ่ม")
    assert "เพิกถอนแล้ว" in client.get(url).content.decode()
    assert client.get(reverse("judging:verify", args=["NOPE1234"])).status_code == 404


def test_chair_assigns_by_hand_and_overrides_a_conflict(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    conflict = services.conflict_declare(entry=entry, judge=judges[0], reason="ญาติ")
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    page = client.get(url).content.decode()
    assert "ญาติ" in page and "อนุญาตให้ประเมิน" in page
    client.post(url, {"action": "assign", "entry": entry.pk, "judge": judges[0].pk})
    assert not entry.assignments.exists()  # refused: conflicted
    client.post(url, {"action": "override", "conflict": conflict.pk, "reason": "ขาดกรรมการ"})
    client.post(url, {"action": "assign", "entry": entry.pk, "judge": judges[0].pk})
    assert list(entry.assignments.values_list("judge_id", "automatic")) == [(judges[0].pk, False)]


def test_judge_declares_conflict_then_gets_404(client, committee, chair, judges, make_entry):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    response = client.post(
        reverse("judging:declare_conflict", args=[entry.pk]), {"reason": "เคยสอนที่นี่"}
    )
    assert response.status_code == 302
    assert client.get(reverse("judging:review", args=[entry.pk])).status_code == 404


def test_other_chair_cannot_open_committee(client, committee, make_user, esa):
    from pramoen.accounts.enums import Role

    other = make_user(roles=[Role.COMMITTEE_CHAIR], organization=esa, password=None)
    client.force_login(other)
    assert client.get(reverse("judging:committee", args=[committee.pk])).status_code == 404


def test_staff_set_up_and_change_a_committee(client, staff, category, chair, judges):
    from pramoen.core.models import AuditEvent
    from pramoen.judging.models import Committee

    client.force_login(staff)
    listing = reverse("judging:campaign_committees", args=[category.campaign_id])
    assert "ยังไม่ตั้งคณะกรรมการ" in client.get(listing).content.decode()
    index = client.get(reverse("judging:staff_index")).content.decode()
    assert category.campaign.title_th in index
    url = reverse("judging:committee_edit", args=[category.campaign_id, category.pk])
    data = {
        "chair": chair.pk,
        "members": [j.pk for j in judges[:2]],
        "aggregation": "median",
        "max_spread": "8",
        "max_level_gap": "1",
        "hide_others_until_submitted": "on",
    }
    assert client.post(url, data).status_code == 302
    committee = Committee.objects.get(category=category)
    assert (committee.aggregation, committee.max_spread, committee.members.count()) == (
        "median",
        Decimal("8.00"),
        2,
    )
    data["members"] = [j.pk for j in judges]
    data["use_calibration"] = "on"
    assert client.post(url, data).status_code == 302
    committee.refresh_from_db()
    assert (committee.use_calibration, committee.members.count()) == (True, 3)
    assert AuditEvent.objects.filter(action="judging.committee_update").count() == 1


def test_staff_of_another_esa_get_404(client, category, make_user):
    from pramoen.accounts.enums import Role
    from tests.factories import EsaFactory

    stranger = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(stranger)
    url = reverse("judging:campaign_committees", args=[category.campaign_id])
    assert client.get(url).status_code == 404


def test_staff_build_certificates_then_download_pdf_and_zip(
    client, committee, chair, judges, make_entry, category, staff
):
    import zipfile
    from io import BytesIO as Buffer

    import pypdfium2 as pdfium

    from tests.storage import downloaded

    _finalized_group(committee, chair, judges, make_entry, n=2)
    client.force_login(staff)
    response = client.post(reverse("judging:certificates_build", args=[category.campaign_id]))
    assert response.url == reverse("judging:certificates", args=[category.campaign_id])
    # The view only queues the build (its thread starts on commit, which a test never reaches):
    # run the same service here, in the foreground.
    [build] = CertificateBuild.objects.filter(campaign_id=category.campaign_id)
    assert build.status == "queued" and build.created_by == staff
    cert_build.build_run(build.pk)
    page = client.get(response.url).content.decode()
    assert "สร้างเกียรติบัตร 2 ใบแล้ว" in page and 'data-testid="downloads"' in page
    pdf_url = reverse("judging:certificates_file", args=[category.campaign_id, "pdf"])
    pdf = pdfium.PdfDocument(downloaded(client.get(pdf_url)))
    assert len(pdf) == 2
    assert "ตรวจสอบความถูกต้องของเกียรติบัตร" in pdf[0].get_textpage().get_text_range()
    zip_url = reverse("judging:certificates_file", args=[category.campaign_id, "zip"])
    archive = zipfile.ZipFile(Buffer(downloaded(client.get(zip_url))))
    assert len(archive.namelist()) == 2
    client.force_login(judges[0])
    assert client.get(pdf_url).status_code == 403


def test_appeal_by_staff_of_another_esa_is_refused(
    client, committee, chair, judges, make_entry, make_user
):
    from pramoen.accounts.enums import Role
    from pramoen.judging.models import EntryResult
    from tests.factories import EsaFactory

    [entry, _] = _finalized_group(committee, chair, judges, make_entry, n=2)
    stranger = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(stranger)
    client.post(reverse("judging:appeal", args=[entry.pk]), {"reason": "อุทธรณ์"})
    assert EntryResult.objects.get(entry=entry).reopened_at is None


def test_portfolio_served_inline_and_404_when_conflicted(
    client, committee, chair, judges, make_entry, settings, tmp_path, file_storage
):
    from django.core.files.base import ContentFile

    entry = make_entry(pages="12-15, 20")
    entry.portfolio.save("portfolio.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    url = reverse("judging:portfolio", args=[entry.pk])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"].startswith("inline")
    page = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    # The in-page viewer loads the file itself (fetch, not a frame, which X-Frame-Options: DENY
    # would refuse) and the indicator's evidence link turns it to the first page named.
    assert f'data-src="{url}"' in page
    assert 'data-portfolio-page="12"' in page and "book.pdf หน้า 12-15, 20</a>" in page
    # Coming back revalidates: the same file answers 304, a replaced one is sent again.
    etag = response["ETag"]
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    entry.portfolio.save("portfolio.pdf", ContentFile(b"%PDF-1.4\n%corrected\n%%EOF\n"))
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
    services.conflict_declare(entry=entry, judge=judges[0], reason="ญาติ")
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"if-none-match": again["ETag"]}).status_code == 404


def test_chair_records_eligibility_and_screened_out_are_not_announced(
    client, committee, chair, judges, make_entry, category
):
    keep, out = make_entry(eligible=None), make_entry(eligible=None)
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    client.post(url, {"action": "eligibility", "entry": keep.pk, "eligible": "1"})
    client.post(
        url, {"action": "eligibility", "entry": out.pk, "eligible": "0", "reason": "ไม่ผ่าน O-NET"}
    )
    for judge in judges:
        services.assignment_add(entry=keep, judge=judge, actor=chair)
        review = services.review_open(entry=keep, judge=judge)
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    services.group_finalize(committee=committee, actor=chair)
    html = client.get(reverse("judging:results", args=[category.campaign_id])).content.decode()
    assert keep.school.name_th in html and out.school.name_th not in html


def test_a_pinned_version_found_nowhere_is_refused_in_thai(
    client, committee, chair, judges, make_entry, category
):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    type(category).objects.filter(pk=category.pk).update(scoring_instrument_hash="0" * 64)
    client.force_login(judges[0])
    response = client.get(reverse("judging:review", args=[entry.pk]), follow=True)
    assert "ไม่พบแบบประเมินฉบับที่กำหนดไว้สำหรับกลุ่มหรือรายงานนี้" in response.content.decode()


def test_chair_page_shows_calibrated_beside_raw(client, committee, chair, judges, make_entry):
    _finalized_group(committee, chair, judges, make_entry, n=2)
    client.force_login(chair)
    page = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    assert page.count("(ปรับมาตรฐาน ") == 6
    assert 'data-testid="calibrated"' in page


def _more_groups() -> list:
    from dataclasses import replace

    from tests.awards.conftest import SCHOOL_ACADEMIC, TEACHER_INNOVATION

    return [
        SCHOOL_ACADEMIC,
        replace(SCHOOL_ACADEMIC, size_class="medium"),
        replace(SCHOOL_ACADEMIC, size_class="large"),
        TEACHER_INNOVATION,
    ]


def _campaign_with_committees(esa, staff, chair, judges, edition: int):
    """Another edition of the ESA's campaign with four groups, each with its committee."""
    from pramoen.awards.services import campaign_create
    from pramoen.judging.services import committee_create
    from tests.awards.conftest import campaign_fields

    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=_more_groups(),
        **campaign_fields(edition=edition, year_be=2564 + edition),
    )
    for group in campaign.categories.all():
        committee_create(category=group, chair=chair, members=judges, actor=staff)
    return campaign


def test_staff_lists_query_counts_do_not_grow(
    client, esa, staff, chair, judges, committee, make_entry, category
):
    """The staff index, a campaign's committees and its certificate list, at 1 and at 4 rows."""
    from pramoen.judging.services import certificates_issue

    campaign = category.campaign
    _finalized_group(committee, chair, judges, make_entry, n=1)
    certificates_issue(campaign=campaign, actor=staff)
    client.force_login(staff)
    index = reverse("judging:staff_index")
    certificates = reverse("judging:certificates", args=[campaign.pk])
    one = (
        count_queries(client, index),
        count_queries(client, reverse("judging:campaign_committees", args=[campaign.pk])),
        count_queries(client, certificates),
    )

    for edition in (6, 7, 8):
        other = _campaign_with_committees(esa, staff, chair, judges, edition)
    _finalized_group(committee, chair, judges, make_entry, n=3)
    certificates_issue(campaign=campaign, actor=staff)
    assert campaign.certificates.count() == 4
    assert other.categories.count() == 4
    four = (
        count_queries(client, index),
        count_queries(client, reverse("judging:campaign_committees", args=[other.pk])),
        count_queries(client, certificates),
    )
    assert four == one


def test_chair_committee_list_query_count_does_not_grow(
    client, esa, staff, chair, judges, committee
):
    client.force_login(chair)
    url = reverse("judging:committees")
    one = count_queries(client, url)
    other = _campaign_with_committees(esa, staff, chair, judges, 6)
    page = client.get(url).content.decode()
    assert page.count(other.title_th) == 4
    assert count_queries(client, url) == one


def test_results_go_public_on_the_announcement_day_organizers_see_them_first(
    client, committee, chair, judges, make_entry, category, staff, make_user
):
    import datetime as dt

    from django.utils import timezone

    from pramoen.accounts.enums import Role
    from pramoen.awards.models import Campaign
    from tests.factories import EsaFactory

    [entry, _] = _finalized_group(committee, chair, judges, make_entry, n=2)
    campaign_id = category.campaign_id
    day = timezone.localdate() + dt.timedelta(days=5)
    Campaign.objects.filter(pk=campaign_id).update(announce_on=day)
    page_url = reverse("judging:results", args=[campaign_id])
    xlsx_url = reverse("judging:results_xlsx", args=[campaign_id])
    school = entry.school.name_th

    page = client.get(page_url).content.decode()  # the public, before the day
    assert 'data-testid="results-pending"' in page and school not in page
    assert client.get(xlsx_url).status_code == 404
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None))
    assert school not in client.get(page_url).content.decode()  # staff of another ESA

    client.force_login(staff)  # the organizing ESA reviews them before the day
    page = client.get(page_url).content.decode()
    assert school in page and 'data-testid="not-yet-public"' in page
    assert "เปิดพิจารณาอุทธรณ์" in page
    assert client.get(xlsx_url).status_code == 200

    Campaign.objects.filter(pk=campaign_id).update(announce_on=timezone.localdate())
    client.logout()
    page = client.get(page_url).content.decode()
    assert school in page and 'data-testid="not-yet-public"' not in page
    assert "เปิดพิจารณาอุทธรณ์" not in page


def test_committee_form_offers_the_esas_judges_and_those_already_seated(
    client, staff, chair, judges, category, make_user, make_school
):
    from pramoen.accounts.enums import Role
    from pramoen.judging.services import committee_create
    from tests.factories import EsaFactory

    at_a_school = make_user(roles=[Role.JUDGE], organization=make_school(), password=None)
    elsewhere = make_user(roles=[Role.JUDGE], organization=EsaFactory(), password=None)
    client.force_login(staff)
    url = reverse("judging:committee_edit", args=[category.campaign_id, category.pk])
    page = client.get(url).content.decode()
    for user in (chair, *judges, at_a_school):
        assert user.display_name in page
    assert elsewhere.display_name not in page  # a judge of another ESA
    # Once seated (e.g. before moving away), a member stays listed, so saving keeps them.
    committee_create(category=category, chair=chair, members=[*judges, elsewhere], actor=staff)
    assert elsewhere.display_name in client.get(url).content.decode()


def test_judge_pages_record_no_conflict_on_get(client, committee, chair, judges, make_entry):
    """GETs never write: a conflict that arose after assignment (the judge joined the entry's
    school) hides the entry at once, but only a write records it (the chair's page lists it)."""
    from pramoen.accounts.enums import Role
    from pramoen.accounts.services import membership_grant
    from pramoen.judging.models import ConflictOfInterest

    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=chair)
    membership_grant(user=judge, role=Role.JUDGE, organization=entry.school)
    client.force_login(judge)
    workspace = client.get(reverse("judging:workspace"))
    assert "มีส่วนได้เสีย" in workspace.content.decode()
    assert client.get(reverse("judging:review", args=[entry.pk])).status_code == 404
    assert not ConflictOfInterest.objects.exists()
    client.force_login(chair)
    page = client.get(reverse("judging:committee", args=[committee.pk]))
    assert "กรรมการสังกัดสถานศึกษาของผู้ส่งผลงาน" in page.content.decode()
    assert not ConflictOfInterest.objects.exists()
    client.post(
        reverse("judging:committee", args=[committee.pk]),
        {
            "action": "override",
            "entry": entry.pk,
            "judge": judge.pk,
            "source": "own_school",
            "reason": "ย้ายมาหลังส่งผลงาน",
        },
    )
    [row] = ConflictOfInterest.objects.all()
    assert not row.active and row.override_reason == "ย้ายมาหลังส่งผลงาน"


def test_the_judge_of_an_esa_authored_rubric_is_told_no_form_was_printed(
    client, campaign, chair, judges, staff, make_school, committee, make_entry
):
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Entry
    from pramoen.awards.services import CategorySpec, campaign_category_add

    group = campaign_category_add(
        campaign=campaign,
        spec=CategorySpec(
            category="supervisor",
            domain="academic",
            eligibility_instrument_id="nara2-edstaff-preliminary",
            scoring_instrument_id="nara2-edstaff-academic",
        ),
        actor=staff,
    )
    services.committee_create(category=group, chair=chair, members=judges[:1], actor=staff)
    school = make_school()
    entry = Entry.objects.create(
        campaign=campaign,
        category=group,
        school=school,
        nominee_key="person:supervisor",
        nominee_name="นางนิภาพร นิเทศดี",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={"scoring": {"fields": {}, "evidence": {}}},
    )
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    html = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    assert 'data-testid="esa-authored-notice">สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม<' in html
    # a transcribed form carries no such notice
    transcribed = make_entry()
    services.assignment_add(entry=transcribed, judge=judges[0], actor=chair)
    html = client.get(reverse("judging:review", args=[transcribed.pk])).content.decode()
    assert "esa-authored-notice" not in html
